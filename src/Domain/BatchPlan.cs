using LanguageExt;
using static LanguageExt.Prelude;

namespace Sweep.Domain;

/// <summary>
/// Which samples each training step draws, as data: a pure function of the step, so a run can be
/// replayed, resumed or compared with another implementation batch for batch.
/// <list type="bullet">
/// <item><see cref="ShuffledCase"/>: epochs of ⌊size/batch⌋ full batches (the incomplete last batch
/// is dropped, so every step sees exactly the batch size: what the batch-size experiment measures);
/// epoch e uses the permutation <see cref="SeededRandom.Permutation"/> of stream (seed, e).</item>
/// <item><see cref="ExplicitCase"/>: given index batches, in order, cycling.</item>
/// </list>
/// </summary>
public abstract record BatchPlan
{
    private BatchPlan() { }

    /// <summary>Seeded reshuffling every epoch: 1 ≤ BatchSize ≤ DatasetSize (built by <see cref="Shuffled"/> only).</summary>
    public sealed record ShuffledCase : BatchPlan
    {
        internal ShuffledCase(int datasetSize, int batchSize, ulong seed) =>
            (DatasetSize, BatchSize, Seed) = (datasetSize, batchSize, seed);

        /// <summary>The number of samples drawn from.</summary>
        public int DatasetSize { get; }

        /// <summary>The samples every step draws.</summary>
        public int BatchSize { get; }

        /// <summary>The seed of the permutations.</summary>
        public ulong Seed { get; }
    }

    /// <summary>
    /// Fixed batches of sample indices, used in order and repeated when exhausted: at least one
    /// batch, none empty (built by <see cref="Explicit"/> only, which copies them, so that a caller
    /// changing its arrays afterwards cannot change the plan). Equal when the indices are.
    /// </summary>
    public sealed record ExplicitCase : BatchPlan
    {
        internal ExplicitCase(IReadOnlyList<int[]> batches) => Batches = batches.Select(batch => batch.ToArray()).ToArray();

        /// <summary>The batches, in order.</summary>
        public IReadOnlyList<int[]> Batches { get; }

        /// <summary>Equal batches of equal indices.</summary>
        public bool Equals(ExplicitCase? other) =>
            other is not null && Batches.Count == other.Batches.Count
            && Batches.Zip(other.Batches, Enumerable.SequenceEqual).All(same => same);

        /// <inheritdoc />
        public override int GetHashCode() =>
            Batches.Aggregate(Batches.Count, (hash, batch) => batch.Aggregate(HashCode.Combine(hash, batch.Length), HashCode.Combine));
    }

    /// <summary>A shuffled plan, or why there cannot be one.</summary>
    internal static Either<Problem, BatchPlan> Shuffled(int datasetSize, int batchSize, ulong seed) =>
        batchSize < 1 ? new Problem("batch size", "must be at least 1", Problem.Show(batchSize))
        : batchSize > datasetSize ? new Problem("batch size", $"must be at most the data's {datasetSize} samples",
            Problem.Show(batchSize), $"use a batch size of at most {datasetSize}")
        : Right<Problem, BatchPlan>(new ShuffledCase(datasetSize, batchSize, seed));

    /// <summary>An explicit plan, or why there cannot be one.</summary>
    internal static Either<Problem, BatchPlan> Explicit(IReadOnlyList<int[]> batches) =>
        batches.Count == 0 ? new Problem("an explicit batch plan", "needs at least one batch", Fix: "give at least one non-empty batch")
        : batches.Any(batch => batch.Length == 0)
            ? new Problem("an explicit batch plan", "needs non-empty batches", $"an empty batch at position {Problem.Show(batches.Select((batch, index) => (batch, index)).First(entry => entry.batch.Length == 0).index)}")
            : Right<Problem, BatchPlan>(new ExplicitCase(batches));

    /// <summary>The number of samples every step draws (the first batch's for an explicit plan).</summary>
    public int SamplesPerStep => this switch
    {
        ShuffledCase shuffled => shuffled.BatchSize,
        ExplicitCase given => given.Batches[0].Length,
        _ => 0,
    };

    /// <summary>Steps per epoch: full batches per pass over the data, or the number of given batches.</summary>
    public int StepsPerEpoch => this switch
    {
        ShuffledCase shuffled => shuffled.DatasetSize / shuffled.BatchSize,
        ExplicitCase given => given.Batches.Count,
        _ => 1,
    };

    /// <summary>The epoch a step falls in.</summary>
    public int Epoch(int step) => step / StepsPerEpoch;

    /// <summary>The sample order of one epoch (a shuffled plan's permutation; the concatenated batches otherwise).</summary>
    public int[] EpochOrder(int epoch) => this switch
    {
        ShuffledCase shuffled => SeededRandom.Permutation(SeededRandom.Derive(shuffled.Seed, (ulong)epoch), shuffled.DatasetSize),
        ExplicitCase given => given.Batches.SelectMany(batch => batch).ToArray(),
        _ => [],
    };

    /// <summary>The sample indices of <paramref name="step"/>'s batch, cut from <paramref name="epochOrder"/> (= EpochOrder(Epoch(step))).</summary>
    public ArraySegment<int> Cut(int[] epochOrder, int step)
    {
        var within = step % StepsPerEpoch;
        if (this is ExplicitCase given)
        {
            var offset = given.Batches.Take(within).Sum(batch => batch.Length);
            return new ArraySegment<int>(epochOrder, offset, given.Batches[within].Length);
        }

        return new ArraySegment<int>(epochOrder, within * SamplesPerStep, SamplesPerStep);
    }

    /// <summary>The sample indices of <paramref name="step"/>'s batch (computes the epoch's order; callers stepping through an epoch should cache it).</summary>
    public int[] Indices(int step) => Cut(EpochOrder(Epoch(step)), step).ToArray();
}
