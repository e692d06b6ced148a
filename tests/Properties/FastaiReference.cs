namespace Sweep.Properties.Tests;

/// <summary>
/// The oracles: fastai's suggestion functions (fastai/callback/schedule.py), its lr_find trim,
/// pytorch-lr-finder's steepest pick and numpy's gradient/argmin, transcribed as literally as C#
/// allows — same loops, same order, Python negative indexing — so that a property compares the
/// Domain's rewrite (patience sorting, spans, guards) with the original, not with itself.
/// Where Python would raise (an empty argmin, an index out of range) the answer is null.
/// The Domain then reports only finite positive LRs; <see cref="Positive"/> applies that last.
/// </summary>
public static class FastaiReference
{
    /// <summary>Python's xs[i]: negative i counts from the end; out of range raises (null here).</summary>
    public static double? At(IReadOnlyList<double> xs, int i)
    {
        if (i < -xs.Count || i >= xs.Count) return null;
        return xs[i < 0 ? i + xs.Count : i];
    }

    /// <summary>Python's xs[start:stop] (step 1, both bounds given).</summary>
    public static double[] Slice(IReadOnlyList<double> xs, int start, int stop)
    {
        var n = xs.Count;
        static int Bound(int index, int n) => index < 0 ? Math.Max(0, index + n) : Math.Min(index, n);
        var from = Bound(start, n);
        var to = Bound(stop, n);
        return from >= to ? [] : xs.Skip(from).Take(to - from).ToArray();
    }

