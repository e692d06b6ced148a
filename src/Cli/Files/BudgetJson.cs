using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// The step budget in the files: under the specification, "budget" is {"kind": "epoch"} or
/// {"kind": "samples", "samples": K} (absent for a fixed budget, whose count is schedule.steps);
/// sweep.json's "budget" lists the steps each batch size took, as its run files recorded them.
/// </summary>
public static class BudgetJson
{
    /// <summary>The specification's "budget" object; null for a fixed budget.</summary>
    public static JsonObject? Of(StepBudget budget) => budget switch
    {
        StepBudget.FixedCase => null,
        StepBudget.EpochCase => new JsonObject { ["kind"] = "epoch" },
        StepBudget.SamplesCase samples => new JsonObject { ["kind"] = "samples", ["samples"] = samples.SampleCount },
        _ => throw new InvalidOperationException("unreachable: StepBudget is closed"),
    };

    /// <summary>The --budget a specification's "budget" object asks for: samples for both kinds, null when absent.</summary>
    public static string? Name(JsonNode? budget) => budget is null ? null : "samples";

    /// <summary>"fixed", "epoch" or "samples".</summary>
    public static string Kind(StepBudget budget) => budget switch
    {
        StepBudget.FixedCase => "fixed",
        StepBudget.EpochCase => "epoch",
        _ => "samples",
    };

    /// <summary>The steps a batch size's runs were planned with.</summary>
    public sealed record BatchSizeSteps(int BatchSize, int? Steps);

    /// <summary>The budget's kind, its samples (a sample budget only) and each batch size's steps.</summary>
    public sealed record BudgetSummary(string Kind, long? Samples, BatchSizeSteps[] Steps);

    /// <summary>
    /// sweep.json's "budget": the kind and, per batch size, the steps its runs were planned with
    /// (the most any of its runs recorded; a fixed budget's count where runs predate the record).
    /// </summary>
    public static BudgetSummary Summary(ExperimentSpec spec, SweepPlan plan, IReadOnlyList<RunResult> results) => new(
        Kind(spec.Budget),
        spec.Budget is StepBudget.SamplesCase samples ? samples.SampleCount : null,
        plan.BatchSizes.Select(size => new BatchSizeSteps(size, StepsOf(spec, results, size))).ToArray());

    /// <summary>The planned steps of <paramref name="batchSize"/>'s runs; null when none has run yet under a samples budget.</summary>
    public static int? StepsOf(ExperimentSpec spec, IReadOnlyList<RunResult> results, int batchSize) =>
        results.Where(result => result.Cell.BatchSize == batchSize && result.Steps is not null).Select(result => result.Steps).Max()
        ?? (spec.Budget is StepBudget.FixedCase ? spec.Finder.Steps : null);
}
