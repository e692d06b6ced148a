namespace Sweep.Domain;

/// <summary>
/// Order statistics over finite values. Quantiles use linear interpolation between order
/// statistics (numpy's default, "type 7"): q-quantile = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]),
/// h = (n − 1)q on the sorted values. Non-finite values are ignored; no finite value gives NaN.
/// <see cref="OfSorted"/> is the one implementation; it also serves the bootstrap, whose sorted
/// values may hold ±∞ (a fit's limit): between a number and an infinity the infinity wins as soon
/// as h leaves the number (∞ − x times a positive fraction is ∞), and h on an order statistic gives
/// it exactly.
/// </summary>
public static class Statistics
{
    /// <summary>The <paramref name="quantile"/> (0..1) of the finite values.</summary>
    public static double Quantile(IEnumerable<double> values, double quantile) =>
        OfSorted(values.Where(double.IsFinite).Order().ToArray(), quantile);

    /// <summary>The type-7 <paramref name="quantile"/> (clamped to 0..1) of ascending values without NaN (±∞ allowed); NaN for none.</summary>
    internal static double OfSorted(IReadOnlyList<double> sorted, double quantile)
    {
        if (sorted.Count == 0) return double.NaN;
        var position = (sorted.Count - 1) * Math.Clamp(quantile, 0, 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        var fraction = position - below;
        var (low, high) = (sorted[below], sorted[above]);
        if (fraction == 0 || low == high) return low;
        if (double.IsInfinity(low)) return low;
        if (double.IsInfinity(high)) return high;
        return low + fraction * (high - low);
    }

    /// <summary>The median of the finite values.</summary>
    public static double Median(IEnumerable<double> values) => Quantile(values, 0.5);

    /// <summary>The arithmetic mean of the finite values (NaN for none).</summary>
    public static double Mean(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length == 0 ? double.NaN : finite.Average();
    }

    /// <summary>The sample standard deviation (n − 1) of the finite values (NaN for fewer than two).</summary>
    public static double StandardDeviation(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length < 2) return double.NaN;
        var mean = finite.Average();
        return Math.Sqrt(finite.Sum(value => (value - mean) * (value - mean)) / (finite.Length - 1));
    }
}
