namespace Sweep.Domain;

/// <summary>
/// For every index i, the length of the longest strictly decreasing subsequence ending at i:
/// lds[i] = 1 + max{ lds[j] : j &lt; i, x[j] &gt; x[i] } (1 when there is none). NaN compares false
/// both ways, as in Python, so a NaN neither extends nor is extended.
/// <para>fastai computes this with two nested loops, O(n²). Here: patience sorting. tails[k] holds
/// the largest last value of any decreasing subsequence of length k+1 seen so far; tails is strictly
/// decreasing, so the number of entries greater than x (found by binary search) is the longest
/// chain x can extend. O(n log n), identical lengths.</para>
/// </summary>
public static class LongestDecrease
{
    /// <summary>lds[i] for every i.</summary>
    public static int[] Lengths(ReadOnlySpan<double> values)
    {
        var lengths = new int[values.Length];
        var tails = new double[values.Length];
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            if (double.IsNaN(x))
            {
                lengths[i] = 1;
                continue;
            }

            var k = CountGreater(tails.AsSpan(0, count), x);
            lengths[i] = k + 1;
            tails[k] = x;
            if (k == count) count++;
        }

        return lengths;
    }

    // tails is strictly decreasing: the entries greater than x form a prefix; its length is the answer.
    private static int CountGreater(ReadOnlySpan<double> tails, double x)
    {
        int low = 0, high = tails.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (tails[middle] > x) low = middle + 1;
            else high = middle;
        }

        return low;
    }
}
