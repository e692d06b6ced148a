using System.CommandLine;
using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>The seam between the command line and the specification: parsed options become an unchecked <see cref="ExperimentRequest"/>.</summary>
public static class CommandLineRequest
{
    /// <summary>
    /// The experiment <paramref name="parsed"/> (a `find` or `run` command line) asks for, each value
    /// as typed and null where its option was not given; <see cref="Specification.Validate"/> checks it.
    /// </summary>
    public static ExperimentRequest From(ParseResult parsed) => new()
    {
        Data = parsed.GetValue(ExperimentCommandLine.Data),
        ImageSize = parsed.GetValue(ExperimentCommandLine.ImageSize),
        Channels = parsed.GetValue(ExperimentCommandLine.Channels),
        Model = parsed.GetValue(ExperimentCommandLine.Model),
        Hidden = parsed.GetValue(ExperimentCommandLine.Hidden),
        Weights = parsed.GetValue(ExperimentCommandLine.Weights),
        Unfreeze = parsed.GetValue(ExperimentCommandLine.Unfreeze),
        Optimizer = parsed.GetValue(ExperimentCommandLine.Optimizer),
        Momentum = parsed.GetValue(ExperimentCommandLine.Momentum),
        Nesterov = parsed.GetValue(ExperimentCommandLine.Nesterov),
        WeightDecay = parsed.GetValue(ExperimentCommandLine.WeightDecay),
        Schedule = parsed.GetValue(ExperimentCommandLine.Schedule),
        Preset = parsed.GetValue(ExperimentCommandLine.Preset),
        Start = parsed.GetValue(ExperimentCommandLine.Start),
        End = parsed.GetValue(ExperimentCommandLine.End),
        Steps = parsed.GetValue(ExperimentCommandLine.Steps)?.Count,
        EpochSteps = parsed.GetValue(ExperimentCommandLine.Steps)?.Epoch == true ? true : null,
        Beta = parsed.GetValue(ExperimentCommandLine.Beta),
        Divergence = parsed.GetValue(ExperimentCommandLine.Divergence),
        Accumulate = parsed.GetValue(ExperimentCommandLine.Accumulate),
        Threads = parsed.GetValue(ExperimentCommandLine.Threads),
    };
}
