using System.Runtime.CompilerServices;

namespace Sweep.Domain;

/// <summary>
/// The search for x = ln B_noise of <see cref="McCandlish"/>: a grid over
/// [ln(min B / 1000), ln(max B · 1000)] of step at most 0.1, then the root of S' by bisection
/// between the best grid point's neighbours, or golden-section search on D where S' keeps its sign.
/// </summary>
public static partial class McCandlish
{
    private const double GridStep = 0.1;
    private const double InverseGolden = 0.6180339887498949;

    // The grid point of least excess D: the first of equals, or the first NaN if there is one (the choice the fit has always made).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Best(double[][] lifts, double[] counts, double[] residuals, int total, out double bestValue)
    {
        var (best, value) = (0, double.PositiveInfinity);
        for (var k = 0; k < lifts.Length; k++)
        {
            var sum = Excess(lifts[k], counts, residuals, total);
            if (double.IsNaN(sum))
            {
                (best, value) = (k, sum);
                break;
            }

            if (k == 0 || sum < value) (best, value) = (k, sum);
        }

        bestValue = value;
        return best;
    }

    // S'(x) / 2 = Σ_j n_j (r_j + g_j − ḡ)(σ_j − σ̄), σ_j = σ(x − ln B_j); subtracting σ̄ changes nothing
    // (Σ_j n_j (r_j + g_j − ḡ) = 0) but lets σ_j − σ̄ be taken between complements 1 − σ_j when every
    // σ_j is near 1 (B_noise ≫ B), where the direct difference would cancel to a few digits.
    // lifts, slopes and complements are scratch space of the groups' length.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Slope(double x, double[] logBatch, double[] counts, double[] residuals, int total, double[] lifts, double[] slopes, double[] complements)
    {
        for (var j = 0; j < logBatch.Length; j++)
        {
            var t = x - logBatch[j];
            var tail = Math.Exp(-Math.Abs(t));
            lifts[j] = Math.Max(t, 0) + Math.Log(1 + tail);
            (slopes[j], complements[j]) = t >= 0 ? (1 / (1 + tail), tail / (1 + tail)) : (tail / (1 + tail), 1 / (1 + tail));
        }

        var (mean, slope, complement) = (Weighted(counts, lifts, total), Weighted(counts, slopes, total), Weighted(counts, complements, total));
        var sum = 0.0;
        for (var j = 0; j < logBatch.Length; j++)
            sum += counts[j] * (residuals[j] + lifts[j] - mean) * (slope <= 0.5 ? slopes[j] - slope : complement - complements[j]);
        return sum;
    }

    // The root of an increasing gradient on [a, b], gradient(a) < 0 < gradient(b), to a bracket of 1e-13.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Bisection(Func<double, double> gradient, double a, double b)
    {
        while (b - a > 1e-13)
        {
            var middle = a + (b - a) / 2;
            if (middle <= a || middle >= b) break;
            if (gradient(middle) < 0) a = middle;
            else b = middle;
        }

        return a + (b - a) / 2;
    }

    // Golden-section search for the minimum of f on [a, b], down to a bracket of 1e-12 (or 200 steps).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double GoldenSection(Func<double, double> f, double a, double b)
    {
        var c = b - InverseGolden * (b - a);
        var d = a + InverseGolden * (b - a);
        var (fc, fd) = (f(c), f(d));
        for (var step = 0; step < 200 && b - a > 1e-12; step++)
        {
            if (fc <= fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - InverseGolden * (b - a);
                fc = f(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + InverseGolden * (b - a);
                fd = f(d);
            }
        }

        return fc <= fd ? c : d;
    }

    /// <summary>
    /// The grid over x = ln B_noise for one set of batch sizes, with every g_j(x) = softplus(x − ln B_j)
    /// on it: the grid depends on the batch sizes alone, so the 2,000 resamples of a bootstrap (the
    /// same batch sizes, other learning rates) compute it once instead of once each.
    /// </summary>
    public sealed record SearchGrid(double[] LogBatch, double[] Points, double[][] Lifts)
    {
        /// <summary>The grid of <paramref name="groups"/>' batch sizes (ascending, as <see cref="Bootstrap.Groups"/> gives them).</summary>
        public static SearchGrid Of(IReadOnlyList<(double BatchSize, double[] LearningRates)> groups)
        {
            var logBatch = groups.Select(group => Math.Log(group.BatchSize)).ToArray();
            if (logBatch.Length == 0) return new SearchGrid(logBatch, [], []);
            var lower = logBatch[0] - Math.Log(SearchFactor);
            var upper = logBatch[^1] + Math.Log(SearchFactor);
            var steps = (int)Math.Ceiling((upper - lower) / GridStep);
            var points = Enumerable.Range(0, steps + 1).Select(k => lower + (upper - lower) * k / steps).ToArray();
            return new SearchGrid(logBatch, points, points.Select(x => logBatch.Select(logSize => Softplus(x - logSize)).ToArray()).ToArray());
        }
    }
}
