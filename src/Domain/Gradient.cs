namespace Sweep.Domain;

/// <summary>
/// numpy.gradient with unit spacing, the derivative both references use:
/// g[0] = f[1] − f[0]; g[i] = (f[i+1] − f[i−1]) / 2; g[n−1] = f[n−1] − f[n−2].
/// Needs at least two values.
/// </summary>
public static class Gradient
{
    /// <summary>The gradient of <paramref name="values"/>, or an empty array for fewer than two values.</summary>
    public static double[] Of(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n < 2) return [];
        var gradient = new double[n];
        gradient[0] = values[1] - values[0];
        for (var i = 1; i < n - 1; i++) gradient[i] = (values[i + 1] - values[i - 1]) / 2.0;
        gradient[n - 1] = values[n - 1] - values[n - 2];
        return gradient;
    }

    /// <summary>
    /// The index of the smallest value as numpy/torch argmin answers it: the first NaN if there is
    /// one (NaN propagates), else the first occurrence of the minimum; −1 for an empty span.
    /// </summary>
    public static int ArgMin(ReadOnlySpan<double> values)
    {
        var best = -1;
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i])) return i;
            if (best < 0 || values[i] < values[best]) best = i;
        }

        return best;
    }
}
