using Sweep.Cli.Files;
using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Models;

namespace Sweep.Cli;

/// <summary>
/// The edge where a request meets the machine:
/// what the shell observes (<see cref="Observe"/>) and the one call of <see cref="Specification.Validate"/>
/// (<see cref="Specify"/>). The output folder, --rules and --quiet are the commands' own presentation
/// options and no part of the experiment.
/// </summary>
public static class ExperimentInput
{
    /// <summary>
    /// What the shell sees for <paramref name="request"/>: this machine's processors, the data's full
    /// path when it names an existing folder (a built-in name wins over a folder of that name), and the
    /// weights file's full path and SHA-256 when it exists.
    /// </summary>
    public static ExperimentFacts Observe(ExperimentRequest request)
    {
        var data = request.Data;
        var folder = data is not null && !DataSpec.BuiltInNames.Contains(data.Trim().ToLowerInvariant()) && Directory.Exists(data) ? Path.GetFullPath(data) : null;
        var weights = request.Weights is { } path && File.Exists(path) ? new WeightsFile(Path.GetFullPath(path), Fingerprint.OfFile(path)) : null;
        return new ExperimentFacts(Environment.ProcessorCount, folder, weights);
    }

    /// <summary>
    /// The spec of <paramref name="request"/> on this machine. Its problems are one usage error, one
    /// line: every problem's sentence, in the order <see cref="Specification.Validate"/> gives them.
    /// </summary>
    public static ExperimentSpec Specify(ExperimentRequest request) =>
        Specification.Validate(request, Observe(request)).Match(
            spec => spec,
            problems => throw new UsageException(string.Join(" ", problems.Select(problem => problem.Message))));
}
