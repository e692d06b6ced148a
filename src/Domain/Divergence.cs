namespace Sweep.Domain;

/// <summary>The best (lowest) smoothed loss so far; +∞ before the first point.</summary>
public readonly record struct DivergenceState(double Best)
{
    /// <summary>Before any point.</summary>
    public static DivergenceState Empty => new(double.PositiveInfinity);
}

/// <summary>How the divergence test reads the smoothed losses, and whether the diverging point is kept.</summary>
public enum DivergenceConvention
{
    /// <summary>
    /// fastai v2 and pytorch-lr-finder: best over every point so far (from +∞), the point recorded
    /// first and then checked, so the diverging point stays in the curve (<see cref="Divergence.Step"/>).
    /// </summary>
    Standard,

    /// <summary>
    /// fastai 0.7 (sgdr.py LR_Finder.on_batch_end): checked before recording against a best that
    /// starts at 10⁹ and moves only from the 12th batch on, so the diverging point is dropped
    /// (<see cref="Divergence.StepFastai07"/>).
    /// </summary>
    Fastai07,
}

/// <summary>
/// When a range test has gone too far. After recording a point with smoothed loss s:
/// best ← min(best, s); stop when s &gt; k · best (fastai k = 4, pytorch-lr-finder k = 5), or when
/// s is NaN or infinite. The diverging point stays in the curve, as both references keep it.
/// fastai 0.7 differs (<see cref="StepFastai07"/>, <see cref="DivergenceConvention.Fastai07"/>).
/// </summary>
public static class Divergence
{
    /// <summary>fastai's factor.</summary>
    public const double FastaiFactor = 4;

    /// <summary>pytorch-lr-finder's factor (diverge_th).</summary>
    public const double PytorchLrFinderFactor = 5;

    /// <summary>fastai 0.7's starting best: 1e9, so nothing but NaN or a loss above 4e9 stops the first 11 batches.</summary>
    public const double Fastai07InitialBest = 1e9;

    /// <summary>fastai 0.7 updates its best only once its iteration counter, which counts the batches before this one, exceeds 10.</summary>
    public const int Fastai07IgnoredBatches = 11;

    /// <summary>
    /// fastai 0.7's rule for batch <paramref name="index"/> (0-based, = the batches recorded before it):
    /// <code>if isnan(s) or s &gt; 4·best: stop (s not recorded)
    /// if s &lt; best and index &gt; 10: best = s</code>
    /// with best starting at <see cref="Fastai07InitialBest"/> (the state keeps min of the
    /// eligible losses, from +∞, and best = min(10⁹, that)). A stop on a NaN or infinite s reads
    /// <see cref="StopReason.NonFinite"/>, else <see cref="StopReason.Diverged"/>. A
    /// <paramref name="factor"/> of +∞ disables the ratio test, as in <see cref="Step"/>.
    /// </summary>
    public static (DivergenceState State, StopReason? Stop) StepFastai07(double factor, DivergenceState state, double smoothed, int index)
    {
        var best = Math.Min(Fastai07InitialBest, state.Best);
        var ratioStops = !double.IsPositiveInfinity(factor) && smoothed > factor * best;
        if (double.IsNaN(smoothed) || ratioStops)
            return (state, double.IsFinite(smoothed) ? StopReason.Diverged : StopReason.NonFinite);
        return smoothed < best && index >= Fastai07IgnoredBatches ? (new DivergenceState(smoothed), null) : (state, null);
    }

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
