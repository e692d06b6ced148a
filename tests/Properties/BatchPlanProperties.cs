using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sweep.Domain;

namespace Sweep.Properties.Tests;

/// <summary>Batch plans: which samples each step draws.</summary>
public class BatchPlanProperties
{
    private static Gen<ulong> Seeds { get; } =
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        select ((ulong)(uint)high << 32) | (uint)low;

    /// <summary>A valid shuffled plan's inputs: 1 ≤ batch ≤ size.</summary>
    private static Gen<(int Size, int Batch, ulong Seed)> ShuffledInputs { get; } =
        from size in Gen.Frequency((3, Gen.Choose(1, 300)), (1, Gen.Choose(1, 5)))
        from batch in Gen.Frequency((3, Gen.Choose(1, size)), (1, Gen.Elements(1, size)))
        from seed in Seeds
        select (size, batch, seed);

    private static BatchPlan Right(LanguageExt.Either<Problem, BatchPlan> plan) =>
        plan.Match(value => value, problem => throw new InvalidOperationException(problem.Message));

    [Claim]
    public Property Shuffled_EveryEpoch_IsDisjointFullBatchesOfValidIndices() =>
        Prop.ForAll((from input in ShuffledInputs from epoch in Gen.Choose(0, 50) select (input, epoch)).ToArbitrary(), x =>
        {
            var plan = Right(BatchPlan.Shuffled(x.input.Size, x.input.Batch, x.input.Seed));
            var steps = plan.StepsPerEpoch;
            var batches = Enumerable.Range(x.epoch * steps, steps).Select(plan.Indices).ToArray();
            var all = batches.SelectMany(batch => batch).ToArray();
            return steps == x.input.Size / x.input.Batch
                && plan.SamplesPerStep == x.input.Batch
                && batches.All(batch => batch.Length == x.input.Batch)
                && all.All(index => index >= 0 && index < x.input.Size)
                && all.Distinct().Count() == all.Length
                && Enumerable.Range(x.epoch * steps, steps).All(step => plan.Epoch(step) == x.epoch);
        });

    [Claim]
    public Property Shuffled_IsAPureFunctionOfSeedAndStep() =>
        Prop.ForAll((from input in ShuffledInputs from step in Gen.Choose(0, 10_000) select (input, step)).ToArbitrary(), x =>
        {
            var plan = Right(BatchPlan.Shuffled(x.input.Size, x.input.Batch, x.input.Seed));
            var again = Right(BatchPlan.Shuffled(x.input.Size, x.input.Batch, x.input.Seed));
            var indices = plan.Indices(x.step);
            return indices.SequenceEqual(again.Indices(x.step))
                && indices.SequenceEqual(plan.Cut(plan.EpochOrder(plan.Epoch(x.step)), x.step));
        });

    [Claim]
    public Property Shuffled_RefusesBatchBelowOneOrAboveTheData() =>
        Prop.ForAll((from size in Gen.Choose(0, 300)
                     from tooSmall in Gen.Elements(false, true)
                     from batch in tooSmall ? Gen.Frequency((3, Gen.Choose(-10, 0)), (1, Gen.Constant(int.MinValue))) : Gen.Choose(size + 1, size + 1000)
                     from seed in Seeds
                     select (size, batch, seed)).ToArbitrary(), x =>
            BatchPlan.Shuffled(x.size, x.batch, x.seed).IsLeft);

    [Claim]
    public Property Explicit_CyclesThroughItsBatchesInOrder() =>
        Prop.ForAll((from count in Gen.Choose(1, 10)
                     from batches in Gen.ArrayOf(
                         from length in Gen.Choose(1, 8)
                         from batch in Gen.ArrayOf(Gen.Choose(0, 1000), length)
                         select batch, count)
                     from step in Gen.Choose(0, 500)
                     select (batches, step)).ToArbitrary(), x =>
        {
            var plan = Right(BatchPlan.Explicit(x.batches));
            return plan.StepsPerEpoch == x.batches.Length
                && plan.Indices(x.step).SequenceEqual(x.batches[x.step % x.batches.Length])
                && plan.SamplesPerStep == x.batches[0].Length;
        });

    [Claim]
    public Property Explicit_RefusesNoBatchesOrAnEmptyBatch() =>
        Prop.ForAll((from count in Gen.Choose(0, 6)
                     from batches in Gen.ArrayOf(Gen.ArrayOf(Gen.Choose(0, 100), 3), count)
                     from emptyAt in Gen.Choose(0, count)
                     select count == 0 ? batches : batches.Take(emptyAt).Append(Array.Empty<int>()).Concat(batches.Skip(emptyAt)).ToArray()).ToArbitrary(), batches =>
            BatchPlan.Explicit(batches).IsLeft);
}
