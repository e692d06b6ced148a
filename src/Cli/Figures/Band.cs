using ScottPlot;

namespace Sweep.Cli.Figures;

/// <summary>
/// A shaded region between two edges, drawn as one polygon: along the lower edge from left to right,
/// then back along the upper edge from right to left. A polygon rather than ScottPlot's FillY,
/// whose outline is not readable afterwards: this way what a figure shaded can be checked.
/// </summary>
public static class Band
{
    /// <summary>Adds the region between <paramref name="low"/> and <paramref name="high"/> over <paramref name="xs"/> (plot units), filled with <paramref name="fill"/>.</summary>
    public static void Add(Plot plot, IReadOnlyList<double> xs, IReadOnlyList<double> low, IReadOnlyList<double> high, Color fill)
    {
        // An empty polygon has nothing to shade and no bounds to give the axes.
        if (xs.Count == 0) return;
        var outline = Enumerable.Range(0, xs.Count).Select(i => new Coordinates(xs[i], low[i]))
            .Concat(Enumerable.Range(0, xs.Count).Reverse().Select(i => new Coordinates(xs[i], high[i])))
            .ToArray();
        var polygon = plot.Add.Polygon(outline);
        polygon.FillColor = fill;
        polygon.LineWidth = 0;
    }
}
