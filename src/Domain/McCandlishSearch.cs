using System.Runtime.CompilerServices;

namespace Sweep.Domain;

/// <summary>
/// The search for x = ln B_noise of <see cref="McCandlish"/>: a grid over
/// [ln(min B / 1000), ln(max B · 1000)] of step at most 0.1, then golden-section refinement
/// between the best grid point's neighbours.
/// </summary>
public static partial class McCandlish
{
    private const double GridStep = 0.1;
    private const double InverseGolden = 0.6180339887498949;

    // The grid point of least spread: the first of equals, or the first NaN if there is one (the choice the fit has always made).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Best(double[][] lifts, double[] counts, double[] means, int total, double[] lifted, out double bestValue)
    {
        var (best, value) = (0, double.PositiveInfinity);
        for (var k = 0; k < lifts.Length; k++)
        {
            var sum = Spread(lifts[k], counts, means, total, lifted).Sum;
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
