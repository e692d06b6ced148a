using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// The sections of sweep.json that hold results, each a function of Domain values to the record
/// System.Text.Json writes (snake_case names from the properties', numbers as numbers);
/// <see cref="SweepSummary.Write"/> puts them together. docs/sweep.schema.json describes every
/// field. Records, not anonymous objects, so that their description is generated at compile time
/// (<see cref="FileJson"/>): a dozen anonymous types described by reflection made the first
/// sweep.json a process wrote take 80–117 ms, the second 1.1–1.4 ms.
/// </summary>
public static class SweepJsonSections
{
    /// <summary>A finished run: its cell, why it stopped, its steps and every rule's suggestion.</summary>
    public sealed record RunEntry(int BatchSize, int Seed, string Stop, int Steps, Dictionary<string, double?> Suggestions);

    /// <summary>A rule's suggestions at one batch size: median, quartiles, and how many runs answered.</summary>
    public sealed record RuleSpread(double Median, double LowerQuartile, double UpperQuartile, int Answered);

    /// <summary>A batch size's runs and each rule's <see cref="RuleSpread"/>.</summary>
    public sealed record AggregateEntry(int BatchSize, int Runs, Dictionary<string, RuleSpread> Rules);

    /// <summary>The measured gradient noise scale and the ratio it predicts beside the one measured.</summary>
    public sealed record NoiseScaleEntry(double BSimple, double BSimpleStandardError, int SmallBatch, int BigBatch, double TrueSquaredNorm,
        double CovarianceTrace, int[] RatioBetween, double PredictedRatio, double MeasuredRatio);

    /// <summary>A power law's exponent and intercept with their intervals.</summary>
    public sealed record PowerLawEntry(double Exponent, double[] ExponentInterval, double Intercept, double[] InterceptInterval, double ExponentStandardError);

    /// <summary>A McCandlish fit's regime and parameters with their intervals.</summary>
    public sealed record McCandlishEntry(string Regime, double MaxLearningRate, double[] MaxLearningRateInterval, double NoiseScale,
        double[] NoiseScaleInterval, double ResidualStandardError);

    /// <summary>A rule's fits and verdict (the McCandlish fit is written "mccandlish", as before).</summary>
    public sealed record FitEntry(int Points, PowerLawEntry? PowerLaw, McCandlishEntry? Mccandlish, string Verdict, string Explanation);

    /// <summary>A recommended rate and its interval.</summary>
    public sealed record RateEntry(double LearningRate, double[] Interval);

    /// <summary>The recommendation at one target batch size, from both fits.</summary>
    public sealed record TargetEntry(double BatchSize, bool Extrapolated, RateEntry? PowerLaw, RateEntry? Mccandlish);

    /// <summary>The fit rule's recommendations and their level.</summary>
    public sealed record RecommendationsEntry(string Rule, double Level, IEnumerable<TargetEntry> Targets);

    /// <summary>A batch size's spread of losses and of each rule's suggestions across seeds.</summary>
    public sealed record NoiseEntry(int BatchSize, double LossSpread, Dictionary<string, double> SuggestionSpreadDecades);

    /// <summary>The bootstrap's seed, resamples and level.</summary>
    public sealed record BootstrapEntry(ulong Seed, int Resamples, double Level);

    /// <summary>One entry per finished run.</summary>
    public static IEnumerable<RunEntry> Runs(SweepSummary.Contents contents) =>
        contents.Results.Select(result => new RunEntry(result.Cell.BatchSize, result.Cell.Seed, RunFile.StopName(result.Curve.Stop),
            result.Curve.Points.Count, result.Suggestions.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value)));

    /// <summary>Per batch size: the median and quartiles of each rule's suggestions, and how many runs answered.</summary>
    public static IEnumerable<AggregateEntry> Aggregates(IReadOnlyList<BatchSizeSummary> aggregates) =>
        aggregates.Select(summary => new AggregateEntry(summary.BatchSize, summary.Runs, summary.Rules.ToDictionary(rule => RuleName.Of(rule.Rule),
            rule => new RuleSpread(rule.Median, rule.LowerQuartile, rule.UpperQuartile, rule.Suggestions.Count(value => value is not null)))));

    /// <summary>The measured gradient noise scale and the ratio it predicts beside the one measured; null when not measured.</summary>
    public static NoiseScaleEntry? NoiseScale(SweepSummary.Contents contents, IReadOnlyList<BatchSizeSummary> aggregates)
    {
        if (contents.NoiseScale is not { } noise) return null;
        var (largest, smallest) = (contents.Plan.BatchSizes.Max(), contents.Plan.BatchSizes.Min());
        return new NoiseScaleEntry(noise.Simple, noise.SimpleStandardError, noise.SmallBatch, noise.BigBatch, noise.TrueSquaredNorm, noise.CovarianceTrace,
            [largest, smallest], noise.PredictedRatio(largest, smallest), Aggregation.MeasuredRatio(aggregates, contents.FitRule, largest, smallest));
    }

    /// <summary>Per rule: the power law and the McCandlish fit with their intervals, and the verdict.</summary>
    public static Dictionary<string, FitEntry> Fits(ScalingReport scaling) =>
        scaling.Rules.ToDictionary(entry => RuleName.Of(entry.Rule), entry => new FitEntry(
            entry.Points,
            entry.PowerLaw is { } power
                ? new PowerLawEntry(power.Fit.Exponent, [power.ExponentLow, power.ExponentHigh], power.Fit.Intercept, [power.InterceptLow, power.InterceptHigh],
                    power.Fit.ExponentStandardError)
                : null,
            entry.McCandlish is { } knee
                ? new McCandlishEntry(knee.Fit.Regime.ToString().ToLowerInvariant(), knee.Fit.MaxLearningRate, [knee.MaxLearningRateLow, knee.MaxLearningRateHigh],
                    knee.Fit.NoiseScale, [knee.NoiseScaleLow, knee.NoiseScaleHigh], knee.Fit.ResidualStandardError)
                : null,
            Verdict.Name(entry.Verdict),
            entry.Explanation));

    /// <summary>The recommended learning rate at each target batch size, from both fits.</summary>
    public static RecommendationsEntry Recommendations(SweepSummary.Contents contents, ScalingReport scaling, IReadOnlyList<Recommendation> recommendations) =>
        new(RuleName.Of(contents.FitRule), scaling.Level, recommendations.Select(recommendation =>
            new TargetEntry(recommendation.BatchSize, recommendation.Extrapolated, Rate(recommendation.PowerLaw), Rate(recommendation.McCandlish))));

    /// <summary>Per batch size: how much the losses and each rule's suggestions spread across seeds.</summary>
    public static IEnumerable<NoiseEntry> Noise(ScalingReport scaling) =>
        scaling.Noise.Select(entry => new NoiseEntry(entry.BatchSize, entry.LossSpread,
            entry.SuggestionSpread.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value)));

    // A recommended rate and its interval as sweep.json writes it; null without a fit.
    private static RateEntry? Rate(PredictedRate? rate) => rate is null ? null : new RateEntry(rate.LearningRate, [rate.Low, rate.High]);
}
