using LanguageExt;
using static LanguageExt.Prelude;

namespace Sweep.Domain;

/// <summary>An interval of learning rates to sweep: 0 &lt; Start &lt; End &lt; ∞ (built by <see cref="Create"/> only).</summary>
public sealed record LearningRateRange
{
    private LearningRateRange(double start, double end) => (Start, End) = (start, end);

    /// <summary>The lowest learning rate.</summary>
    public double Start { get; }

    /// <summary>The highest learning rate.</summary>
    public double End { get; }

    /// <summary>The range [start, end], or why it is none.</summary>
    internal static Either<Problem, LearningRateRange> Create(double start, double end) =>
        Check(start, end) is { } problem ? problem : Right<Problem, LearningRateRange>(new LearningRateRange(start, end));

    /// <summary>The range, or null when it is none (for callers that only ask whether there is one).</summary>
    internal static LearningRateRange? OrNull(double start, double end) =>
        Check(start, end) is null ? new LearningRateRange(start, end) : null;

    private static Problem? Check(double start, double end) =>
        !(double.IsFinite(start) && start > 0) ? new Problem("start learning rate", "must be a positive finite number", Problem.Show(start))
        : !double.IsFinite(end) ? new Problem("end learning rate", "must be a finite number", Problem.Show(end))
        : !(end > start) ? new Problem($"end learning rate ({Problem.Show(end)})", $"must be greater than start ({Problem.Show(start)})")
        : null;
}

/// <summary>
/// The pure half of a two-pass range test: a coarse pass (e.g. 1e-7 → 10) shows where the loss
/// starts to fall and where it diverges; the measured pass then samples that interval densely.
/// On the coarse curve's smoothed losses s_0 … s_(n−1) (the points up to the first one with a
/// non-finite or non-positive LR or a non-finite smoothed loss):
/// <list type="number">
/// <item>the drop D = s_0 − s_m, m the first index of the minimum; a drop of at most 1% of |s_0|
/// (a flat curve, or one that only rises) or fewer than <see cref="MinimumPoints"/> points say
/// nothing, and give none;</item>
/// <item>the fall starts at the first i ≤ m with s_i ≤ s_0 − f·D: the loss has gone a share f of
/// the way from its start to its minimum (f = 0.1 by default: far above the wobble of a
/// smoothed plateau, early enough to keep the whole descent);</item>
/// <item>the divergence is the first j &gt; m with s_j &gt; s_0 (the loss back above where it began),
/// or the last point when there is none (where the run stopped, or the schedule's end);</item>
/// <item>the interval is [lr_i / 10^w, lr_j · 10^w], w a margin in decades (½ by default), clamped
/// to the smallest and largest positive finite LR of the coarse curve; none when that leaves
/// no interval (start ≥ end).</item>
/// </list>
/// Total: any curve gives an interval or none; a share outside [0, 1] is clamped, a negative margin
/// counts as 0, and NaN settings take their defaults.
/// </summary>
public static class AutoRange
{
    /// <summary>The share of the descent that marks where the fall starts.</summary>
    public const double DefaultFallShare = 0.1;

    /// <summary>The margin added on each side, in decades.</summary>
    public const double DefaultMarginDecades = 0.5;

    /// <summary>The fewest usable points a coarse curve needs.</summary>
    public const int MinimumPoints = 5;

    /// <summary>The smallest drop, as a share of |s_0|, that counts as a fall.</summary>
    public const double MinimumDrop = 0.01;

    /// <summary>The interval the measured pass should sweep, or null when the coarse curve says nothing.</summary>
    public static LearningRateRange? Measured(Curve coarse, double fallShare = DefaultFallShare, double marginDecades = DefaultMarginDecades)
    {
        var share = double.IsNaN(fallShare) ? DefaultFallShare : Math.Clamp(fallShare, 0, 1);
        var margin = double.IsNaN(marginDecades) ? DefaultMarginDecades : Math.Max(0, marginDecades);
        var usable = coarse.Points
            .TakeWhile(point => Positive(point.LearningRate) && double.IsFinite(point.SmoothedLoss))
            .ToArray();
        if (usable.Length < MinimumPoints) return null;

        var start = usable[0].SmoothedLoss;
        var minimum = 0;
        for (var i = 1; i < usable.Length; i++)
            if (usable[i].SmoothedLoss < usable[minimum].SmoothedLoss) minimum = i;
        var drop = start - usable[minimum].SmoothedLoss;
        if (!(drop > MinimumDrop * Math.Abs(start)) || !double.IsFinite(drop)) return null;

        var fall = 0;
        while (fall < minimum && usable[fall].SmoothedLoss > start - share * drop) fall++;
        var diverge = minimum + 1;
        while (diverge < usable.Length && !(usable[diverge].SmoothedLoss > start)) diverge++;
        diverge = Math.Min(diverge, usable.Length - 1);

        var rates = coarse.Points.Select(point => point.LearningRate).Where(Positive).ToArray();
        var (lowest, highest) = (rates.Min(), rates.Max());
        var (from, to) = (usable[fall].LearningRate, usable[diverge].LearningRate);
        var widen = Math.Pow(10, margin);
        var low = Math.Clamp(Math.Min(from, to) / widen, lowest, highest);
        var high = Math.Clamp(Math.Max(from, to) * widen, lowest, highest);
        return LearningRateRange.OrNull(low, high);
    }

    /// <summary>Where every coarse pass starts: the usual range test's 1e-7 …</summary>
    public const double CoarseStart = Preset.DefaultStart;

    /// <summary>… and where it heads: 10.</summary>
    public const double CoarseEnd = Preset.DefaultEnd;

    /// <summary>
    /// The range test of a coarse pass: the measured pass's preset, steps, smoothing and divergence,
    /// on an exponential schedule from <see cref="CoarseStart"/> to <see cref="CoarseEnd"/>.
    /// </summary>
    public static FinderOptions CoarseFinder(FinderOptions measured) =>
        measured with { Kind = ScheduleKind.Exponential, Start = CoarseStart, End = CoarseEnd };

    /// <summary>
    /// The cells of the coarse passes: the plan's smallest and largest batch size (one cell when they
    /// are the same), each with the plan's first seed. The two ends bound where the interesting range
    /// moves as the batch grows; the sizes between lie inside their union.
    /// </summary>
    public static IReadOnlyList<SweepCell> CoarseCells(SweepPlan plan) =>
        new[] { plan.BatchSizes.Min(), plan.BatchSizes.Max() }.Distinct()
            .Select(size => new SweepCell(size, plan.Seeds[0])).ToArray();

    /// <summary>
    /// The union of the coarse passes' ranges: [min start, max end]; null when any pass gave none
    /// (or there is no pass), since a pass that shows no fall says the coarse test cannot be trusted.
    /// </summary>
    public static LearningRateRange? Combine(IEnumerable<LearningRateRange?> ranges)
    {
        var all = ranges.ToArray();
        if (all.Length == 0 || all.Any(range => range is null)) return null;
        return LearningRateRange.OrNull(all.Min(range => range!.Start), all.Max(range => range!.End));
    }

    private static bool Positive(double learningRate) => double.IsFinite(learningRate) && learningRate > 0;
}
