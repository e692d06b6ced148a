using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sweep.Domain;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>Sweep plans and shards: n workers that each run their shard run every cell exactly once.</summary>
public class SweepPlanProperties
{
    private static Gen<SweepPlan> Plans { get; } =
        from sizes in Gen.Choose(1, 6)
        from seeds in Gen.Choose(1, 9)
        select SweepPlan.Create(Enumerable.Range(0, sizes).Select(i => 8 << i).ToArray(), Enumerable.Range(0, seeds).ToArray())
            .Match(plan => plan, problem => throw new InvalidOperationException(problem.Message));

    [Claim]
    public Property Shards_AreDisjoint_AndTogetherCoverEveryCell() =>
        Prop.ForAll((from plan in Plans from count in Gen.Choose(1, 12) select (plan, count)).ToArbitrary(), x =>
        {
            var shards = Enumerable.Range(0, x.count).Select(index => x.plan.CellsOf(Right(Shard.Of(index, x.count)))).ToArray();
            var all = shards.SelectMany(cells => cells).ToArray();
            return all.Length == x.plan.Cells.Count && all.Distinct().Count() == all.Length && all.ToHashSet().SetEquals(x.plan.Cells);
        });

    [Claim]
    public Property Shard_ParsesWhatItIs_AndRefusesEverythingElse() =>
        Prop.ForAll((from index in Gen.Choose(-3, 12) from count in Gen.Choose(-2, 12) select (index, count)).ToArbitrary(), x =>
        {
            var parsed = Shard.Parse($"{x.index}/{x.count}");
            var valid = x.count >= 1 && x.index >= 0 && x.index < x.count;
            return parsed.Match(shard => valid && shard == Right(Shard.Of(x.index, x.count)) && shard.Index == x.index && shard.Count == x.count, _ => !valid)
                && Shard.Of(x.index, x.count).IsRight == valid;
        });

    private static T Right<T>(LanguageExt.Either<Problem, T> either) =>
        either.Match(value => value, problem => throw new InvalidOperationException(problem.Message));
}

/// <summary>Order statistics as numpy computes them.</summary>
public class StatisticsProperties
{
    [Claim]
    public Property Quantile_IsNumpysLinearInterpolation_AndIgnoresNonFiniteValues() =>
        Prop.ForAll((from values in ArrayOf(ModerateFinite, 1, 40) from quantile in UnitInterval select (values, quantile)).ToArbitrary(), x =>
        {
            var sorted = x.values.Order().ToArray();
            var position = (sorted.Length - 1) * x.quantile;
            var below = (int)Math.Floor(position);
            var above = Math.Min(below + 1, sorted.Length - 1);
            var expected = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
            var withNoise = x.values.Append(double.NaN).Append(double.PositiveInfinity);
            return Statistics.Quantile(withNoise, x.quantile) == expected && Statistics.Quantile(x.values, x.quantile) == expected;
        });

    [Claim]
    public Property Median_LiesBetweenTheQuartiles() =>
        Prop.ForAll(ArrayOf(ModerateFinite, 1, 40).ToArbitrary(), values =>
            Statistics.Quantile(values, 0.25) <= Statistics.Median(values) && Statistics.Median(values) <= Statistics.Quantile(values, 0.75));

    [Xunit.Fact]
    public void Quantile_AtAnOrderStatistic_IsThatValue_EvenWhenTheSpreadOverflows() =>
        // h = 0 lands on the minimum: x[0] + 0 · (x[1] − x[0]) would be 0 · ∞ = NaN.
        Xunit.Assert.Equal(-double.MaxValue, Statistics.Quantile([double.MaxValue, -double.MaxValue], 0));

    [Claim]
    public Property BootstrapInterval_AndQuantile_AgreeOnFiniteValues() =>
        // One quantile function: the bootstrap's percentile interval is Statistics.Quantile at (1 ∓ ℓ)/2.
        Prop.ForAll((from values in ArrayOf(ModerateFinite, 1, 40) from level in UnitInterval select (values, level)).ToArbitrary(), x =>
            Bootstrap.Interval(x.values, x.level) == (Statistics.Quantile(x.values, (1 - x.level) / 2), Statistics.Quantile(x.values, 1 - (1 - x.level) / 2)));

