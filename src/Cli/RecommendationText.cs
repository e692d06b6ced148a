using System.Globalization;
using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>
/// How a recommendation reads: the rate, its interval and the fit it comes from, in one line. The
/// power law leads because its interval is a prediction interval for a new run at that batch size;
/// the McCandlish curve answers where no power law could be fitted. Numbers are computed by
/// <see cref="Recommend"/>; this only words them.
/// </summary>
public static class RecommendationText
{
    /// <summary>The recommendations of <paramref name="rule"/> at <paramref name="targets"/> from a sweep's results (bootstrap seed fixed, as in the report).</summary>
    public static IReadOnlyList<Recommendation> Of(IReadOnlyList<RunResult> results, Rule rule, IEnumerable<double> targets) =>
        Recommend.For(Aggregation.Pairs(results, rule).ToArray(), targets, SweepOutputs.BootstrapSeed);

    /// <summary>The same from the bootstrap fits the sweep's scaling report was made of (<see cref="ScalingReport.Draws"/>), without refitting.</summary>
    public static IReadOnlyList<Recommendation> Of(IReadOnlyList<(Rule Rule, FitDraws Draws)> draws, Rule rule, IEnumerable<double> targets) =>
        Recommend.For(draws.First(entry => entry.Rule == rule).Draws, targets);

    /// <summary>The default targets of a sweep: every measured batch size, then 2x and 4x the largest.</summary>
    public static IReadOnlyList<double> DefaultTargets(SweepPlan plan) => Recommend.DefaultTargets(plan.BatchSizes.Select(size => (double)size));

    /// <summary>One line: "batch size 256: learning rate 0.41 (95% interval 0.18 to 0.93), power law of min-loss, extrapolated beyond 8 to 64".</summary>
    public static string Line(Recommendation recommendation, Rule rule, SweepPlan plan)
    {
        var size = recommendation.BatchSize.ToString("0.##", CultureInfo.InvariantCulture);
        var (rate, source) = recommendation.PowerLaw is { } power ? (power, "power law")
            : recommendation.McCandlish is { } curve ? (curve, "McCandlish curve") : (null, "");
        if (rate is null) return $"batch size {size}: no recommendation; {RuleName.Of(rule)} gave too few suggestions to fit (run more seeds or batch sizes)";
        var interval = double.IsFinite(rate.Low) && double.IsFinite(rate.High)
            ? string.Create(CultureInfo.InvariantCulture, $" (95% interval {Rate(rate.Low)} to {Rate(rate.High)})")
            : " (no interval: too few batch sizes)";
        var where = recommendation.Extrapolated
            ? $", extrapolated beyond the measured batch sizes {plan.BatchSizes.Min()} to {plan.BatchSizes.Max()}"
            : "";
        return $"batch size {size}: learning rate {Rate(rate.LearningRate)}{interval}, from the {source} of {RuleName.Of(rule)}{where}";
    }

    /// <summary>A learning rate with three significant digits.</summary>
    public static string Rate(double rate) => rate.ToString("0.###e+0", CultureInfo.InvariantCulture);
}
