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

    /// <summary>sweep.json's document, its sections in the order the file holds them (docs/sweep.schema.json).</summary>
    public sealed record Document(
        JsonObject Specification,
        string Description,
        IReadOnlyList<int> BatchSizes,
        IReadOnlyList<int> Seeds,
        string FitRule,
        BudgetJson.BudgetSummary Budget,
        string[] Missing,
        IEnumerable<SweepJsonSections.RunEntry> Runs,
        IEnumerable<SweepJsonSections.AggregateEntry> Aggregates,
        SweepJsonSections.NoiseScaleEntry? NoiseScale,
        SweepJsonSections.BootstrapEntry Bootstrap,
        Dictionary<string, SweepJsonSections.FitEntry> Fits,
        SweepJsonSections.RecommendationsEntry Recommendations,
        IEnumerable<SweepJsonSections.NoiseEntry> Noise,
        JsonObject? SkippedInputs);

    /// <summary>The JSON text of a summary.</summary>
    public static string Write(Contents contents, IReadOnlyList<BatchSizeSummary> aggregates, ScalingReport scaling, IReadOnlyList<Recommendation> recommendations)
    {
        var document = new Document(
            SpecificationJson.Of(contents.Spec),
            SpecificationText.Description(contents.Spec),
            contents.Plan.BatchSizes,
            contents.Plan.Seeds,
            RuleName.Of(contents.FitRule),
            BudgetJson.Summary(contents.Spec, contents.Plan, contents.Results),
            contents.Missing.Select(cell => cell.Key).ToArray(),
            SweepJsonSections.Runs(contents),
            SweepJsonSections.Aggregates(aggregates),
            SweepJsonSections.NoiseScale(contents, aggregates),
            new SweepJsonSections.BootstrapEntry(scaling.Seed, scaling.Resamples, scaling.Level),
            SweepJsonSections.Fits(scaling),
            SweepJsonSections.Recommendations(contents, scaling, recommendations),
            SweepJsonSections.Noise(scaling),
            SkippedInputsJson.Of(contents.Skipped));
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
