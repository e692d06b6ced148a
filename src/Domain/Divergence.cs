namespace Sweep.Domain;

/// <summary>The best (lowest) smoothed loss so far; +∞ before the first point.</summary>
public readonly record struct DivergenceState(double Best)
{
    /// <summary>Before any point.</summary>
    public static DivergenceState Empty => new(double.PositiveInfinity);
}

/// <summary>
/// When a range test has gone too far. After recording a point with smoothed loss s:
/// best ← min(best, s); stop when s &gt; k · best (fastai k = 4, pytorch-lr-finder k = 5), or when
/// s is NaN or infinite. The diverging point stays in the curve, as both references keep it.
/// </summary>
public static class Divergence
{
    /// <summary>fastai's factor.</summary>
    public const double FastaiFactor = 4;

    /// <summary>pytorch-lr-finder's factor (diverge_th).</summary>
    public const double PytorchLrFinderFactor = 5;

    /// <summary>
    /// Folds one smoothed loss into the state and says whether the run must stop here:
    /// <see cref="StopReason.NonFinite"/>, <see cref="StopReason.Diverged"/>, or null to go on.
    /// A <paramref name="factor"/> of +∞ disables the ratio test (non-finite values still stop).
    /// </summary>
    public static (DivergenceState State, StopReason? Stop) Step(double factor, DivergenceState state, double smoothed)
    {
        if (!double.IsFinite(smoothed)) return (state, StopReason.NonFinite);
        var best = Math.Min(state.Best, smoothed);
        var next = new DivergenceState(best);
        // An infinite factor disables the ratio test outright: ∞ · (negative best) would be −∞.
        if (double.IsPositiveInfinity(factor)) return (next, null);
        return smoothed > factor * best ? (next, StopReason.Diverged) : (next, null);
    }
}
