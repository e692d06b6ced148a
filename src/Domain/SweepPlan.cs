using LanguageExt;
using static LanguageExt.Prelude;

namespace Sweep.Domain;

/// <summary>One range test of a sweep: a batch size and a seed.</summary>
public readonly record struct SweepCell(int BatchSize, int Seed)
{
    /// <summary>A stable name for files: bs64-seed3.</summary>
    public string Key => $"bs{BatchSize}-seed{Seed}";
}

/// <summary>
/// A share of the cells for one of n workers: cells whose index in plan order is ≡ Index (mod Count),
/// 0 ≤ Index &lt; Count. Built by <see cref="Of"/> or <see cref="Parse"/> only.
/// </summary>
public sealed record Shard
{
    private Shard(int index, int count) => (Index, Count) = (index, count);

    /// <summary>This worker's number i, 0 ≤ i &lt; n.</summary>
    public int Index { get; }

    /// <summary>The number of workers n ≥ 1.</summary>
    public int Count { get; }

    /// <summary>All cells, for a single worker.</summary>
    public static Shard Whole { get; } = new(0, 1);

    /// <summary>Shard i of n, or why there is none.</summary>
    internal static Either<Problem, Shard> Of(int index, int count) =>
        count < 1 ? new Problem("shard count", "must be at least 1", Problem.Show(count))
        : index < 0 || index >= count ? new Problem("shard index", $"must be in [0, {Problem.Show(count)})", Problem.Show(index))
        : Right<Problem, Shard>(new Shard(index, count));

    /// <summary>Parses "i/n" (0 ≤ i &lt; n), or says what is wrong with it.</summary>
    internal static Either<Problem, Shard> Parse(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2 && int.TryParse(parts[0], out var index) && int.TryParse(parts[1], out var count) && count >= 1 && index >= 0 && index < count
            ? Right<Problem, Shard>(new Shard(index, count))
            : new Problem("--shard", "must be i/n with 0 <= i < n (e.g. 0/4)", $"'{text}'");
    }
}

/// <summary>
/// The cells of a sweep: every batch size × every seed, in a fixed order (batch sizes as given,
/// seeds ascending within each), so any worker computes the same list and the same shards.
/// Shards interleave (cell k goes to worker k mod n) so that each worker gets every batch size.
/// Built by <see cref="Create"/> only: at least one batch size and one seed, batch sizes positive,
/// seeds non-negative, neither repeated, and at most <see cref="MaximumCells"/> cells.
/// </summary>
public sealed record SweepPlan
{
    private SweepPlan(IReadOnlyList<int> batchSizes, IReadOnlyList<int> seeds) => (BatchSizes, Seeds) = (batchSizes, seeds);

    /// <summary>The batch sizes, in the order given.</summary>
    public IReadOnlyList<int> BatchSizes { get; }

    /// <summary>The seeds, ascending.</summary>
    public IReadOnlyList<int> Seeds { get; }

    /// <summary>
    /// The most cells a sweep may have: 10,000 range tests are days of work even for the smallest
    /// model, while a mistyped count (100000000 seeds) would otherwise fill the memory with cells
    /// before the first one runs.
    /// </summary>
    public const int MaximumCells = 10_000;

    /// <summary>A plan, or why there cannot be one.</summary>
    internal static Either<Problem, SweepPlan> Create(IReadOnlyList<int> batchSizes, IReadOnlyList<int> seeds) =>
        (long)batchSizes.Count * seeds.Count > MaximumCells
            ? new Problem("a sweep", $"must have at most {Problem.Show(MaximumCells)} cells (batch sizes x seeds)",
                $"{Problem.Show(batchSizes.Count)} x {Problem.Show(seeds.Count)} = {Problem.Show((long)batchSizes.Count * seeds.Count)}",
                "give fewer seeds or batch sizes")
        : batchSizes.Count == 0 ? new Problem("batch sizes", "must not be empty", Fix: "give at least one batch size")
        : batchSizes.Any(size => size < 1) ? new Problem("batch sizes", "must be positive", Problem.Show(batchSizes.First(size => size < 1)))
        : seeds.Count == 0 ? new Problem("seeds", "must not be empty", Fix: "give at least one seed")
        : seeds.Any(seed => seed < 0) ? new Problem("seeds", "must be non-negative", Problem.Show(seeds.First(seed => seed < 0)))
        : batchSizes.Distinct().Count() != batchSizes.Count
            ? new Problem("batch sizes", "must each appear only once", Problem.Show(batchSizes), "list each batch size once")
        : seeds.Distinct().Count() != seeds.Count
            ? new Problem("seeds", "must each appear only once", Problem.Show(seeds), "list each seed once")
        : Right<Problem, SweepPlan>(new SweepPlan(batchSizes.ToArray(), seeds.Order().ToArray()));

    /// <summary>Every cell in plan order.</summary>
    public IReadOnlyList<SweepCell> Cells =>
        BatchSizes.SelectMany(size => Seeds.Select(seed => new SweepCell(size, seed))).ToArray();

    /// <summary>The cells of one shard.</summary>
    public IReadOnlyList<SweepCell> CellsOf(Shard shard) =>
        Cells.Where((_, index) => index % shard.Count == shard.Index).ToArray();

    /// <summary>Structural equality over the lists, so a saved plan compares equal to a recomputed one.</summary>
    public bool Equals(SweepPlan? other) =>
        other is not null && BatchSizes.SequenceEqual(other.BatchSizes) && Seeds.SequenceEqual(other.Seeds);

    /// <inheritdoc />
    public override int GetHashCode() =>
        Seeds.Aggregate(BatchSizes.Aggregate(BatchSizes.Count, HashCode.Combine), HashCode.Combine);
}