    [Xunit.Fact]
    public void Quantiles_Of_1_To_5_Are_Numpys() =>
        Xunit.Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0, 1.4], new[] { 0, 0.25, 0.5, 0.75, 1, 0.1 }.Select(q => Statistics.Quantile([1.0, 2, 3, 4, 5], q)).ToArray());
}

/// <summary>The two-batch estimator inverts E|G_B|² = |G|² + tr Σ / B exactly.</summary>
public class NoiseScaleProperties
{
    [Claim]
    public Property Estimate_OfExactExpectations_GivesBackTheGradientNormAndTheTrace() =>
        Prop.ForAll((from squaredNorm in LogUniform(1e-3, 1e3) from trace in LogUniform(1e-3, 1e5)
                     from small in Gen.Choose(1, 64) from factor in Gen.Choose(2, 64) select (squaredNorm, trace, small, big: small * factor)).ToArbitrary(), x =>
        {
            var estimate = NoiseScale.Estimate(x.small, x.squaredNorm + x.trace / x.small, x.big, x.squaredNorm + x.trace / x.big);
            return Math.Abs(estimate.TrueSquaredNorm - x.squaredNorm) <= 1e-9 * (x.squaredNorm + x.trace)
                && Math.Abs(estimate.CovarianceTrace - x.trace) <= 1e-9 * (x.trace + x.squaredNorm * x.big)
                && Math.Abs(estimate.PredictedRatio(x.big, x.small) - (1 + estimate.Simple / x.small) / (1 + estimate.Simple / x.big)) <= 1e-12 * estimate.PredictedRatio(x.big, x.small);
        });

    [Claim]
    public Property Plan_PairsTheSmallestBatchWithWholeSmallBatchesUpToFourTimesTheLargest_CappedByTheData() =>
        Prop.ForAll((from first in Gen.Choose(1, 512) from rest in Gen.ListOf(Gen.Choose(1, 512)) from samples in Gen.Choose(1, 10_000)
                     select (sizes: rest.Prepend(first).ToArray(), samples)).ToArbitrary(), x =>
        {
            var plan = NoiseScale.Plan(x.sizes, x.samples);
            var small = x.sizes.Min();
            var big = Math.Min(4 * x.sizes.Max(), x.samples) / small * small;
            return big > small ? plan == (small, big) : plan is null;
        });

    // Big-batch norms of at least 0.6 of the small ones at B_big ≥ 2 B_small keep every |G|² estimate positive, so B_simple is a number.
    [Claim]
    public Property FromGroups_EstimatesFromTheMeansOfTheGroups() =>
        Prop.ForAll((from count in Gen.Choose(1, 8) from small in Gen.Choose(1, 64) from factor in Gen.Choose(2, 64)
                     from groups in Gen.ArrayOf(from smallNorm in LogUniform(1e-2, 1e2) from share in LogUniform(0.6, 1) select (smallNorm, bigNorm: smallNorm * share), count)
                     select (small, big: small * factor, groups)).ToArbitrary(), x =>
        {
            var estimate = NoiseScale.FromGroups(x.small, x.big, x.groups);
            var direct = NoiseScale.Estimate(x.small, x.groups.Average(group => group.smallNorm), x.big, x.groups.Average(group => group.bigNorm));
            return double.IsFinite(estimate.Simple) && estimate.Simple.Equals(direct.Simple)
                && (x.groups.Length < 2 ? double.IsNaN(estimate.SimpleStandardError) : estimate.SimpleStandardError >= 0);
        });

    [Claim]
    public Property FromGroups_OfIdenticalGroups_HasNoStandardError() =>
        Prop.ForAll((from count in Gen.Choose(2, 8) from smallNorm in LogUniform(1, 1e2) select (count, smallNorm)).ToArbitrary(), x =>
        {
            var estimate = NoiseScale.FromGroups(8, 512, Enumerable.Repeat((x.smallNorm, x.smallNorm / 4), x.count).ToArray());
            return Math.Abs(estimate.SimpleStandardError) <= 1e-9 * Math.Abs(estimate.Simple);
        });
}
