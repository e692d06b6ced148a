using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using Xunit;
using static Sweep.Properties.Tests.FitGenerators;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>The stratified bootstrap: what a resample may draw, and the percentile interval.</summary>
public class BootstrapProperties
{
    [Claim]
    public Property Resample_KeepsEveryBatchSizesCount_AndDrawsOnlyItsOwnRates() =>
        Prop.ForAll((from input in Scattered from seed in BootstrapSeeds from index in Gen.Choose(0, 5000) select (input, seed, index)).ToArbitrary(), x =>
        {
            var groups = Bootstrap.Groups(x.input.Pairs);
            var drawn = Bootstrap.Resample(groups, x.seed, x.index);
            return groups.All(group =>
            {
                var mine = drawn.Where(point => point.BatchSize == group.BatchSize).Select(point => point.LearningRate).ToArray();
                return mine.Length == group.LearningRates.Length && mine.All(rate => group.LearningRates.Contains(rate));
            }) && drawn.Length == x.input.Pairs.Count;
        });

    [Claim]
    public Property Resample_IsAPureFunctionOfSeedIndexAndTheMultisetOfPoints() =>
        Prop.ForAll((from input in Scattered from order in Gen.Shuffle(Enumerable.Range(0, 36).ToArray())
                     from seed in BootstrapSeeds from index in Gen.Choose(0, 5000) select (input, order, seed, index)).ToArbitrary(), x =>
        {
            var pairs = x.input.Pairs;
            var shuffled = x.order.Where(i => i < pairs.Count).Select(i => pairs[i]).ToArray();
            return Bootstrap.Resample(Bootstrap.Groups(pairs), x.seed, x.index)
                .SequenceEqual(Bootstrap.Resample(Bootstrap.Groups(shuffled), x.seed, x.index));
        });

    [Claim]
    public Property Regroup_IsTheGroupsOfTheResample() =>
        Prop.ForAll((from input in Scattered from seed in BootstrapSeeds from index in Gen.Choose(0, 5000) select (input, seed, index)).ToArbitrary(), x =>
        {
            var groups = Bootstrap.Groups(x.input.Pairs);
            var drawn = Bootstrap.Resample(groups, x.seed, x.index);
            var expected = Bootstrap.Groups(drawn);
            var regrouped = Bootstrap.Regroup(drawn, groups);
            return regrouped.Length == expected.Count && Enumerable.Range(0, regrouped.Length).All(j =>
                regrouped[j].BatchSize == expected[j].BatchSize && regrouped[j].LearningRates.SequenceEqual(expected[j].LearningRates));
        });

    [Claim]
    public Property Groups_AreAscendingAndKeepOnlyFinitePositivePoints() =>
        Prop.ForAll((from length in Gen.Choose(0, 30)
                     from sizes in Gen.ArrayOf(Gen.Frequency((3, Gen.Choose(1, 4).Select(i => (double)(1 << i))), (1, AnyDouble)), length)
                     from rates in Gen.ArrayOf(Gen.Frequency((3, LogUniform(1e-6, 1)), (1, AnyDouble)), length)
                     select new FitInput(sizes, rates)).ToArbitrary(), input =>
        {
            var groups = Bootstrap.Groups(input.Pairs);
            var kept = input.Pairs.Count(point => double.IsFinite(point.BatchSize) && point.BatchSize > 0 && double.IsFinite(point.LearningRate) && point.LearningRate > 0);
            return groups.Sum(group => group.LearningRates.Length) == kept
                && groups.Select(group => group.BatchSize).SequenceEqual(groups.Select(group => group.BatchSize).Order().Distinct())
                && groups.All(group => group.LearningRates.SequenceEqual(group.LearningRates.Order()));
        });

    [Claim]
    public Property Interval_LiesWithinTheValues_LowNotAboveHigh_WiderForAHigherLevel() =>
        Prop.ForAll((from values in ArrayOf(Gen.Frequency((6, Uniform(-100, 100)), (1, Gen.Elements(double.PositiveInfinity, double.NegativeInfinity, double.NaN))), 1, 60)
                     from level in UnitInterval
                     from more in UnitInterval
                     select (values, level, more)).ToArbitrary(), x =>
        {
            var numbers = x.values.Where(value => !double.IsNaN(value)).ToArray();
            var (low, high) = Bootstrap.Interval(x.values, x.level);
            var wider = Bootstrap.Interval(x.values, x.level + (1 - x.level) * x.more);
            if (numbers.Length == 0) return (double.IsNaN(low) && double.IsNaN(high)).Label("no numbers: NaN");
            return (low <= high && low >= numbers.Min() && high <= numbers.Max()).Label($"[{low}, {high}]")
                .And((wider.Low <= low && wider.High >= high).Label($"wider [{wider.Low}, {wider.High}]"));
        });

    [Fact]
    public void Interval_Of0To100_At90Percent_Is5To95()
    {
        var (low, high) = Bootstrap.Interval(Enumerable.Range(0, 101).Select(i => (double)i), 0.9);
        Assert.Equal(5, low, 12);
        Assert.Equal(95, high, 12);
    }

    [Fact]
    public void Interval_ReachingInfinities_ReportsThem()
    {
        // Four values, level ½: positions 3·0.25 = 0.75 (1 + 0.75·(2 − 1) = 1.75) and 3·0.75 = 2.25 (between ∞ and ∞).
        var (low, high) = Bootstrap.Interval([1, 2, double.PositiveInfinity, double.PositiveInfinity, double.NaN], 0.5);
        Assert.Equal(1.75, low, 12);
        Assert.Equal(double.PositiveInfinity, high);
    }

    [Fact]
    public void Settings_OutOfRange_AreRead_NotRefused()
    {
        Assert.Equal(1, Bootstrap.Count(0));
        Assert.Equal(1, Bootstrap.Count(int.MinValue));
        Assert.Equal(1.0, Bootstrap.Level(7));
        Assert.Equal(0.0, Bootstrap.Level(-1));
        Assert.Equal(Bootstrap.DefaultLevel, Bootstrap.Level(double.NaN));
    }
}
