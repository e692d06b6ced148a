namespace Sweep.Domain;

/// <summary>Copying helpers shared by the rules and the post-processing.</summary>
internal static class Lists
{
    /// <summary>values[from : to] as a new array (empty when to ≤ from).</summary>
    public static double[] Slice(IReadOnlyList<double> values, int from, int to)
    {
        var slice = new double[Math.Max(0, to - from)];
        for (var i = 0; i < slice.Length; i++) slice[i] = values[from + i];
        return slice;
    }
}
