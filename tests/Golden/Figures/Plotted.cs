using ScottPlot;
using ScottPlot.Plottables;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

/// <summary>
/// What a ScottPlot panel holds, read back from its plottables in plot units (log10 where the axis
/// is logarithmic), so figure tests check the drawing itself rather than notes kept beside it.
/// </summary>
public static class Plotted
{
    /// <summary>log10 of every value, computed here, to compare with what a log axis was given.</summary>
    public static double[] Log10(IEnumerable<double> values) => values.Select(Math.Log10).ToArray();

    /// <summary>The one line whose legend text is <paramref name="legend"/>.</summary>
    public static Scatter Line(Plot plot, string legend) => plot.GetPlottables<Scatter>().Single(line => line.LegendText == legend);

    /// <summary>The points of a line.</summary>
    public static (double[] X, double[] Y) Points(Scatter line) => Split(line.Data.GetScatterPoints());

    /// <summary>The points of a marker set.</summary>
    public static (double[] X, double[] Y) Points(Markers markers) => Split(markers.Data.GetScatterPoints());

    /// <summary>
    /// The two edges of a shaded band drawn as one polygon: the first half of its outline, left to
    /// right, is the lower edge; the second half, right to left, the upper edge.
    /// </summary>
    public static (double[] X, double[] Low, double[] High) Edges(Polygon polygon)
    {
        var outline = polygon.Coordinates;
        Assert.True(outline.Length % 2 == 0, "a band's outline has as many points on each edge");
        var half = outline.Length / 2;
        var lower = outline.Take(half).ToArray();
        var upper = outline.Skip(half).Reverse().ToArray();
        Assert.Equal(lower.Select(point => point.X), upper.Select(point => point.X));
        return (lower.Select(point => point.X).ToArray(), lower.Select(point => point.Y).ToArray(), upper.Select(point => point.Y).ToArray());
    }

    /// <summary>Every text drawn in the data area.</summary>
    public static string[] Texts(Plot plot) => plot.GetPlottables<Text>().Select(text => text.LabelText).ToArray();

    /// <summary>Asserts two sequences agree to <paramref name="tolerance"/>, point by point.</summary>
    public static void Close(IEnumerable<double> expected, IEnumerable<double> actual, double tolerance = 1e-12)
    {
        double[] wanted = expected.ToArray(), got = actual.ToArray();
        Assert.Equal(wanted.Length, got.Length);
        for (var i = 0; i < wanted.Length; i++)
            Assert.True(Math.Abs(wanted[i] - got[i]) <= tolerance * Math.Max(1, Math.Abs(wanted[i])), $"at {i}: expected {wanted[i]}, got {got[i]}");
    }

    private static (double[] X, double[] Y) Split(IReadOnlyList<Coordinates> points) =>
        (points.Select(point => point.X).ToArray(), points.Select(point => point.Y).ToArray());
}
