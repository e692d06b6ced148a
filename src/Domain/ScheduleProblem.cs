namespace Sweep.Domain;

/// <summary>
/// Why a schedule could not be built. A closed set of cases, returned as a value (never thrown),
/// so that callers decide how to report it: a library user may match on the case, and every case
/// reads as the Domain's common <see cref="Domain.Problem"/> (<see cref="Problem"/>), whose one
/// line the CLI prints (<see cref="Message"/>).
/// </summary>
public abstract record ScheduleProblem
{
    private ScheduleProblem() { }

    /// <summary>The case as the Domain's common problem shape: subject, rule, value, fix.</summary>
    public abstract Problem Problem { get; }

    /// <summary>One line naming the problem and what to do about it.</summary>
    public string Message => Problem.Message;

    /// <summary>A parameter was NaN or infinite.</summary>
    public sealed record NotFinite(string Parameter, double Value) : ScheduleProblem
    {
        /// <inheritdoc />
        public override Problem Problem => new(Parameter, "must be a finite number", Domain.Problem.Show(Value));
    }

    /// <summary>An exponential schedule needs a positive start: it multiplies from there.</summary>
    public sealed record NonPositiveStart(double Start) : ScheduleProblem
    {
        /// <inheritdoc />
        public override Problem Problem =>
            new("start learning rate", "must be > 0 for an exponential schedule", Domain.Problem.Show(Start), "use e.g. 1e-7");
    }

    /// <summary>The end must lie above the start: the range test only grows the learning rate.</summary>
    public sealed record EndNotAboveStart(double Start, double End) : ScheduleProblem
    {
        // The value stands in the subject: "end learning rate (0.5) must be greater than start (1)".
        /// <inheritdoc />
        public override Problem Problem =>
            new($"end learning rate ({Domain.Problem.Show(End)})", $"must be greater than start ({Domain.Problem.Show(Start)})",
                Fix: "swap them or widen the range");
    }

    /// <summary>Fewer than two steps cannot span a range.</summary>
    public sealed record TooFewSteps(int Steps) : ScheduleProblem
    {
        /// <inheritdoc />
        public override Problem Problem => new("a schedule", "needs at least 2 steps", Domain.Problem.Show(Steps));
    }
}
