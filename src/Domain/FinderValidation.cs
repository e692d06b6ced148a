using LanguageExt;
using static LanguageExt.Prelude;

namespace Sweep.Domain;

/// <summary>
/// The checks of the range test as asked: a known --preset and --schedule, the float32 limits of
/// --start and --end (<see cref="Specification.MinimumLearningRate"/>,
/// <see cref="Specification.MaximumLearningRate"/>); everything else (start &gt; 0, end above start,
/// at least 2 steps, β, the divergence factor) is <see cref="FinderOptions.Validate"/>'s, whose
/// problems are shown here with the option they concern.
/// </summary>
public static class FinderValidation
{
    /// <summary>The preset when none is named.</summary>
    public const string DefaultPreset = "fastai";

    /// <summary>The finder options with their settings, or every problem.</summary>
    internal static Validation<Problem, (FinderOptions Options, RangeTestSettings Settings)> Finder(ExperimentRequest request)
    {
        var preset = Preset.Parse(request.Preset ?? DefaultPreset).Match(
            Success<Problem, Preset>,
            () => Fail<Problem, Preset>(OptionProblem.Unknown("--preset", "preset", request.Preset ?? "", Preset.All.Select(known => known.Name))));
        var kind = Kind(request.Schedule);
        // Fewer than 2 steps is the schedule's to say; only what cannot be an int is refused here.
        var steps = OptionProblem.Count("--steps", request.Steps, Preset.DefaultSteps, int.MinValue, int.MaxValue);
        var (start, end) = (request.Start ?? Preset.DefaultStart, request.End ?? Preset.DefaultEnd);
        // Stand-ins for a bad preset, kind or step count, so that the other values are still judged.
        var options = new FinderOptions(preset.IfFail(Preset.Fastai), kind.IfFail(ScheduleKind.Exponential), start, end, steps.IfFail(Preset.DefaultSteps),
            request.Beta, request.Divergence);
        var settings = options.Validate().MapFail(Shown);
        return (preset, kind, steps, Limits(start, end), settings).Apply((_, _, _, _, valid) => (options, valid));
    }

    /// <summary>exp (or exponential) or linear; null: exp.</summary>
    internal static Validation<Problem, ScheduleKind> Kind(string? given) =>
        (given ?? "exp").Trim().ToLowerInvariant() switch
        {
            "exp" or "exponential" => ScheduleKind.Exponential,
            "linear" => ScheduleKind.Linear,
            _ => OptionProblem.Unknown("--schedule", "schedule", given ?? "", ["exp", "linear"]),
        };

    // Learning rates are applied in float32 parameters: far beyond the maximum they overflow to
    // infinity, and below the minimum there are no finer steps. Non-finite values are the schedule's.
    private static Validation<Problem, Unit> Limits(double start, double end)
    {
        var low = double.IsFinite(start) && start > 0 && start < Specification.MinimumLearningRate
            ? Fail<Problem, Unit>(new Problem("--start", "must be at least 1e-30", Problem.Show(start), "float32 has no finer steps"))
            : Success<Problem, Unit>(unit);
        var high = double.IsFinite(end) && end > Specification.MaximumLearningRate
            ? Fail<Problem, Unit>(new Problem("--end", "must be at most 1e6", Problem.Show(end), "float32 parameters overflow beyond it"))
            : Success<Problem, Unit>(unit);
        return (low, high).Apply((_, _) => unit);
    }

    // A finder problem names its quantity ("smoothing beta"); here it also names the option it came from.
    private static Problem Shown(Problem problem) =>
        OptionOf(problem.Subject) is { } option ? problem with { Subject = $"{option}: {problem.Subject}" } : problem;

    private static string? OptionOf(string subject) => subject switch
    {
        "start learning rate" or "start" => "--start",
        "end" => "--end",
        "smoothing beta" => "--beta",
        "divergence factor" => "--divergence",
        "a schedule" => "--steps",
        _ when subject.StartsWith("end learning rate", StringComparison.Ordinal) => "--end",
        _ => null,
    };
}
