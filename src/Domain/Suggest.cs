namespace Sweep.Domain;

/// <summary>
/// The suggestion rules on a curve given as learning rates and (smoothed) losses, read up to the
/// shorter list. Two layers:
/// <list type="bullet">
/// <item><see cref="Valley"/>, <see cref="Slide"/>, <see cref="Minimum"/>, <see cref="Steep"/>,
/// <see cref="Steepest"/>: exactly as fastai (callback/schedule.py) and pytorch-lr-finder define
/// them, degenerate answers included; null only where the reference has no answer (too few
/// points, a NaN minimum for steepest) or the answer is not a finite positive LR.</item>
/// <item><see cref="By"/> and <see cref="All"/>: what a user should see. They also answer null
/// for a curve with fewer than two points or no spread (all finite losses equal, or none finite):
/// there the references still answer — lrs[0], lrs[0]/10, lrs[n−16] — but those are artefacts of
/// their index arithmetic, not readings of a curve.</item>
/// </list>
/// No rule throws, whatever the input (NaN, ±∞, empty, unsorted).
/// </summary>
public static class Suggest
{
    /// <summary>fastai slide's window width (lr_diff).</summary>
    public const int SlideWindow = 15;

    /// <summary>fastai slide's gradient-agreement threshold (thresh).</summary>
    public const double SlideThreshold = 0.005;

    /// <summary>pytorch-lr-finder's default points skipped at the start and at the end.</summary>
    public const int SkipStart = 10, SkipEnd = 5;

    /// <summary>The answer of <paramref name="rule"/> with its default parameters.</summary>
    public static double? By(Rule rule, IReadOnlyList<double> learningRates, IReadOnlyList<double> losses) =>
        Informative(learningRates, losses) ? Exactly(rule, learningRates, losses) : null;

