using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sweep.Domain;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>Schedules: where they start and end, how they grow, and what they refuse.</summary>
public class ScheduleProperties
{
    // Tolerance for the geometric and arithmetic checks. Each step is start·pow(end/start, p) with p
    // rounded; an error ε in p moves the value by |ln(end/start)|·ε relative, at most 30·2.2e-16
    // ≈ 7e-15 for the widest range generated (e^30), plus an ulp or two from pow and the product.
    // A ratio of two steps doubles that. 1e-9 is five orders above the worst rounding and well
    // below any real error: dividing by n instead of n − 1 shifts the ratio by about
    // ln(end/start)/n² ≥ 0.01/500² = 4e-8 for the ranges generated.
    private const double Relative = 1e-9;

    /// <summary>The gap between 1 and the next double (double.Epsilon is the smallest subnormal, not this).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    private static bool Close(double actual, double expected, double relative = Relative) =>
        Math.Abs(actual - expected) <= relative * Math.Abs(expected);

    private static Gen<(double Start, double End, int Steps)> Exponentials { get; } =
        from range in ExponentialRange
        from steps in Steps
        select (range.Start, range.End, steps);

    [Claim]
    public Property Exponential_Inclusive_StartsAtStart_EndsExactlyAtEnd() =>
        Prop.ForAll(Exponentials.ToArbitrary(), input =>
        {
            var lrs = Right(Schedule.Exponential(input.Start, input.End, input.Steps, Endpoint.Inclusive)).LearningRates();
            return lrs[0] == input.Start && lrs[^1] == input.End;
        });

    [Claim]
    public Property Exponential_HasConstantRatioBetweenSteps() =>
        Prop.ForAll((from input in Exponentials from endpoint in Endpoints select (input, endpoint)).ToArbitrary(), x =>
        {
            var (start, end, steps) = x.input;
            var lrs = Right(Schedule.Exponential(start, end, steps, x.endpoint)).LearningRates();
            var divisor = x.endpoint == Endpoint.Inclusive ? steps - 1 : steps;
            var ratio = Math.Pow(end / start, 1.0 / divisor);
            return Enumerable.Range(1, steps - 1).All(i => Close(lrs[i] / lrs[i - 1], ratio));
        });

    [Claim]
    public Property Exponential_Exclusive_LastStepIsStartTimesRatioToTheNMinus1OverN_AndBelowEnd() =>
        // The generated log-ratio is ≥ 0.01 and n ≤ 500, so end/last ≥ e^(0.01/500) = 1 + 2e-5:
        // "below end" is a real gap, not a rounding accident.
        Prop.ForAll(Exponentials.ToArbitrary(), input =>
        {
            var (start, end, steps) = input;
            var lrs = Right(Schedule.Exponential(start, end, steps, Endpoint.Exclusive)).LearningRates();
            var expected = start * Math.Pow(end / start, (steps - 1.0) / steps);
            return (lrs[0] == start).Label("starts at start")
                .And(Close(lrs[^1], expected).Label($"last {lrs[^1]} = {expected}"))
                .And((lrs[^1] < end).Label("below end"));
        });

    [Claim]
    public Property Linear_HasConstantDifferences_AndReachesEndWhenInclusive() =>
        Prop.ForAll((from range in LinearRange from steps in Steps from endpoint in Endpoints select (range, steps, endpoint)).ToArbitrary(), x =>
        {
            var ((start, end), steps, endpoint) = x;
            var lrs = Right(Schedule.Linear(start, end, steps, endpoint)).LearningRates();
            var difference = (end - start) / (endpoint == Endpoint.Inclusive ? steps - 1 : steps);
            // Each step is start + span·p: absolute rounding of a few ulps of max(|start|, |end|)
            // (16 ulps ≤ 4e-12 here), against differences of at least 1e-3/500 = 2e-6.
            var absolute = 16 * MachineEpsilon * Math.Max(Math.Abs(start), Math.Abs(end));
            var constant = Enumerable.Range(1, steps - 1)
                .All(i => Math.Abs(lrs[i] - lrs[i - 1] - difference) <= absolute + Relative * difference);
            var last = endpoint == Endpoint.Inclusive ? lrs[^1] == end : lrs[^1] < end;
            return (lrs[0] == start).Label("starts at start")
                .And(constant.Label("constant differences"))
                .And(last.Label("last step"));
        });

    [Claim]
    public Property EverySchedule_IsStrictlyIncreasing_WithNSteps() =>
        Prop.ForAll((from exponential in Gen.Elements(true, false)
                     from range in exponential ? ExponentialRange : LinearRange
                     from steps in Steps
                     from endpoint in Endpoints
                     select (exponential, range, steps, endpoint)).ToArbitrary(), x =>
        {
            var schedule = Right(x.exponential
                ? Schedule.Exponential(x.range.Start, x.range.End, x.steps, x.endpoint)
                : Schedule.Linear(x.range.Start, x.range.End, x.steps, x.endpoint));
            var lrs = schedule.LearningRates();
            return lrs.Length == x.steps
                && schedule.Steps == x.steps
                && Enumerable.Range(1, lrs.Length - 1).All(i => lrs[i] > lrs[i - 1])
                && lrs.All(lr => lr <= x.range.End);
        });

