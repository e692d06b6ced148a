using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;

namespace Sweep.Properties.Tests;

/// <summary>
/// The step budget in the spec and each batch size's finder: a fixed budget gives every batch size
/// the spec's own finder; a samples budget the same range over ⌈K / B⌉ steps; --steps epoch and
/// --budget samples are the same budget; contradictory budget options are each one problem naming
/// the option.
/// </summary>
public class CellFinderProperties
{
    private static readonly ExperimentFacts Facts = new(Processors: 8);

    private static readonly ExperimentRequest Blobs = new() { Data = "blobs", Start = 1e-4, End = 10 };

    private static ExperimentSpec Spec(ExperimentRequest request) =>
        Specification.Validate(request, Facts).Match(spec => spec, problems => throw new InvalidOperationException(string.Join(" ", problems.Select(problem => problem.Message))));

    private static IReadOnlyList<Problem> Problems(ExperimentRequest request) =>
        Specification.Validate(request, Facts).Match(_ => [], problems => problems.ToArray());

    private static (FinderOptions Finder, RangeTestSettings Settings) Cell(ExperimentSpec spec, int batchSize, int datasetSize) =>
        CellFinder.Of(spec, batchSize, datasetSize).Match(cell => cell, problem => throw new InvalidOperationException(problem.Message));

    // A batch size, a sample count giving it at least 2 steps, and a training set at least one batch large.
    private static Gen<(int Batch, long Samples, int Size)> Shapes { get; } =
        from batch in Gen.Choose(1, 4096)
        from samples in Gen.Choose(2, 200).Select(steps => (long)batch * steps - batch + 1)
        from size in Gen.Choose(batch, 1_000_000)
        select (batch, samples, size);

    [Claim]
    public Property FixedBudget_GivesEveryBatchSizeTheSpecsFinder() =>
        Prop.ForAll(Shapes.ToArbitrary(), Gen.Choose(2, 1000).ToArbitrary(), (shape, steps) =>
        {
            var spec = Spec(Blobs with { Steps = steps });
            var cell = Cell(spec, shape.Batch, shape.Size);
            return cell.Finder == spec.Finder && cell.Settings.Schedule.Steps == steps;
        });

    [Claim]
    public Property SamplesBudget_SpansTheSameRangeOverCeilingOfSamplesOverBatchSteps() =>
        Prop.ForAll(Shapes.ToArbitrary(), shape =>
        {
            var spec = Spec(Blobs with { Budget = "samples", Samples = shape.Samples });
            var cell = Cell(spec, shape.Batch, shape.Size);
            var expected = (int)((shape.Samples + shape.Batch - 1) / shape.Batch);
            return cell.Finder.Steps == expected && cell.Settings.Schedule.Steps == expected
                && cell.Finder.Start == spec.Finder.Start && cell.Finder.End == spec.Finder.End && cell.Finder.Preset == spec.Finder.Preset;
        });

    [Claim]
    public Property StepsEpoch_AndBudgetSamples_AreOneEpoch_AndGiveTheSameSteps() =>
        Prop.ForAll(Shapes.ToArbitrary(), shape =>
        {
            var (epoch, samples) = (Spec(Blobs with { EpochSteps = true }), Spec(Blobs with { Budget = "samples" }));
            var expected = (shape.Size + shape.Batch - 1) / shape.Batch;
            return epoch.Budget == StepBudget.OneEpoch && samples.Budget == StepBudget.OneEpoch
                && (expected < 2 || (Cell(epoch, shape.Batch, shape.Size).Finder.Steps == expected && Cell(samples, shape.Batch, shape.Size).Finder.Steps == expected));
        });

    [Claim]
    public Property ABatchOfTheWholeSet_UnderOneEpoch_IsAProblem_NotASchedule() =>
        Prop.ForAll(Gen.Choose(1, 100_000).ToArbitrary(), size =>
            CellFinder.Of(Spec(Blobs with { EpochSteps = true }), size, size).IsLeft);

    [Claim]
    public Property SamplesOutsideTheSamplesBudget_IsOneProblemNamingSamples() =>
        Prop.ForAll(Gen.Choose(1, 100_000).ToArbitrary(), Gen.Elements<string?>(null, "steps").ToArbitrary(), (samples, budget) =>
            Problems(Blobs with { Samples = samples, Budget = budget }) is [{ Subject: "--samples" }]);

    [Claim]
    public Property AStepCountUnderTheSamplesBudget_IsOneProblemNamingSteps() =>
        Prop.ForAll(Gen.Choose(2, 1000).ToArbitrary(), steps =>
            Problems(Blobs with { Steps = steps, Budget = "samples" }) is [{ Subject: "--steps" }]);

    [Xunit.Fact]
    public void StepsEpoch_UnderTheStepsBudget_AndBesideSamples_AreEachOneProblem()
    {
        Xunit.Assert.Equal(["--steps epoch"], Problems(Blobs with { EpochSteps = true, Budget = "steps" }).Select(problem => problem.Subject));
        Xunit.Assert.Equal(["--samples"], Problems(Blobs with { EpochSteps = true, Samples = 1000 }).Select(problem => problem.Subject));
    }
}
