namespace Sweep.Domain;

/// <summary>A recommended learning rate with its interval.</summary>
/// <param name="LearningRate">The fitted η at the target batch size.</param>
/// <param name="Low">The interval's lower end (NaN when there is none, e.g. a power law through two points).</param>
/// <param name="High">The interval's upper end.</param>
public sealed record PredictedRate(double LearningRate, double Low, double High);

/// <summary>What the fits recommend at one target batch size.</summary>
/// <param name="BatchSize">The target batch size.</param>
/// <param name="Extrapolated">True when the target lies outside [min B, max B] of the measured batch sizes.</param>
/// <param name="PowerLaw">From the power law, with its prediction interval; null without a fit.</param>
/// <param name="McCandlish">From the McCandlish curve, with its bootstrap interval; null without a fit.</param>
public sealed record Recommendation(double BatchSize, bool Extrapolated, PredictedRate? PowerLaw, PredictedRate? McCandlish);

/// <summary>
/// Learning rates to use at target batch sizes, read off the fits of a rule's (B, η) pairs.
/// <para>Power law: the ordinary least-squares prediction interval in log space, x = ln B, y = ln η:
/// ŷ ± t_(n−2, (1+ℓ)/2) · s · √(1 + 1/n + (x₀ − x̄)² / Sxx), mapped back by exp. It is the interval
/// for a new run's suggestion at B, so it widens with the distance from x̄ and never shrinks below
/// the seed-to-seed scatter s; it is exact under the power law with normal errors in ln η.</para>
/// <para>McCandlish: the percentile interval (level ℓ) of the bootstrap fits evaluated at the target,
/// η*(B) = η*_max / (1 + B*_noise / B) on each of the resamples <see cref="McCandlish.Estimate(IEnumerable{ValueTuple{double, double}}, ulong, int, double)"/> draws
/// from the same seed; a resample in a limit contributes its limit curve. The curve is nonlinear
/// in its parameters, so the bootstrap carries their joint uncertainty where a delta method would
/// need a linearisation that fails at the family's limits. It is an interval for the curve, not for
/// a new run.</para>
/// Both are marked extrapolated outside the measured batch sizes, where they rest on the model alone.
/// </summary>
public static class Recommend
{
    /// <summary>Every measured batch size, then 2× and 4× the largest: where a user scales up next.</summary>
    public static IReadOnlyList<double> DefaultTargets(IEnumerable<double> measuredBatchSizes)
    {
        var measured = measuredBatchSizes.Where(size => double.IsFinite(size) && size > 0).Distinct().Order().ToArray();
        return measured.Length == 0 ? [] : [.. measured, 2 * measured[^1], 4 * measured[^1]];
    }

    /// <summary>The recommendation at every target, from a rule's pairs (the same resamples as the report's for a seed).</summary>
    public static IReadOnlyList<Recommendation> For(IReadOnlyList<(double BatchSize, double LearningRate)> points, IEnumerable<double> targets,
        ulong seed, int resamples = Bootstrap.DefaultResamples, double level = Bootstrap.DefaultLevel)
    {
        var groups = Bootstrap.Groups(points);
        var mcCandlish = McCandlish.Fit(groups);
        var draws = mcCandlish is null ? [] : Bootstrap.Replicate(groups, seed, resamples, resample => McCandlish.Fit(Bootstrap.Groups(resample)));
        return For(groups, PowerLaw.Fit(Bootstrap.Points(groups)), mcCandlish, draws, targets, level);
    }

    /// <summary>The recommendation at every target from a rule's <see cref="FitDraws"/>: the same as from its pairs and seed, without refitting.</summary>
    public static IReadOnlyList<Recommendation> For(FitDraws draws, IEnumerable<double> targets, double level = Bootstrap.DefaultLevel) =>
        For(draws.Groups, draws.Line, draws.Curve, draws.Curves, targets, level);

    // The recommendations from the fits of the grouped pairs and the curves of their resamples.
    private static Recommendation[] For(IReadOnlyList<(double BatchSize, double[] LearningRates)> groups, PowerLawFit? powerLaw, McCandlishFit? mcCandlish,
        IReadOnlyList<McCandlishFit?> draws, IEnumerable<double> targets, double level)
    {
        (double Smallest, double Largest) range = groups.Count == 0 ? (double.NaN, double.NaN) : (groups[0].BatchSize, groups[^1].BatchSize);
        return targets.Select(target => new Recommendation(target, Extrapolated(target, range.Smallest, range.Largest),
                powerLaw is null ? null : FromPowerLaw(powerLaw, target, level),
                mcCandlish is null ? null : FromMcCandlish(mcCandlish, draws, target, level)))
            .ToArray();
    }

    /// <summary>True when <paramref name="target"/> lies outside [smallest, largest] (or there is no range).</summary>
    public static bool Extrapolated(double target, double smallest, double largest) => !(target >= smallest && target <= largest);

    /// <summary>The power law's η at <paramref name="target"/> with the OLS prediction interval at <paramref name="level"/>.</summary>
    public static PredictedRate FromPowerLaw(PowerLawFit fit, double target, double level = Bootstrap.DefaultLevel)
    {
        var x = Math.Log(target);
        var predicted = fit.Intercept + fit.Exponent * x;
        var t = StudentT.Quantile((1 + Bootstrap.Level(level)) / 2, fit.Points - 2);
        var half = t * fit.ResidualStandardError * Math.Sqrt(1 + 1.0 / fit.Points + Square(x - fit.MeanLogBatch) / fit.LogBatchSpread);
        return new PredictedRate(Math.Exp(predicted), Math.Exp(predicted - half), Math.Exp(predicted + half));
    }

    /// <summary>The McCandlish curve's η at <paramref name="target"/> with the percentile interval of <paramref name="draws"/> there.</summary>
    public static PredictedRate FromMcCandlish(McCandlishFit fit, IEnumerable<McCandlishFit?> draws, double target, double level = Bootstrap.DefaultLevel)
    {
        var (low, high) = Bootstrap.Interval(draws.Select(draw => draw?.At(target) ?? double.NaN), level);
        return new PredictedRate(fit.At(target), low, high);
    }

    private static double Square(double value) => value * value;
}
