namespace Sweep.Domain;

/// <summary>A curve as the rules read it: learning rates and losses of equal length.</summary>
public sealed record CurveView(double[] LearningRates, double[] Losses)
{
    /// <summary>The number of points.</summary>
    public int Count => Math.Min(LearningRates.Length, Losses.Length);

    /// <summary>Equal values, not the same arrays.</summary>
    public bool Equals(CurveView? other) =>
        other is not null && LearningRates.AsSpan().SequenceEqual(other.LearningRates) && Losses.AsSpan().SequenceEqual(other.Losses);

    /// <inheritdoc />
    public override int GetHashCode() =>
        Losses.Aggregate(LearningRates.Aggregate(LearningRates.Length, HashCode.Combine), HashCode.Combine);
}

/// <summary>
/// What fastai's lr_find does to the recorded curve before any rule sees it, as a separate step
/// that composes with every rule: keep [⌊num_it/10⌋ : n−5] (Python slice semantics, so a short
/// curve becomes empty), then cut at the first NaN loss.
/// </summary>
public static class PostProcessing
{
    /// <summary>Points fastai drops at the end.</summary>
    public const int FastaiDropEnd = 5;

    /// <summary>fastai's trim, for a run planned with <paramref name="iterations"/> steps.</summary>
    public static CurveView Fastai(int iterations, IReadOnlyList<double> learningRates, IReadOnlyList<double> losses)
    {
        var n = Math.Min(learningRates.Count, losses.Count);
        var from = Math.Clamp(iterations / 10, 0, n);
        var to = Math.Max(from, n - FastaiDropEnd);
        var cut = from;
        while (cut < to && !double.IsNaN(losses[cut])) cut++;
        return new CurveView(Lists.Slice(learningRates, from, cut), Lists.Slice(losses, from, cut));
    }

    /// <summary>Points fastai 0.7's sched.plot() skips at the start (n_skip).</summary>
    public const int Fastai07DropStart = 10;

    /// <summary>
    /// fastai 0.7's sched.plot(): lrs[10:-5] against losses[10:-5], Python slice semantics (fewer than
    /// 16 points leave nothing). No NaN cut: its stop rule never records a NaN.
    /// </summary>
    public static CurveView Fastai07(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses)
    {
        var n = Math.Min(learningRates.Count, losses.Count);
        var from = Math.Min(Fastai07DropStart, n);
        var to = Math.Max(from, n - FastaiDropEnd);
        return new CurveView(Lists.Slice(learningRates, from, to), Lists.Slice(losses, from, to));
    }

    /// <summary>No post-processing: the curve as recorded.</summary>
    public static CurveView None(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses)
    {
        var n = Math.Min(learningRates.Count, losses.Count);
        return new CurveView(Lists.Slice(learningRates, 0, n), Lists.Slice(losses, 0, n));
    }
}
