using System.Text.Json;
using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// sweep.json: the full configuration, the plan, every run's stop reason and suggestions, the
/// per-batch-size aggregates and the fits, all computed by the Domain; plus which cells are still
/// missing (other shards, an interrupted run). `sweep plot` reads the configuration and plan back.
/// </summary>
public static class SweepSummary
{
    /// <summary>The file name.</summary>
    public const string FileName = "sweep.json";

    /// <summary>What a sweep's outputs are made from.</summary>
    public sealed record Contents(IReadOnlyList<KeyValuePair<string, string>> Configuration, SweepPlan Plan, Rule FitRule, IReadOnlyList<RunResult> Results,
        NoiseScaleEstimate? NoiseScale = null)
    {
        /// <summary>Cells of the plan with no result yet.</summary>
        public IReadOnlyList<SweepCell> Missing => Plan.Cells.Except(Results.Select(result => result.Cell)).ToArray();
    }

    /// <summary>The JSON text of a summary.</summary>
    public static string Write(Contents contents, IReadOnlyList<BatchSizeSummary> aggregates, IReadOnlyDictionary<Rule, PowerLawFit?> fits)
    {
        var document = new
        {
            configuration = contents.Configuration.ToDictionary(pair => pair.Key, pair => pair.Value),
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
                small_batch = noise.SmallBatch,
                big_batch = noise.BigBatch,
                true_squared_norm = noise.TrueSquaredNorm,
                covariance_trace = noise.CovarianceTrace,
                ratio_between = new[] { contents.Plan.BatchSizes.Max(), contents.Plan.BatchSizes.Min() },
                predicted_ratio = noise.PredictedRatio(contents.Plan.BatchSizes.Max(), contents.Plan.BatchSizes.Min()),
                measured_ratio = Aggregation.MeasuredRatio(aggregates, contents.FitRule, contents.Plan.BatchSizes.Max(), contents.Plan.BatchSizes.Min()),
            } : null,
            fits = fits.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value is { } fit
                ? new { exponent = (double?)fit.Exponent, exponent_standard_error = (double?)fit.ExponentStandardError, intercept = (double?)fit.Intercept, points = (int?)fit.Points }
                : null),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions(RunFile.Json) { WriteIndented = true });
    }

    /// <summary>The configuration, plan and fit rule of a saved summary; a malformed file is a one-line usage error.</summary>
    public static (IReadOnlyList<KeyValuePair<string, string>> Configuration, SweepPlan Plan, Rule FitRule) Read(string path)
    {
        try
        {
            var root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException("empty");
            var configuration = root["configuration"]!.AsObject().Select(pair => new KeyValuePair<string, string>(pair.Key, pair.Value!.GetValue<string>())).ToArray();
            var batchSizes = root["batch_sizes"]!.AsArray().Select(node => node!.GetValue<int>()).ToArray();
            var seeds = root["seeds"]!.AsArray().Select(node => node!.GetValue<int>()).ToArray();
            var fitRule = RuleName.TryParse(root["fit_rule"]!.GetValue<string>()) ?? throw new InvalidDataException("unknown fit_rule");
            var plan = SweepPlan.Create(batchSizes, seeds).IfLeft(message => throw new InvalidDataException(message));
            return (configuration, plan, fitRule);
        }
        catch (Exception error) when (error is JsonException or InvalidDataException or NullReferenceException or InvalidOperationException or FormatException)
        {
            throw new UsageException($"{path} is not a readable sweep.json ({error.Message.Split('\n')[0].TrimEnd('.')}); point plot at a folder written by 'sweep run'.");
        }
    }
}
