namespace Sweep.Domain;

/// <summary>
/// Why a schedule could not be built. A closed set of cases, returned as a value (never thrown),
/// so that callers decide how to report it: the CLI prints <see cref="Message"/>, a library user
/// may match on the case.
/// </summary>
public abstract record ScheduleProblem
{
    private ScheduleProblem() { }

    /// <summary>One line naming the problem and what to do about it.</summary>
    public abstract string Message { get; }

    /// <summary>A parameter was NaN or infinite.</summary>
    public sealed record NotFinite(string Parameter, double Value) : ScheduleProblem
    {
        /// <inheritdoc />
        public override string Message => $"{Parameter} must be a finite number, got {Value}.";
    }

    /// <summary>An exponential schedule needs a positive start: it multiplies from there.</summary>
    public sealed record NonPositiveStart(double Start) : ScheduleProblem
    {
        /// <inheritdoc />
        public override string Message =>
            $"start learning rate must be > 0 for an exponential schedule, got {Start}; use e.g. 1e-7.";
    }

    /// <summary>The end must lie above the start: the range test only grows the learning rate.</summary>
    public sealed record EndNotAboveStart(double Start, double End) : ScheduleProblem
    {
        /// <inheritdoc />
        public override string Message =>
            $"end learning rate ({End}) must be greater than start ({Start}); swap them or widen the range.";
    }

    /// <summary>Fewer than two steps cannot span a range.</summary>
    public sealed record TooFewSteps(int Steps) : ScheduleProblem
    {
        /// <inheritdoc />
        public override string Message => $"a schedule needs at least 2 steps, got {Steps}.";
    }
}
