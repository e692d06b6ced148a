using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;

namespace Sweep.Properties.Tests;

/// <summary>A curve as the rules read it. Printed with its values, so a counterexample is readable.</summary>
public sealed record CurveInput(double[] Lrs, double[] Losses)
{
    public override string ToString() => $"lrs = {Show.All(Lrs)}, losses = {Show.All(Losses)}";
}

/// <summary>Round-trip printing of values for counterexamples.</summary>
public static class Show
{
    public static string All(IEnumerable<double> values) => "[" + string.Join(", ", values.Select(One)) + "]";

    public static string One(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The generators every property file shares. Built from integers with LINQ, so every value is
/// reproducible from the replay seed; preconditions are built into the values (a positive
/// log-ratio gives end &gt; start) rather than filtered afterwards.
/// </summary>
public static class Generators
{
    private const int Resolution = 1 << 30;

    /// <summary>Uniform in [0, 1], 60 random bits.</summary>
    public static Gen<double> UnitInterval { get; } =
        from high in Gen.Choose(0, Resolution - 1)
        from low in Gen.Choose(0, Resolution - 1)
        select ((double)high * Resolution + low) / ((double)Resolution * Resolution - 1);

    /// <summary>Uniform in [low, high].</summary>
    public static Gen<double> Uniform(double low, double high) =>
        UnitInterval.Select(u => Math.Min(high, low + (high - low) * u));

    /// <summary>Log-uniform in [low, high] (both positive): every decade equally likely.</summary>
    public static Gen<double> LogUniform(double low, double high) =>
        Uniform(Math.Log(low), Math.Log(high)).Select(x => Math.Clamp(Math.Exp(x), low, high));

    /// <summary>A uniformly random bit pattern: any double, NaNs with payloads and subnormals included.</summary>
    public static Gen<double> AnyBits { get; } =
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        select BitConverter.Int64BitsToDouble(((long)high << 32) | (uint)low);

    /// <summary>The values that break naive arithmetic.</summary>
    public static Gen<double> Special { get; } = Gen.Elements(
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0,
        double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 1.0, -1.0);

    /// <summary>Non-finite values only.</summary>
    public static Gen<double> NonFinite { get; } =
        Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity);

    /// <summary>Any double, weighted towards the awkward ones.</summary>
    public static Gen<double> AnyDouble { get; } = Gen.Frequency(
        (4, Uniform(-10, 10)),
        (3, from magnitude in LogUniform(1e-300, 1e300)
            from negative in Gen.Elements(false, true)
            select negative ? -magnitude : magnitude),
        (2, Special),
        (1, AnyBits));

    /// <summary>A finite double of moderate size (|x| ≤ 1e6), zero and negatives included.</summary>
    public static Gen<double> ModerateFinite { get; } = Gen.Frequency(
        (6, Uniform(-1e6, 1e6)),
        (3, Uniform(-3, 3)),
        (1, Gen.Elements(0.0, 1.0, -1.0, 2.0)));

    /// <summary>A typical loss: positive, finite, 1e-3 to 1e3, with small integers often enough to make ties.</summary>
    public static Gen<double> PositiveLoss { get; } = Gen.Frequency(
        (8, LogUniform(1e-3, 1e3)),
        (2, Gen.Choose(1, 4).Select(i => (double)i)));

    /// <summary>A loss as a recorder may see it: mostly positive, sometimes tied, NaN, ±∞, zero or negative.</summary>
    public static Gen<double> WildLoss { get; } = Gen.Frequency(
        (12, PositiveLoss),
        (1, NonFinite),
        (1, Gen.Elements(0.0, -1.0, -0.5)));

    /// <summary>An array whose length is drawn from [minLength, maxLength].</summary>
    public static Gen<double[]> ArrayOf(Gen<double> element, int minLength, int maxLength) =>
        from length in Gen.Choose(minLength, maxLength)
        from values in Gen.ArrayOf(element, length)
        select values;

    /// <summary>
    /// A loss curve shaped like a range test's: a few shapes (noise, a random walk, a valley that
    /// falls then explodes, a plateau of ties), optionally with a NaN dropped in.
    /// </summary>
    public static Gen<double[]> LossCurve(int minLength, int maxLength) =>
        from length in Gen.Choose(minLength, maxLength)
        from shape in Gen.Choose(0, 3)
        from values in shape switch
        {
            0 => Gen.ArrayOf(PositiveLoss, length),
            1 => RandomWalk(length),
            2 => Valley(length),
            _ => Gen.ArrayOf(Gen.Choose(0, 3).Select(i => (double)i), length),
        }
        from poison in Gen.Frequency((4, Gen.Constant(-1)), (1, Gen.Choose(0, Math.Max(0, length - 1))))
        from poisonValue in NonFinite
        select poison >= 0 && poison < values.Length ? With(values, poison, poisonValue) : values;

    private static Gen<double[]> RandomWalk(int length) =>
        from first in LogUniform(0.1, 10)
        from steps in Gen.ArrayOf(Uniform(-0.2, 0.2), length)
        select Scan(first, steps, (level, step) => level * Math.Exp(step));

    private static Gen<double[]> Valley(int length) =>
        from bottom in Uniform(0.3, 0.8)
        from noise in Gen.ArrayOf(Uniform(-0.02, 0.02), length)
        select Enumerable.Range(0, length)
            .Select(i => (double)i / Math.Max(1, length - 1))
            .Select((p, i) => 2.5 - 2 * Math.Sin(Math.PI * Math.Min(p / bottom, 1) / 2) + 40 * Math.Pow(Math.Max(0, p - bottom), 2) + noise[i])
            .ToArray();

    private static double[] Scan(double first, double[] steps, Func<double, double, double> next)
    {
        var values = new double[steps.Length];
        var level = first;
        for (var i = 0; i < steps.Length; i++) values[i] = level = next(level, steps[i]);
        return values;
    }

    private static double[] With(double[] values, int index, double value)
    {
        var copy = (double[])values.Clone();
        copy[index] = value;
        return copy;
    }

    /// <summary>
    /// A valid exponential range: start in [1e-10, 1], end = e^(ln start + r) with r in [0.01, 30]
    /// (drawn in log space, not as start·e^r: that product makes start·(end/start) == end almost
    /// always, hiding the last-ulp miss the schedule pins), or a decade pair such as 1e-7..10.
    /// </summary>
    public static Gen<(double Start, double End)> ExponentialRange { get; } = Gen.Frequency(
        (4, from start in LogUniform(1e-10, 1)
            from logRatio in Uniform(0.01, 30)
            select (start, Math.Exp(Math.Log(start) + logRatio))),
        (1, from low in Gen.Choose(-10, 0)
            from decades in Gen.Choose(1, 10)
            from mantissa in Gen.Elements(1.0, 2.0, 3.0, 5.0)
            select (mantissa * Math.Pow(10, low), mantissa * Math.Pow(10, low + decades))));

    /// <summary>A valid linear range: start in [−100, 100], end = start + span, span in [1e-3, 1e3].</summary>
    public static Gen<(double Start, double End)> LinearRange { get; } =
        from start in Gen.Frequency((4, Uniform(-100, 100)), (1, Gen.Constant(0.0)))
        from span in LogUniform(1e-3, 1e3)
        select (start, start + span);

    /// <summary>A step count: small ones often, up to 500.</summary>
    public static Gen<int> Steps { get; } = Gen.Frequency((1, Gen.Choose(2, 5)), (3, Gen.Choose(2, 500)));

    /// <summary>Either endpoint.</summary>
    public static Gen<Endpoint> Endpoints { get; } = Gen.Elements(Endpoint.Inclusive, Endpoint.Exclusive);

    /// <summary>A valid exponential schedule.</summary>
    public static Gen<Schedule> ExponentialSchedule { get; } =
        from range in ExponentialRange
        from steps in Steps
        from endpoint in Endpoints
        select Right(Schedule.Exponential(range.Start, range.End, steps, endpoint));

    /// <summary>Smoothing settings: both references' and random β in [0, 0.999], debiased or not.</summary>
    public static Gen<SmoothingSettings> Smoothings { get; } = Gen.Frequency(
        (1, Gen.Elements(SmoothingSettings.Fastai, SmoothingSettings.PytorchLrFinder)),
        (3, from beta in Gen.Frequency((4, Uniform(0, 0.999)), (1, Gen.Elements(0.0, 0.5, 0.9, 0.99)))
            from debiased in Gen.Elements(false, true)
            select new SmoothingSettings(beta, debiased)));

    /// <summary>A divergence factor: both references' and random ones in [1.5, 20].</summary>
    public static Gen<double> Factors { get; } = Gen.Frequency(
        (1, Gen.Elements(Divergence.FastaiFactor, Divergence.PytorchLrFinderFactor)),
        (2, Uniform(1.5, 20)));

    /// <summary>Range-test settings with an exponential schedule of up to 500 steps.</summary>
    public static Gen<RangeTestSettings> Settings { get; } =
        from schedule in ExponentialSchedule
        from smoothing in Smoothings
        from factor in Factors
        select new RangeTestSettings(schedule, smoothing, factor);

    /// <summary>
    /// Positive values whose max/min ratio stays below <paramref name="factor"/>: base·factor^u with
    /// u in [0, 0.95], so the ratio is at most factor^0.95, a margin far above rounding.
    /// </summary>
    public static Gen<double[]> WithinFactor(double factor, int length) =>
        from scale in LogUniform(1e-3, 1e3)
        from exponents in Gen.ArrayOf(Uniform(0, 0.95), length)
        select exponents.Select(u => scale * Math.Pow(factor, u)).ToArray();

    /// <summary>The learning rates of a curve as a range test records them (a random exponential schedule).</summary>
    public static Gen<double[]> ScheduleLrs(int length) =>
        from range in ExponentialRange
        from endpoint in Endpoints
        select length < 2
            ? Enumerable.Repeat(range.Start, length).ToArray()
            : Right(Schedule.Exponential(range.Start, range.End, length, endpoint)).LearningRates();

    /// <summary>A realistic curve: schedule LRs and a shaped loss curve of the same length (0 to 120 points).</summary>
    public static Gen<CurveInput> RealisticCurve { get; } =
        from losses in LossCurve(0, 120)
        from lrs in ScheduleLrs(losses.Length)
        select new CurveInput(lrs, losses);

    /// <summary>
    /// Anything at all: LRs unsorted, negative, zero or non-finite; losses wild; lengths unequal
    /// (including empty and a single point).
    /// </summary>
    public static Gen<CurveInput> AnyCurve { get; } = Gen.Frequency(
        (2, RealisticCurve),
        (1, from lrs in ArrayOf(AnyDouble, 0, 40)
            from losses in ArrayOf(AnyDouble, 0, 40)
            select new CurveInput(lrs, losses)),
        (1, from length in Gen.Choose(0, 3)
            from lrs in Gen.ArrayOf(AnyDouble, length)
            from losses in Gen.ArrayOf(WildLoss, length)
            select new CurveInput(lrs, losses)),
        (1, from losses in LossCurve(0, 60)
            from lrs in Gen.Shuffle(Right(Schedule.Exponential(1e-7, 10, Math.Max(2, losses.Length), Endpoint.Inclusive)).LearningRates())
            from extra in Gen.Choose(-3, 3)
            select new CurveInput(lrs.Take(Math.Max(0, losses.Length + extra)).ToArray(), losses)));

    /// <summary>Every rule.</summary>
    public static Gen<Rule> Rules { get; } = Gen.Elements(RuleName.All.ToArray());

    /// <summary>The right side of an Either the generator built valid; a Left is a bug in the generator.</summary>
    public static T Right<T>(LanguageExt.Either<ScheduleProblem, T> either) =>
        either.Match(value => value, problem => throw new InvalidOperationException("generator built an invalid schedule: " + problem.Message));
}

/// <summary>Shrinkers that keep the generators' element-wise preconditions (they only drop elements).</summary>
public static class Shrink
{
    /// <summary>Halves, then single elements removed: every candidate is a sub-sequence of the original.</summary>
    public static IEnumerable<double[]> ByRemoval(double[] values)
    {
        if (values.Length == 0) yield break;
        yield return [];
        if (values.Length > 1)
        {
            yield return values[..(values.Length / 2)];
            yield return values[(values.Length / 2)..];
        }

        for (var i = 0; i < values.Length; i++) yield return [.. values[..i], .. values[(i + 1)..]];
    }
}
