using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using static Sweep.Properties.Tests.FitGenerators;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>Decisions a sweep takes around its runs: the coarse passes, when to measure the noise scale, the band's pivot.</summary>
public class SweepDecisionProperties
{
    private static Gen<SweepPlan> Plans { get; } =
        from sizes in Gen.Shuffle(Enumerable.Range(1, 600).ToArray())
        from count in Gen.Choose(1, 6)
        from seeds in Gen.Shuffle(Enumerable.Range(0, 50).ToArray())
        from seedCount in Gen.Choose(1, 5)
        select SweepPlan.Create(sizes.Take(count).ToArray(), seeds.Take(seedCount).ToArray())
            .Match(plan => plan, problem => throw new InvalidOperationException(problem.Message));

    [Claim]
    public Property CoarseCells_AreTheSmallestAndLargestBatchSize_WithTheFirstSeed() =>
        Prop.ForAll(Plans.ToArbitrary(), plan =>
        {
            var cells = AutoRange.CoarseCells(plan);
            var expected = plan.BatchSizes.Count == 1 ? 1 : 2;
            return cells.Count == expected
                && cells[0].BatchSize == plan.BatchSizes.Min() && cells[^1].BatchSize == plan.BatchSizes.Max()
                && cells.All(cell => cell.Seed == plan.Seeds.Min() && plan.Cells.Contains(cell));
        });

    [Claim]
    public Property CoarseFinder_IsExponentialFrom1e7To10_KeepingPresetStepsAndStops() =>
        Prop.ForAll((from preset in Gen.Elements(Preset.All.ToArray()) from steps in Steps from range in ExponentialRange
                     from linear in Gen.Elements(false, true) from beta in Gen.Elements<double?>(null, 0.9) from factor in Gen.Elements<double?>(null, 3)
                     select new FinderOptions(preset, linear ? ScheduleKind.Linear : ScheduleKind.Exponential, range.Start, range.End, steps, beta, factor)).ToArbitrary(),
            measured => AutoRange.CoarseFinder(measured) == measured with { Kind = ScheduleKind.Exponential, Start = 1e-7, End = 10 });

    private static Gen<LearningRateRange> Ranges { get; } =
        from start in LogUniform(1e-8, 1)
        from ratio in LogUniform(1.01, 1e6)
        select LearningRateRange.Create(start, start * ratio).Match(range => range, problem => throw new InvalidOperationException(problem.Message));

    [Claim]
    public Property Combine_IsTheUnion_OrNoneWhenAnyPassGaveNone() =>
        Prop.ForAll((from ranges in Gen.NonEmptyListOf(Ranges) from missing in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
                     select (ranges: ranges.ToArray(), missing)).ToArbitrary(), x =>
        {
            var passes = x.ranges.Cast<LearningRateRange?>().Concat(x.missing ? [null] : []).ToArray();
            var combined = AutoRange.Combine(passes);
            return x.missing
                ? combined is null
                : combined is { } union && union.Start == x.ranges.Min(range => range.Start) && union.End == x.ranges.Max(range => range.End)
                    && x.ranges.All(range => union.Start <= range.Start && range.End <= union.End);
        });

    [Xunit.Fact]
    public void Combine_OfNoPass_IsNone() => Xunit.Assert.Null(AutoRange.Combine([]));

    [Claim]
    public Property NeedsMeasurement_ExactlyWhenPlannedAndNotSavedWithTheSameSizes() =>
        Prop.ForAll((from saved in Gen.Elements<(int, int)?>(null, (8, 512), (8, 256), (16, 512))
                     from planned in Gen.Elements<(int, int)?>(null, (8, 512), (8, 256))
                     select (saved, planned)).ToArbitrary(), x =>
            NoiseScale.NeedsMeasurement(x.saved, x.planned) == (x.planned is not null && (x.saved is null || x.saved != x.planned)));

    [Claim]
    public Property Pivot_IsTheGeometricMeanOfTheFittedBatchSizes_WhereTheFitMeetsTheMeanLogRate() =>
        Prop.ForAll(Scattered.ToArbitrary(), input =>
        {
            var fit = PowerLaw.Fit(input.Pairs)!;
            var geometricMean = Math.Exp(input.BatchSizes.Average(Math.Log));
            var meanLogRate = input.LearningRates.Average(Math.Log);
            return Math.Abs(fit.Pivot / geometricMean - 1) <= 1e-12
                && Math.Abs(Math.Log(fit.At(fit.Pivot)) - meanLogRate) <= 1e-9 * Math.Max(1, Math.Abs(meanLogRate));
        });
}