    /// <summary>Python's a // b for b &gt; 0 (floor division).</summary>
    public static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);

    /// <summary>The Domain's last filter: an LR is an answer only when finite and positive.</summary>
    public static double? Positive(double? lr) => lr is { } v && double.IsFinite(v) && v > 0 ? v : null;

    /// <summary>numpy.gradient(f) with unit spacing, edge_order 1; numpy raises below two values.</summary>
    public static double[]? NumpyGradient(IReadOnlyList<double> f)
    {
        var n = f.Count;
        if (n < 2) return null;
        var dx = 1.0;
        var outArray = new double[n];
        // out[1:-1] = (f[2:] - f[:-2]) / (2. * ax_dx)
        for (var i = 1; i < n - 1; i++) outArray[i] = (f[i + 1] - f[i - 1]) / (2.0 * dx);
        // out[0] = (f[1] - f[0]) / dx_0 ; out[-1] = (f[-1] - f[-2]) / dx_n
        outArray[0] = (f[1] - f[0]) / dx;
        outArray[n - 1] = (f[n - 1] - f[n - 2]) / dx;
        return outArray;
    }

    /// <summary>numpy/torch argmin: NaN propagates, so the first NaN wins; else the first minimum. Empty raises (null).</summary>
    public static int? Argmin(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) return null;
        for (var i = 0; i < xs.Count; i++)
            if (double.IsNaN(xs[i])) return i;
        var best = 0;
        for (var i = 1; i < xs.Count; i++)
            if (xs[i] < xs[best]) best = i;
        return best;
    }

    /// <summary>fastai's lds array: the double loop of valley, on its own.</summary>
    public static int[] Lds(IReadOnlyList<double> losses)
    {
        var n = losses.Count;
        var lds = Enumerable.Repeat(1, n).ToArray();
        for (var i = 1; i < n; i++)
            for (var j = 0; j < i; j++)
                if (losses[i] < losses[j] && lds[i] < lds[j] + 1)
                    lds[i] = lds[j] + 1;
        return lds;
    }

    /// <summary>
    /// fastai valley, line by line:
    /// <code>
    /// n = len(losses); max_start, max_end = 0,0; lds = [1]*n
    /// for i in range(1,n):
    ///     for j in range(0,i):
    ///         if (losses[i] &lt; losses[j]) and (lds[i] &lt; lds[j] + 1): lds[i] = lds[j] + 1
    ///         if lds[max_end] &lt; lds[i]: max_end = i; max_start = max_end - lds[max_end]
    /// sections = (max_end - max_start) / 3
    /// idx = max_start + int(sections) + int(sections/2)
    /// return float(lrs[idx])
    /// </code>
    /// </summary>
    public static double? Valley(IReadOnlyList<double> lrs, IReadOnlyList<double> losses) => At(lrs, ValleyIndex(losses));

    /// <summary>The idx of fastai's valley, before lrs[idx]: −1 when Python's negative indexing takes the last LR.</summary>
    public static int ValleyIndex(IReadOnlyList<double> losses)
    {
        var n = losses.Count;
        int maxStart = 0, maxEnd = 0;
        var lds = Enumerable.Repeat(1, n).ToArray();
        for (var i = 1; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (losses[i] < losses[j] && lds[i] < lds[j] + 1)
                    lds[i] = lds[j] + 1;
                if (lds[maxEnd] < lds[i])
                {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        }

        var sections = (maxEnd - maxStart) / 3.0;
        var idx = maxStart + (int)sections + (int)(sections / 2); // int() truncates; sections ≥ 0
        return idx;
    }

    /// <summary>
    /// fastai slide(lr_diff=15, thresh=.005), up to the suggestion (the interp only places the plot marker):
    /// <code>
    /// loss_grad = np.gradient(losses)
    /// r_idx = -1; l_idx = r_idx - lr_diff; local_min_lr = lrs[l_idx]
    /// while (l_idx >= -len(losses)) and (abs(loss_grad[r_idx] - loss_grad[l_idx]) > thresh):
    ///     local_min_lr = lrs[l_idx]; r_idx -= 1; l_idx -= 1
    /// suggestion = float(local_min_lr) * adjust_value
    /// </code>
    /// </summary>
    public static double? Slide(IReadOnlyList<double> lrs, IReadOnlyList<double> losses, int lrDiff = 15, double thresh = .005)
    {
        var lossGrad = NumpyGradient(losses);
        if (lossGrad is null) return null;
        var rIdx = -1;
        var lIdx = rIdx - lrDiff;
        var localMinLr = At(lrs, lIdx);
        if (localMinLr is null) return null;
        while (lIdx >= -losses.Count && Math.Abs(At(lossGrad, rIdx)!.Value - At(lossGrad, lIdx)!.Value) > thresh)
        {
            localMinLr = At(lrs, lIdx);
            rIdx -= 1;
            lIdx -= 1;
        }

        return localMinLr * 1.0;
    }

    /// <summary>fastai minimum: <c>lr_min = lrs[losses.argmin()].item(); return lr_min/10</c>.</summary>
    public static double? Minimum(IReadOnlyList<double> lrs, IReadOnlyList<double> losses) =>
        Argmin(losses) is { } i ? At(lrs, i) / 10 : null;

    /// <summary>fastai steep: <c>grads = (losses[1:]-losses[:-1]) / (lrs[1:].log()-lrs[:-1].log()); lrs[grads.argmin()]</c>.</summary>
    public static double? Steep(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        var n = losses.Count;
        var grads = new double[Math.Max(0, n - 1)];
        for (var i = 0; i < grads.Length; i++)
            grads[i] = (losses[i + 1] - losses[i]) / (Math.Log(lrs[i + 1]) - Math.Log(lrs[i]));
        return Argmin(grads) is { } k ? At(lrs, k) : null;
    }

    /// <summary>
    /// pytorch-lr-finder's steepest pick: <c>lrs[10:-5][np.gradient(losses[10:-5]).argmin()]</c>; numpy raises below
    /// two points. A NaN gradient (numpy's argmin would pick it) is no answer: the Domain's documented choice.
    /// </summary>
    public static double? Steepest(IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        var slicedLrs = Slice(lrs, 10, -5);
        var slicedLosses = Slice(losses, 10, -5);
        var gradient = NumpyGradient(slicedLosses);
        if (gradient is null || Argmin(gradient) is not { } i || double.IsNaN(gradient[i])) return null;
        return At(slicedLrs, i);
    }

    /// <summary>
    /// fastai lr_find's trim:
    /// <code>
    /// lrs,losses = tensor(self.recorder.lrs[num_it//10:-5]),tensor(self.recorder.losses[num_it//10:-5])
    /// nan_idxs = torch.nonzero(torch.isnan(losses.view(-1)))
    /// if len(nan_idxs) > 0:
    ///     drop_idx = min(nan_idxs); lrs = lrs[:drop_idx]; losses = losses[:drop_idx]
    /// </code>
    /// </summary>
    public static (double[] Lrs, double[] Losses) Trim(int numIt, IReadOnlyList<double> lrs, IReadOnlyList<double> losses)
    {
        var slicedLrs = Slice(lrs, FloorDiv(numIt, 10), -5);
        var slicedLosses = Slice(losses, FloorDiv(numIt, 10), -5);
        var nanIdxs = Enumerable.Range(0, slicedLosses.Length).Where(i => double.IsNaN(slicedLosses[i])).ToArray();
        if (nanIdxs.Length > 0)
        {
            var dropIdx = nanIdxs.Min();
            slicedLrs = Slice(slicedLrs, 0, dropIdx);
            slicedLosses = Slice(slicedLosses, 0, dropIdx);
        }

        return (slicedLrs, slicedLosses);
    }
}
