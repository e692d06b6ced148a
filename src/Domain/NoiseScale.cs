namespace Sweep.Domain;

/// <summary>A measured gradient noise scale and the squared-norm averages it came from.</summary>
/// <param name="SmallBatch">B_small.</param>
/// <param name="BigBatch">B_big.</param>
/// <param name="SmallSquaredNorm">Mean over draws of |G_small|², the squared norm of a small batch's mean gradient.</param>
/// <param name="BigSquaredNorm">Mean over draws of |G_big|².</param>
/// <param name="TrueSquaredNorm">The estimate of |G|², the squared norm of the full-data gradient.</param>
/// <param name="CovarianceTrace">The estimate of tr Σ, the per-sample gradient covariance's trace.</param>
public sealed record NoiseScaleEstimate(
    int SmallBatch, int BigBatch, double SmallSquaredNorm, double BigSquaredNorm, double TrueSquaredNorm, double CovarianceTrace)
{
    /// <summary>B_simple = tr Σ / |G|²: the batch size at which gradient noise and signal are comparable (NaN when |G|² ≤ 0).</summary>
    public double Simple => TrueSquaredNorm > 0 ? CovarianceTrace / TrueSquaredNorm : double.NaN;

    /// <summary>
    /// The learning-rate ratio the noise scale predicts between two batch sizes under McCandlish et
    /// al.'s ε_opt(B) = ε_max / (1 + B_noise / B), with B_noise ≈ B_simple:
    /// η(B1) / η(B2) = (1 + B_simple / B2) / (1 + B_simple / B1).
    /// </summary>
    public double PredictedRatio(double batch1, double batch2) => (1 + Simple / batch2) / (1 + Simple / batch1);

    /// <summary>The standard error of <see cref="Simple"/> (the jackknife over groups of <see cref="NoiseScale.FromGroups"/>); NaN when not known.</summary>
    public double SimpleStandardError { get; init; } = double.NaN;
}

/// <summary>
/// McCandlish et al. (2018)'s two-batch estimator of the gradient noise scale. A batch of size B
/// drawn from the data has E|G_B|² = |G|² + tr Σ / B, so two batch sizes give two equations:
/// |G|² ≈ (B_big |G_big|² − B_small |G_small|²) / (B_big − B_small),
/// tr Σ ≈ (|G_small|² − |G_big|²) / (1/B_small − 1/B_big).
/// Averaging each squared norm over several batches first makes both unbiased.
/// </summary>
public static class NoiseScale
{
    /// <summary>
    /// Groups of small batches a sweep draws (<see cref="FromGroups"/>): each group of B_big / B_small
    /// small batches also gives one big batch, and four groups give a jackknife standard error.
    /// </summary>
    public const int DefaultGroups = 4;

    /// <summary>
    /// The two batch sizes to measure a sweep's noise scale with: its smallest batch size, and the
    /// largest whole multiple of it up to 4 times its largest (capped by the data) — the estimator
    /// divides by 1/B_small − 1/B_big, so the sizes must lie far apart, and a big batch is made of
    /// whole small ones. The measurement costs <see cref="DefaultGroups"/> · B_big / B_small small
    /// batches: 4 times the largest keeps it under a tenth of the range tests' time (8 times cost a CNN sweep 15%). Null when the data allow no bigger batch than the smallest.
    /// </summary>
    public static (int Small, int Big)? Plan(IReadOnlyList<int> batchSizes, int samples)
    {
        if (batchSizes.Count == 0) return null;
        var small = batchSizes.Min();
        var big = small < 1 ? 0 : Math.Min(4L * batchSizes.Max(), samples) / small * small;
        return big > small ? (small, (int)big) : null;
    }

    /// <summary>
    /// The estimate from K groups, each of m = B_big / B_small small batches drawn without overlap:
    /// a group gives m small-batch squared norms (their mean is <c>SmallSquaredNorm</c>) and the
    /// squared norm of their mean gradient, which is the gradient of the m·B_small samples together —
    /// a big batch for free. The estimate uses the means over all groups; its standard error is the
    /// jackknife over groups, √((K − 1)/K · Σ_k (θ₋ₖ − θ̄)²) with θ₋ₖ the B_simple without group k
    /// (NaN for fewer than two groups).
    /// </summary>
    public static NoiseScaleEstimate FromGroups(int smallBatch, int bigBatch, IReadOnlyList<(double SmallSquaredNorm, double BigSquaredNorm)> groups)
    {
        NoiseScaleEstimate Of(IEnumerable<(double SmallSquaredNorm, double BigSquaredNorm)> chosen)
        {
            var list = chosen.ToArray();
            return list.Length == 0
                ? Estimate(smallBatch, double.NaN, bigBatch, double.NaN)
                : Estimate(smallBatch, list.Average(group => group.SmallSquaredNorm), bigBatch, list.Average(group => group.BigSquaredNorm));
        }

        var whole = Of(groups);
        if (groups.Count < 2) return whole;
        var leftOut = Enumerable.Range(0, groups.Count).Select(k => Of(groups.Where((_, index) => index != k)).Simple).ToArray();
        var mean = leftOut.Average();
        var error = Math.Sqrt((groups.Count - 1.0) / groups.Count * leftOut.Sum(value => (value - mean) * (value - mean)));
        return whole with { SimpleStandardError = error };
    }

    /// <summary>
    /// Whether a sweep must measure its noise scale: when its batch sizes call for a measurement
    /// (<paramref name="planned"/>, from <see cref="Plan"/>) and none was saved, or the saved one used
    /// other batch sizes. Measured once per folder, then again only when the plan asks for other sizes.
    /// </summary>
    public static bool NeedsMeasurement((int Small, int Big)? saved, (int Small, int Big)? planned) =>
        planned is { } wanted && saved != wanted;

    /// <summary>The estimate from averaged squared norms at two batch sizes (B_small &lt; B_big).</summary>
    public static NoiseScaleEstimate Estimate(int smallBatch, double smallSquaredNorm, int bigBatch, double bigSquaredNorm)
    {
        if (smallBatch < 1 || bigBatch <= smallBatch)
            return new NoiseScaleEstimate(smallBatch, bigBatch, smallSquaredNorm, bigSquaredNorm, double.NaN, double.NaN);
        var trueSquaredNorm = (bigBatch * bigSquaredNorm - smallBatch * smallSquaredNorm) / (bigBatch - smallBatch);
        var trace = (smallSquaredNorm - bigSquaredNorm) / (1.0 / smallBatch - 1.0 / bigBatch);
        return new NoiseScaleEstimate(smallBatch, bigBatch, smallSquaredNorm, bigSquaredNorm, trueSquaredNorm, trace);
    }
}
