namespace Sweep.Domain;

/// <summary>
/// A pure, seeded pseudo-random stream (SplitMix64, Steele, Lea &amp; Flood 2014): the state is a
/// ulong, each draw returns the value and the next state. Same seed, same numbers, on every
/// platform and .NET version — unlike System.Random, whose seeded sequence is an implementation
/// detail. Used for shuffling and resampling; never seeded from the clock.
/// <para>state ← state + 0x9E3779B97F4A7C15; z = state; z = (z ⊕ z≫30)·0xBF58476D1CE4E5B9;
/// z = (z ⊕ z≫27)·0x94D049BB133111EB; value = z ⊕ z≫31.</para>
/// </summary>
public static class SeededRandom
{
    /// <summary>The next 64 random bits and the state after them.</summary>
    public static (ulong Value, ulong State) Next(ulong state)
    {
        state = unchecked(state + 0x9E3779B97F4A7C15UL);
        var z = state;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (z ^ (z >> 31), state);
    }

    /// <summary>A state for stream <paramref name="stream"/> of <paramref name="seed"/>: independent streams per (seed, epoch).</summary>
    public static ulong Derive(ulong seed, ulong stream) => Next(Next(seed).Value ^ unchecked(stream * 0xD1B54A32D192ED03UL)).Value;

    /// <summary>A uniform integer in [0, bound) without modulo bias (Lemire's multiply-and-reject).</summary>
    public static (int Value, ulong State) Below(ulong state, int bound)
    {
        if (bound <= 1) return (0, state);
        var threshold = unchecked((uint)-bound) % (uint)bound;
        while (true)
        {
            (var bits, state) = Next(state);
            var product = (ulong)(uint)(bits >> 32) * (ulong)(uint)bound;
            if ((uint)product >= threshold) return ((int)(product >> 32), state);
        }
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits.</summary>
    public static (double Value, ulong State) Unit(ulong state)
    {
        var (bits, next) = Next(state);
        return ((bits >> 11) * (1.0 / (1UL << 53)), next);
    }

    /// <summary>A permutation of 0..n−1 by Fisher–Yates from <paramref name="state"/>.</summary>
    public static int[] Permutation(ulong state, int n)
    {
        var order = new int[Math.Max(0, n)];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        for (var i = order.Length - 1; i > 0; i--)
        {
            (var j, state) = Below(state, i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
