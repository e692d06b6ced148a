using ScottPlot;
using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>
/// The colours of every figure. A batch size gets its colour from its rank among the sweep's batch
/// sizes, spread across one fixed ordered palette (warm for small batches, cool for large), so the
/// same batch size has the same colour in every figure of a report and neighbours stay apart.
/// </summary>
public static class FigurePalette
{
    // Ordered, colour-blind-friendly hues (after Okabe–Ito and Paul Tol), small batches first.
    private static readonly Color[] Ordered =
        new[] { "#C0392B", "#E67E22", "#B7950B", "#229954", "#17A2B8", "#2471A3", "#6C3483", "#884EA0" }
            .Select(Color.FromHex).ToArray();

    /// <summary>Ink for text, frames and neutral data (near-black, softer than pure black).</summary>
    public static Color Ink { get; } = Color.FromHex("#222222");

    /// <summary>Neutral grey for secondary data (raw loss, each seed's point).</summary>
    public static Color Neutral { get; } = Color.FromHex("#8C8C8C");

    /// <summary>The colour of each batch size in <paramref name="batchSizes"/>, by rank of size.</summary>
    public static IReadOnlyDictionary<int, Color> ForBatchSizes(IEnumerable<int> batchSizes)
    {
        var sizes = batchSizes.Distinct().Order().ToArray();
        return sizes.Select((size, rank) => (size, colour: Ordered[Slot(rank, sizes.Length)]))
            .ToDictionary(pair => pair.size, pair => pair.colour);
    }

    /// <summary>A fixed colour per rule, distinct from each other on a white background.</summary>
    public static Color ForRule(Rule rule) => rule switch
    {
        Rule.Valley => Color.FromHex("#D62728"),
        Rule.Slide => Color.FromHex("#9467BD"),
        Rule.Minimum => Color.FromHex("#2CA02C"),
        Rule.Steep => Color.FromHex("#FF7F0E"),
        Rule.Steepest => Color.FromHex("#8C564B"),
        Rule.MinLoss => Color.FromHex("#17BECF"),
        _ => Ink,
    };

    // Spread n ranks over the palette when they fit (4 sizes: 0, 2, 5, 7), cycle when they do not.
    private static int Slot(int rank, int count) =>
        count <= 1 ? Ordered.Length - 3
        : count <= Ordered.Length ? (int)Math.Round(rank * (Ordered.Length - 1) / (double)(count - 1))
        : rank % Ordered.Length;
}
