using LanguageExt;

namespace Sweep.Domain;

/// <summary>
/// The range test one batch size gets under an experiment's step budget: the spec's finder with
/// steps = <see cref="StepBudget.Steps"/>(budget, B, N), N the training set's size. A fixed budget
/// gives every batch size the spec's own finder; the samples budgets give B its own schedule from
/// the same start to the same end over ⌈K / B⌉ (or ⌈N / B⌉) steps, so a small batch climbs the same
/// learning rates more slowly.
/// </summary>
public static class CellFinder
{
    /// <summary>The finder and its settings for <paramref name="batchSize"/> on <paramref name="datasetSize"/> samples, or why there is none (fewer than 2 steps, a batch larger than the data).</summary>
    internal static Either<Problem, (FinderOptions Finder, RangeTestSettings Settings)> Of(ExperimentSpec spec, int batchSize, int datasetSize) =>
        spec.Budget is StepBudget.FixedCase
            ? (spec.Finder, spec.Settings)
            : StepBudget.Steps(spec.Budget, batchSize, datasetSize).Bind(steps =>
                (spec.Finder with { Steps = steps }).Settings()
                    .MapLeft(problem => new Problem($"the step budget at batch size {Problem.Show(batchSize)}", $"gives {Problem.Show(steps)} steps, and a range test needs at least 2",
                        Fix: "use smaller batch sizes or more --samples"))
                    .Map(settings => (spec.Finder with { Steps = steps }, settings)));

    /// <summary>The steps each batch size takes, in the order given (a problem as for <see cref="Of"/>).</summary>
    internal static Either<Problem, IReadOnlyList<(int BatchSize, int Steps)>> Steps(ExperimentSpec spec, IEnumerable<int> batchSizes, int datasetSize) =>
        batchSizes.Select(size => Of(spec, size, datasetSize).Map(cell => (size, cell.Finder.Steps))).Sequence()
            .Map(list => (IReadOnlyList<(int BatchSize, int Steps)>)list.ToArray());
}
