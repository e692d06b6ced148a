namespace Sweep.Domain;

/// <summary>
/// Order statistics over finite values. Quantiles use linear interpolation between order
/// statistics (numpy's default, "type 7"): q-quantile = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]),
/// h = (n − 1)q on the sorted values. Non-finite values are ignored; no finite value gives NaN.
/// </summary>
public static class Statistics
{
    /// <summary>The <paramref name="quantile"/> (0..1) of the finite values.</summary>
    public static double Quantile(IEnumerable<double> values, double quantile)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var position = (sorted.Length - 1) * Math.Clamp(quantile, 0, 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
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
