namespace Sweep.Cli;

/// <summary>The names a misspelt one was probably meant to be: "did you mean --steps?".</summary>
public static class Suggestions
{
    /// <summary>
    /// The candidates nearest to <paramref name="given"/> by edit distance (insertions, deletions,
    /// substitutions and swaps of neighbours, each 1), when that distance is at most 3 and less than
    /// half the name: beyond that a suggestion is a guess. Ties are all returned, in the given order.
    /// </summary>
    public static IReadOnlyList<string> Nearest(string given, IEnumerable<string> candidates)
    {
        var scored = candidates.Select(candidate => (Candidate: candidate, Distance: Distance(given, candidate)))
            .Where(pair => pair.Distance <= 3 && pair.Distance * 2 < pair.Candidate.TrimStart('-').Length)
            .ToList();
        if (scored.Count == 0) return [];
        var best = scored.Min(pair => pair.Distance);
        return scored.Where(pair => pair.Distance == best).Select(pair => pair.Candidate).ToArray();
    }

    /// <summary>Optimal string alignment distance: d(a, b) = the fewest single-character edits, a swap of neighbours counting as one.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }

        return d[a.Length, b.Length];
    }
}
