using LanguageExt;
using static LanguageExt.Prelude;

namespace Sweep.Domain;

/// <summary>Where the last of n steps lands.</summary>
public enum Endpoint
{
    /// <summary>pytorch-lr-finder: position p = i/(n-1), so step n-1 is exactly the end.</summary>
    Inclusive,

    /// <summary>fastai: position p = i/n, so step n-1 stops one step short of the end.</summary>
    Exclusive,
}

/// <summary>
/// A learning-rate schedule as data: a closed set of cases evaluated by one pure function of the
/// step, <see cref="LearningRate"/>. Progress is an explicit argument, so asking twice gives the same
/// answer (unlike a stateful scheduler whose get_lr moves it on).
/// <para>Exponential: lr(i) = start · (end/start)^p. Linear: lr(i) = start + (end − start) · p.
/// p = i/(n−1) for <see cref="Endpoint.Inclusive"/>, p = i/n for <see cref="Endpoint.Exclusive"/>.</para>
/// Built only through <see cref="Exponential"/> and <see cref="Linear"/>, which validate.
/// </summary>
public abstract record Schedule
{
    private Schedule(double start, double end, int steps, Endpoint endpoint)
    {
        Start = start;
        End = end;
        Steps = steps;
        Endpoint = endpoint;
    }

    /// <summary>The learning rate at step 0.</summary>
    public double Start { get; }

    /// <summary>The learning rate the schedule heads for.</summary>
    public double End { get; }

    /// <summary>The number of steps n.</summary>
    public int Steps { get; }

    /// <summary>Whether step n−1 reaches <see cref="End"/>.</summary>
    public Endpoint Endpoint { get; }

    /// <summary>Geometric growth: a constant ratio between consecutive steps.</summary>
    public sealed record ExponentialCase : Schedule
    {
        internal ExponentialCase(double start, double end, int steps, Endpoint endpoint)
            : base(start, end, steps, endpoint) { }
    }

    /// <summary>Arithmetic growth: a constant difference between consecutive steps.</summary>
    public sealed record LinearCase : Schedule
    {
        internal LinearCase(double start, double end, int steps, Endpoint endpoint)
            : base(start, end, steps, endpoint) { }
    }

    /// <summary>An exponential schedule, or why it cannot be one.</summary>
    internal static Either<ScheduleProblem, Schedule> Exponential(double start, double end, int steps, Endpoint endpoint) =>
        Check(start, end, steps).Bind<Schedule>(_ => start > 0
            ? new ExponentialCase(start, end, steps, endpoint)
            : new ScheduleProblem.NonPositiveStart(start));

    /// <summary>A linear schedule, or why it cannot be one.</summary>
    internal static Either<ScheduleProblem, Schedule> Linear(double start, double end, int steps, Endpoint endpoint) =>
        Check(start, end, steps).Map<Schedule>(_ => new LinearCase(start, end, steps, endpoint));

    /// <summary>
    /// The fraction of the range covered at <paramref name="step"/>: i/(n−1) or i/n. Not clamped:
    /// a step past the end extrapolates, which is what a caller asking for it gets.
    /// </summary>
    public double Position(int step) =>
        Endpoint == Endpoint.Inclusive ? (double)step / (Steps - 1) : (double)step / Steps;

    /// <summary>The learning rate at <paramref name="step"/> (0-based). Pure and total.</summary>
    public double LearningRate(int step)
    {
        var position = Position(step);
        // Pinning p = 1 to End exactly: start·(end/start)¹ can miss end by an ulp.
        if (position == 1.0) return End;
        return this switch
        {
            ExponentialCase => Start * Math.Pow(End / Start, position),
            LinearCase => Start + (End - Start) * position,
            _ => throw new InvalidOperationException("unreachable: Schedule is closed"),
        };
    }

    /// <summary>Every step's learning rate, in order.</summary>
    public double[] LearningRates()
    {
        var rates = new double[Steps];
        for (var step = 0; step < Steps; step++) rates[step] = LearningRate(step);
        return rates;
    }

    private static Either<ScheduleProblem, Unit> Check(double start, double end, int steps) =>
        !double.IsFinite(start) ? new ScheduleProblem.NotFinite("start", start)
        : !double.IsFinite(end) ? new ScheduleProblem.NotFinite("end", end)
        : steps < 2 ? new ScheduleProblem.TooFewSteps(steps)
        : end <= start ? new ScheduleProblem.EndNotAboveStart(start, end)
        : Right<ScheduleProblem, Unit>(unit);
}