    [Claim]
    public Property LearningRates_AreLearningRateOfEachStep_AndPositionsLieInZeroOne() =>
        Prop.ForAll(ExponentialSchedule.ToArbitrary(), schedule =>
        {
            var lrs = schedule.LearningRates();
            return Enumerable.Range(0, schedule.Steps).All(i =>
                lrs[i].Equals(schedule.LearningRate(i))
                && schedule.LearningRate(i).Equals(schedule.LearningRate(i))
                && schedule.Position(i) >= 0 && schedule.Position(i) <= 1);
        });

    // Invalid input, one defect at a time: each gives its own case.

    [Claim]
    public Property Exponential_WithNonPositiveStart_IsNonPositiveStart() =>
        Prop.ForAll((from start in Gen.Frequency((1, Gen.Elements(0.0, -0.0, -double.Epsilon)), (3, LogUniform(1e-10, 1e3).Select(v => -v)))
                     from span in LogUniform(1e-3, 1e3)
                     from steps in Steps
                     from endpoint in Endpoints
                     select (start, end: start + span, steps, endpoint)).ToArbitrary(), x =>
            Schedule.Exponential(x.start, x.end, x.steps, x.endpoint)
                .Match(_ => false, problem => problem is ScheduleProblem.NonPositiveStart p && p.Start.Equals(x.start)));

    [Claim]
    public Property EndNotAboveStart_IsEndNotAboveStart_ForBothKinds() =>
        Prop.ForAll((from start in LogUniform(1e-10, 1e3)
                     from below in Gen.Frequency((1, Gen.Constant(0.0)), (3, Uniform(0, 1)))
                     from steps in Steps
                     from endpoint in Endpoints
                     from exponential in Gen.Elements(true, false)
                     select (start, end: start * (1 - below), steps, endpoint, exponential)).ToArbitrary(), x =>
            Build(x.exponential, x.start, x.end, x.steps, x.endpoint)
                .Match(_ => false, problem => problem is ScheduleProblem.EndNotAboveStart p && p.Start.Equals(x.start) && p.End.Equals(x.end)));

    [Claim]
    public Property FewerThanTwoSteps_IsTooFewSteps_ForBothKinds() =>
        Prop.ForAll((from range in ExponentialRange
                     from steps in Gen.Frequency((3, Gen.Choose(-5, 1)), (1, Gen.Elements(int.MinValue, -1_000_000)))
                     from endpoint in Endpoints
                     from exponential in Gen.Elements(true, false)
                     select (range, steps, endpoint, exponential)).ToArbitrary(), x =>
            Build(x.exponential, x.range.Start, x.range.End, x.steps, x.endpoint)
                .Match(_ => false, problem => problem is ScheduleProblem.TooFewSteps p && p.Steps == x.steps));

    [Claim]
    public Property NonFiniteStartOrEnd_IsNotFinite_NamingTheParameter() =>
        Prop.ForAll((from range in ExponentialRange
                     from bad in NonFinite
                     from which in Gen.Elements("start", "end")
                     from steps in Steps
                     from endpoint in Endpoints
                     from exponential in Gen.Elements(true, false)
                     select (start: which == "start" ? bad : range.Start, end: which == "end" ? bad : range.End,
                         which, bad, steps, endpoint, exponential)).ToArbitrary(), x =>
            Build(x.exponential, x.start, x.end, x.steps, x.endpoint)
                .Match(_ => false, problem => problem is ScheduleProblem.NotFinite p && p.Parameter == x.which && p.Value.Equals(x.bad)));

    [Claim]
    public Property AnyInput_NeverThrows_AndIsRightExactlyWhenValid() =>
        Prop.ForAll((from start in AnyDouble
                     from end in AnyDouble
                     from steps in Gen.Frequency((3, Gen.Choose(-3, 600)), (1, Gen.Elements(int.MinValue, int.MaxValue, 0, 1, 2)))
                     from endpoint in Endpoints
                     from exponential in Gen.Elements(true, false)
                     select (start, end, steps, endpoint, exponential)).ToArbitrary(), x =>
        {
            var defects = new List<Type>();
            if (!double.IsFinite(x.start) || !double.IsFinite(x.end)) defects.Add(typeof(ScheduleProblem.NotFinite));
            if (x.steps < 2) defects.Add(typeof(ScheduleProblem.TooFewSteps));
            if (x.end <= x.start) defects.Add(typeof(ScheduleProblem.EndNotAboveStart));
            if (x.exponential && x.start <= 0) defects.Add(typeof(ScheduleProblem.NonPositiveStart));
            var result = Build(x.exponential, x.start, x.end, x.steps, x.endpoint);
            return result.Match(
                _ => defects.Count == 0,
                problem => defects.Contains(problem.GetType()) && problem.Message.Length > 0);
        });

    private static LanguageExt.Either<ScheduleProblem, Schedule> Build(bool exponential, double start, double end, int steps, Endpoint endpoint) =>
        exponential ? Schedule.Exponential(start, end, steps, endpoint) : Schedule.Linear(start, end, steps, endpoint);
}
