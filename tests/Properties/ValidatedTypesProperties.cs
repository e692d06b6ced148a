using System.Reflection;
using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using Xunit;

namespace Sweep.Properties.Tests;

/// <summary>
/// A validated Domain type is built only through its validating factory: no public constructor and
/// no public setter (an init accessor would let `with` skip the checks), so every value that exists
/// keeps its invariant.
/// </summary>
public class ValidatedTypesProperties
{
    public static TheoryData<Type> Validated() =>
    [
        typeof(BatchPlan), typeof(BatchPlan.ShuffledCase), typeof(BatchPlan.ExplicitCase),
        typeof(SweepPlan), typeof(Shard), typeof(Schedule), typeof(Schedule.ExponentialCase), typeof(Schedule.LinearCase),
        typeof(LearningRateRange), typeof(StepBudget), typeof(StepBudget.FixedCase), typeof(StepBudget.SamplesCase), typeof(StepBudget.EpochCase),
        typeof(ExperimentSpec), typeof(DataSpec.BuiltInCase), typeof(DataSpec.ImageFolderCase), typeof(ModelSpec.MlpCase), typeof(ModelSpec.CnnCase),
        typeof(ModelSpec.ResNetCase), typeof(ModelSpec.PretrainedResNet18Case), typeof(OptimizerSpec.SgdCase), typeof(OptimizerSpec.AdamCase), typeof(OptimizerSpec.AdamWCase),
    ];

    [Theory]
    [MemberData(nameof(Validated))]
    public void HasNoPublicConstructor_AndNoPublicSetter(Type type)
    {
        Assert.Empty(type.GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        Assert.DoesNotContain(type.GetProperties(BindingFlags.Public | BindingFlags.Instance), property => property.SetMethod is { IsPublic: true });
    }

    [Claim]
    public Property ShuffledPlans_ThatExist_HaveABatchWithinTheData_AndStepsToTake() =>
        Prop.ForAll((from size in Gen.Choose(-5, 300) from batch in Gen.Choose(-5, 320) select (size, batch)).ToArbitrary(), x =>
            BatchPlan.Shuffled(x.size, x.batch, 7).Match(
                plan => plan is BatchPlan.ShuffledCase { BatchSize: var b, DatasetSize: var n } && 1 <= b && b <= n
                    && plan.StepsPerEpoch >= 1 && plan.Indices(x.size).Length == b,
                _ => x.batch < 1 || x.batch > x.size));

    [Fact]
    public void ExplicitPlan_KeepsItsOwnCopy_OfTheBatchesGiven()
    {
        int[] first = [3, 1], second = [2];
        var plan = BatchPlan.Explicit([first, second]).Match(value => value, problem => throw new InvalidOperationException(problem.Message));
        var equal = BatchPlan.Explicit([[3, 1], [2]]).Match(value => value, problem => throw new InvalidOperationException(problem.Message));
        first[0] = 99;
        Assert.Equal([3, 1], plan.Indices(0));
        Assert.Equal(equal, plan);
        Assert.Equal(equal.GetHashCode(), plan.GetHashCode());
        Assert.NotEqual(BatchPlan.Explicit([[3, 1], [4]]).Match(value => value, _ => equal), plan);
    }

    [Claim]
    public Property SweepPlans_ThatExist_HaveDistinctPositiveBatchSizes_AndDistinctNonNegativeSeeds() =>
        Prop.ForAll((from sizes in Gen.ListOf(Gen.Choose(-2, 9)) from seeds in Gen.ListOf(Gen.Choose(-2, 9)) select (sizes, seeds)).ToArbitrary(), x =>
            SweepPlan.Create(x.sizes.ToArray(), x.seeds.ToArray()).Match(
                plan => plan.BatchSizes.Count > 0 && plan.BatchSizes.All(size => size >= 1) && plan.BatchSizes.Distinct().Count() == plan.BatchSizes.Count
                    && plan.Seeds.Count > 0 && plan.Seeds.All(seed => seed >= 0) && plan.Seeds.Distinct().Count() == plan.Seeds.Count
                    && plan.Cells.Count == plan.BatchSizes.Count * plan.Seeds.Count,
                _ => true));
}