    /// <summary>True when a curve has at least two points and some spread in its finite losses.</summary>
    public static bool Informative(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses)
    {
        var n = Math.Min(learningRates.Count, losses.Count);
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(losses[i])) continue;
            low = Math.Min(low, losses[i]);
            high = Math.Max(high, losses[i]);
        }

        return n >= 2 && high > low;
    }

    /// <summary>The reference answer of <paramref name="rule"/>, without the <see cref="Informative"/> guard.</summary>
    public static double? Exactly(Rule rule, IReadOnlyList<double> learningRates, IReadOnlyList<double> losses) => rule switch
    {
        Rule.Valley => Valley(learningRates, losses),
        Rule.Slide => Slide(learningRates, losses),
        Rule.Minimum => Minimum(learningRates, losses),
        Rule.Steep => Steep(learningRates, losses),
        Rule.Steepest => Steepest(learningRates, losses),
        Rule.MinLoss => MinLoss(learningRates, losses),
        _ => null,
    };

    /// <summary>Every rule's answer, keyed by rule.</summary>
    public static IReadOnlyDictionary<Rule, double?> All(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses) =>
        RuleName.All.ToDictionary(rule => rule, rule => By(rule, learningRates, losses));

    /// <summary>
    /// fastai valley. end = the first index with the longest strictly decreasing subsequence
    /// (<see cref="LongestDecrease"/>), start = end − lds[end] (but 0 when end = 0: fastai sets start
    /// only when it moves end), s = (end − start)/3, idx = start + ⌊s⌋ + ⌊s/2⌋; answer lrs[idx]
    /// (a negative idx counts from the end, as Python's does: a 2-point falling curve gives lrs[1]).
    /// </summary>
    public static double? Valley(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses)
    {
        if (!Readable(learningRates, losses, minimum: 1, out var lrs, out var values)) return null;
        var lengths = LongestDecrease.Lengths(values);
        var end = 0;
        for (var i = 1; i < lengths.Length; i++)
            if (lengths[i] > lengths[end]) end = i;
        var start = end == 0 ? 0 : end - lengths[end];
        var sections = (end - start) / 3.0;
        var index = start + (int)sections + (int)(sections / 2);
        return At(lrs, index < 0 ? index + lrs.Length : index);
    }

    /// <summary>
    /// fastai slide(lr_diff = 15, thresh = 0.005). g = numpy.gradient(losses); r = n−1, l = r − 15;
    /// answer = lrs[l]; while l ≥ 0 and |g[r] − g[l]| &gt; thresh: answer = lrs[l], move r and l one left.
    /// Needs more than 15 points.
    /// </summary>
    public static double? Slide(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses,
        int window = SlideWindow, double threshold = SlideThreshold)
    {
        // window ≥ n rather than n < window + 1: the latter overflows for int.MaxValue.
        if (window < 1 || !Readable(learningRates, losses, minimum: 1, out var lrs, out var values) || window >= values.Length) return null;
        var gradient = Gradient.Of(values);
        var right = values.Length - 1;
        var left = right - window;
        var answer = lrs[left];
        while (left >= 0 && Math.Abs(gradient[right] - gradient[left]) > threshold)
        {
            answer = lrs[left];
            right--;
            left--;
        }

        return Positive(answer);
    }

    /// <summary>fastai minimum: lrs[argmin losses] / 10.</summary>
    public static double? Minimum(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses) =>
        MinLoss(learningRates, losses) is { } atMinimum ? Positive(atMinimum / 10) : null;

    /// <summary>The LR at the minimum loss: lrs[argmin losses].</summary>
    public static double? MinLoss(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses) =>
        Readable(learningRates, losses, minimum: 1, out var lrs, out var values)
            ? At(lrs, Gradient.ArgMin(values))
            : null;

    /// <summary>
    /// fastai steep: i = argmin (loss[i+1] − loss[i]) / (ln lr[i+1] − ln lr[i]); answer lrs[i].
    /// </summary>
    public static double? Steep(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses)
    {
        if (!Readable(learningRates, losses, minimum: 2, out var lrs, out var values)) return null;
        var slopes = new double[values.Length - 1];
        for (var i = 0; i < slopes.Length; i++)
            slopes[i] = (values[i + 1] - values[i]) / (Math.Log(lrs[i + 1]) - Math.Log(lrs[i]));
        return At(lrs, Gradient.ArgMin(slopes));
    }

    /// <summary>
    /// pytorch-lr-finder: on lrs[skipStart : n−skipEnd] and the same slice of losses,
    /// answer lrs[argmin numpy.gradient(losses)]. Needs two points left after skipping; a NaN in
    /// the gradient (numpy's argmin would pick it) is no answer, as pytorch-lr-finder reports none.
    /// </summary>
    public static double? Steepest(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses,
        int skipStart = SkipStart, int skipEnd = SkipEnd)
    {
        var n = Math.Min(learningRates.Count, losses.Count);
        var from = Math.Clamp(skipStart, 0, n);
        var to = Math.Max(from, n - Math.Max(skipEnd, 0));
        var lrs = Lists.Slice(learningRates, from, to);
        var values = Lists.Slice(losses, from, to);
        if (!Readable(lrs, values, minimum: 2, out lrs, out values)) return null;
        var gradient = Gradient.Of(values);
        var index = Gradient.ArgMin(gradient);
        return double.IsNaN(gradient[index]) ? null : At(lrs, index);
    }

    // Enough points for the rule; copies into arrays so the rules index spans.
    private static bool Readable(IReadOnlyList<double> learningRates, IReadOnlyList<double> losses, int minimum,
        out double[] lrs, out double[] values)
    {
        var n = Math.Min(learningRates.Count, losses.Count);
        lrs = Lists.Slice(learningRates, 0, n);
        values = Lists.Slice(losses, 0, n);
        return n >= minimum;
    }

    private static double? At(double[] lrs, int index) =>
        index >= 0 && index < lrs.Length ? Positive(lrs[index]) : null;

    private static double? Positive(double learningRate) =>
        double.IsFinite(learningRate) && learningRate > 0 ? learningRate : null;
}
