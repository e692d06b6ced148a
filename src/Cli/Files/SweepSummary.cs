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

        /// <summary>The input files the data load passed over; null: not known (the data was not loaded).</summary>
        public SkippedInputs? Skipped { get; init; }
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
            budget = BudgetJson.Summary(contents.Spec, contents.Plan, contents.Results),
            missing = contents.Missing.Select(cell => cell.Key).ToArray(),
            runs = SweepJsonSections.Runs(contents),
            aggregates = SweepJsonSections.Aggregates(aggregates),
            noise_scale = SweepJsonSections.NoiseScale(contents, aggregates),
            bootstrap = new { seed = scaling.Seed, resamples = scaling.Resamples, level = scaling.Level },
            fits = SweepJsonSections.Fits(scaling),
            recommendations = SweepJsonSections.Recommendations(contents, scaling, recommendations),
            noise = SweepJsonSections.Noise(scaling),
            skipped_inputs = SkippedInputsJson.Of(contents.Skipped),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions(RunFile.Json) { WriteIndented = true });
    }

    /// <summary>The specification (checked again), plan, fit rule and recommendation targets of a saved summary; a malformed file is a one-line usage error.</summary>
    public static (ExperimentSpec Spec, SweepPlan Plan, Rule FitRule, IReadOnlyList<double>? Targets) Read(string path)
    {
        try
        {
            var root = JsonNode.Parse(BoundedFile.ReadText(path, BoundedFile.SummaryBytes)) ?? throw new InvalidDataException("empty");
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
