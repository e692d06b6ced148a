using System.Text.Json;
using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// sweep.json: the structured specification (<see cref="SpecificationJson"/>) and its description, the plan, every run's stop reason and suggestions, the
/// per-batch-size aggregates and the fits, all computed by the Domain; plus which cells are still
/// missing (other shards, an interrupted run). `sweep plot` reads the specification and plan back.
/// </summary>
public static class SweepSummary
{
    /// <summary>The file name.</summary>
    public const string FileName = "sweep.json";

    /// <summary>What a sweep's outputs are made from.</summary>
    public sealed record Contents(ExperimentSpec Spec, SweepPlan Plan, Rule FitRule, IReadOnlyList<RunResult> Results,
        NoiseScaleEstimate? NoiseScale = null, IReadOnlyList<double>? Targets = null)
    {
        /// <summary>Cells of the plan with no result yet.</summary>
        public IReadOnlyList<SweepCell> Missing => Plan.Cells.Except(Results.Select(result => result.Cell)).ToArray();
    }

    /// <summary>The JSON text of a summary.</summary>
    public static string Write(Contents contents, IReadOnlyList<BatchSizeSummary> aggregates, ScalingReport scaling, IReadOnlyList<Recommendation> recommendations)
    {
        var document = new
        {
            specification = SpecificationJson.Of(contents.Spec),
            description = SpecificationText.Description(contents.Spec),
            batch_sizes = contents.Plan.BatchSizes,
            seeds = contents.Plan.Seeds,
            fit_rule = RuleName.Of(contents.FitRule),
            missing = contents.Missing.Select(cell => cell.Key).ToArray(),
            runs = contents.Results.Select(result => new
            {
                batch_size = result.Cell.BatchSize,
                seed = result.Cell.Seed,
                stop = RunFile.StopName(result.Curve.Stop),
                steps = result.Curve.Points.Count,
                suggestions = result.Suggestions.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value),
            }),
            aggregates = aggregates.Select(summary => new
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
            }),
            noise_scale = contents.NoiseScale is { } noise ? new
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
            } : null,
            bootstrap = new { seed = scaling.Seed, resamples = scaling.Resamples, level = scaling.Level },
            fits = scaling.Rules.ToDictionary(entry => RuleName.Of(entry.Rule), entry => new
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
            }),
            recommendations = new
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
            },
            noise = scaling.Noise.Select(entry => new
            {
                batch_size = entry.BatchSize,
                loss_spread = entry.LossSpread,
                suggestion_spread_decades = entry.SuggestionSpread.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value),
            }),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions(RunFile.Json) { WriteIndented = true });
    }

    // A recommended rate and its interval as sweep.json writes it; null without a fit.
    private static object? Rate(PredictedRate? rate) =>
        rate is null ? null : new { learning_rate = rate.LearningRate, interval = new[] { rate.Low, rate.High } };

    /// <summary>The specification (checked again), plan, fit rule and recommendation targets of a saved summary; a malformed file is a one-line usage error.</summary>
    public static (ExperimentSpec Spec, SweepPlan Plan, Rule FitRule, IReadOnlyList<double>? Targets) Read(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException("empty");
            var spec = SpecificationJson.Read(root[SpecificationJson.Key]);
            var batchSizes = root["batch_sizes"]!.AsArray().Select(node => node!.GetValue<int>()).ToArray();
            var seeds = root["seeds"]!.AsArray().Select(node => node!.GetValue<int>()).ToArray();
            var fitRule = RuleName.TryParse(root["fit_rule"]!.GetValue<string>()) ?? throw new InvalidDataException("unknown fit_rule");
            var plan = SweepPlan.Create(batchSizes, seeds).IfLeft(problem => throw new InvalidDataException(problem.Message));
            // The batch sizes recommendations were asked for, so a redraw recommends at the same ones.
            var targets = root["recommendations"]?["targets"]?.AsArray().Select(node => node!["batch_size"]!.GetValue<double>()).ToArray();
            return (spec, plan, fitRule, targets);
        }
        catch (Exception error) when (error is JsonException or InvalidDataException or NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new UsageException($"{path} is not a readable sweep.json ({error.Message.Split('\n')[0].TrimEnd('.')}); give a folder written by 'sweep run', or run it again to rewrite the file.");
        }
    }
}
