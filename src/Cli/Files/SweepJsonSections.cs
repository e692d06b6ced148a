using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// The sections of sweep.json that hold results, each a function of Domain values to the object
/// System.Text.Json writes (snake_case names, numbers as numbers); <see cref="SweepSummary.Write"/>
/// puts them together. docs/sweep.schema.json describes every field.
/// </summary>
public static class SweepJsonSections
{
    /// <summary>One entry per finished run: its cell, why it stopped, its steps and every rule's suggestion.</summary>
    public static IEnumerable<object> Runs(SweepSummary.Contents contents) =>
        contents.Results.Select(result => new
        {
            batch_size = result.Cell.BatchSize,
            seed = result.Cell.Seed,
            stop = RunFile.StopName(result.Curve.Stop),
            steps = result.Curve.Points.Count,
            suggestions = result.Suggestions.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value),
        });

    /// <summary>Per batch size: the median and quartiles of each rule's suggestions, and how many runs answered.</summary>
    public static IEnumerable<object> Aggregates(IReadOnlyList<BatchSizeSummary> aggregates) =>
        aggregates.Select(summary => new
        {
            batch_size = summary.BatchSize,
            runs = summary.Runs,
            rules = summary.Rules.ToDictionary(rule => RuleName.Of(rule.Rule), rule => new
            {
                median = rule.Median,
                lower_quartile = rule.LowerQuartile,
                upper_quartile = rule.UpperQuartile,
                answered = rule.Suggestions.Count(value => value is not null),
            }),
        });

    /// <summary>The measured gradient noise scale and the ratio it predicts beside the one measured; null when not measured.</summary>
    public static object? NoiseScale(SweepSummary.Contents contents, IReadOnlyList<BatchSizeSummary> aggregates) =>
        contents.NoiseScale is { } noise ? new
        {
            b_simple = noise.Simple,
            b_simple_standard_error = noise.SimpleStandardError,
            small_batch = noise.SmallBatch,
            big_batch = noise.BigBatch,
            true_squared_norm = noise.TrueSquaredNorm,
            covariance_trace = noise.CovarianceTrace,
            ratio_between = new[] { contents.Plan.BatchSizes.Max(), contents.Plan.BatchSizes.Min() },
            predicted_ratio = noise.PredictedRatio(contents.Plan.BatchSizes.Max(), contents.Plan.BatchSizes.Min()),
            measured_ratio = Aggregation.MeasuredRatio(aggregates, contents.FitRule, contents.Plan.BatchSizes.Max(), contents.Plan.BatchSizes.Min()),
        } : null;

    /// <summary>Per rule: the power law and the McCandlish fit with their intervals, and the verdict.</summary>
    public static Dictionary<string, object> Fits(ScalingReport scaling) =>
        scaling.Rules.ToDictionary(entry => RuleName.Of(entry.Rule), entry => (object)new
        {
            points = entry.Points,
            power_law = entry.PowerLaw is { } power ? new
            {
                exponent = power.Fit.Exponent,
                exponent_interval = new[] { power.ExponentLow, power.ExponentHigh },
                intercept = power.Fit.Intercept,
                intercept_interval = new[] { power.InterceptLow, power.InterceptHigh },
                exponent_standard_error = power.Fit.ExponentStandardError,
            } : null,
            mccandlish = entry.McCandlish is { } knee ? new
            {
                regime = knee.Fit.Regime.ToString().ToLowerInvariant(),
                max_learning_rate = knee.Fit.MaxLearningRate,
                max_learning_rate_interval = new[] { knee.MaxLearningRateLow, knee.MaxLearningRateHigh },
                noise_scale = knee.Fit.NoiseScale,
                noise_scale_interval = new[] { knee.NoiseScaleLow, knee.NoiseScaleHigh },
                residual_standard_error = knee.Fit.ResidualStandardError,
            } : null,
            verdict = Verdict.Name(entry.Verdict),
            explanation = entry.Explanation,
        });

    /// <summary>The recommended learning rate at each target batch size, from both fits.</summary>
    public static object Recommendations(SweepSummary.Contents contents, ScalingReport scaling, IReadOnlyList<Recommendation> recommendations) =>
        new
        {
            rule = RuleName.Of(contents.FitRule),
            level = scaling.Level,
            targets = recommendations.Select(recommendation => new
            {
                batch_size = recommendation.BatchSize,
                extrapolated = recommendation.Extrapolated,
                power_law = Rate(recommendation.PowerLaw),
                mccandlish = Rate(recommendation.McCandlish),
            }),
        };

    /// <summary>Per batch size: how much the losses and each rule's suggestions spread across seeds.</summary>
    public static IEnumerable<object> Noise(ScalingReport scaling) =>
        scaling.Noise.Select(entry => new
        {
            batch_size = entry.BatchSize,
            loss_spread = entry.LossSpread,
            suggestion_spread_decades = entry.SuggestionSpread.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value),
        });

    // A recommended rate and its interval as sweep.json writes it; null without a fit.
    private static object? Rate(PredictedRate? rate) =>
        rate is null ? null : new { learning_rate = rate.LearningRate, interval = new[] { rate.Low, rate.High } };
}
