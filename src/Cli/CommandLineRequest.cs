using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>
/// The command line's experiment as an <see cref="ExperimentRequest"/>: each option's value, typed,
/// and null where the option was not given (its default is the request's, documented there; a
/// command's own default, such as `run`'s start, is the command's to apply). A pure mapping: every
/// check is <see cref="Specification.Validate"/>'s.
/// </summary>
public static class CommandLineRequest
{
    /// <summary>The request the parsed options of `find` or `run` make.</summary>
    public static ExperimentRequest From(ParsedOptions options)
    {
        T? Given<T>(ParsedOptions parsed, string name, Func<string, T?> read) => parsed.Given(name) ? read(name) : default;
        return new()
        {
            Data = Given(options, "data", options.Text),
            ImageSize = Given(options, "image-size", name => (int?)options.Int(name)),
            Channels = Given(options, "channels", options.Text),
            Model = Given(options, "model", options.Text),
            Hidden = Given(options, "hidden", options.Ints),
            Weights = Given(options, "weights", options.Text),
            Unfreeze = options.Flag("unfreeze") ? true : null,
            Optimizer = Given(options, "optimizer", options.Text),
            Momentum = Given(options, "momentum", name => (double?)options.Double(name)),
            Nesterov = options.Flag("nesterov") ? true : null,
            WeightDecay = Given(options, "weight-decay", name => (double?)options.Double(name)),
            Schedule = Given(options, "schedule", options.Text),
            Preset = Given(options, "preset", options.Text),
            Start = Given(options, "start", name => (double?)options.Double(name)),
            End = Given(options, "end", name => (double?)options.Double(name)),
            Steps = Given(options, "steps", name => (long?)options.Int(name)),
            Beta = Given(options, "beta", name => (double?)options.Double(name)),
            Divergence = Given(options, "divergence", name => (double?)options.Double(name)),
            Accumulate = Given(options, "accumulate", name => (long?)options.Int(name)),
            Threads = Given(options, "threads", name => (long?)options.Int(name)),
        };
    }
}
