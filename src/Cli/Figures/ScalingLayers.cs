using ScottPlot;
using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>
/// The layers of a <see cref="ScalingFigure"/>, back to front: the exponent band, the reference
/// slopes (dashed: 1, dotted: 1/2), the fit line, each seed's dot, then each batch size's
/// interquartile bars and median. Values come in data units and are drawn as their log10.
/// </summary>
public static class ScalingLayers
{
    /// <summary>Draws every layer that is given (null: not drawn) onto <paramref name="plot"/>.</summary>
    public static void Render(Plot plot, int[] sizes, IReadOnlyDictionary<int, Color> colours, (double X, double Y)[] seeds,
        (int Size, RuleSummary Summary)[] medians, (double X, double Y)[]? fitLine, (double X, double Low, double High)[]? fitBand,
        (double X, double Y)[]? linear, (double X, double Y)[]? squareRoot)
    {
        if (fitBand is not null)
            Band.Add(plot, LogAxis.Log10(fitBand.Select(edge => edge.X)), LogAxis.Log10(fitBand.Select(edge => edge.Low)),
                LogAxis.Log10(fitBand.Select(edge => edge.High)), FigurePalette.Ink.WithAlpha(0.10));

        foreach (var (reference, pattern) in new[] { (linear, LinePattern.Dashed), (squareRoot, LinePattern.Dotted) })
        {
            if (reference is null) continue;
            var line = Line(plot, reference, FigurePalette.Neutral, 1.8f);
            line.LinePattern = pattern;
        }

        if (fitLine is not null) Line(plot, fitLine, FigurePalette.Ink, 2.5f);

        foreach (var size in sizes)
        {
            var here = seeds.Where(seed => seed.X == size).ToArray();
            plot.Add.Markers(LogAxis.Log10(here.Select(seed => seed.X)), LogAxis.Log10(here.Select(seed => seed.Y)),
                MarkerShape.FilledCircle, 6, colours[size].WithAlpha(0.55));
        }

        var logMedians = LogAxis.Log10(medians.Select(entry => entry.Summary.Median));
        var bars = plot.Add.ErrorBar(LogAxis.Log10(medians.Select(entry => (double)entry.Size)), logMedians,
            LogAxis.Log10(medians.Select(entry => entry.Summary.LowerQuartile)).Zip(logMedians, (low, median) => median - low).ToArray());
        bars.YErrorPositive = LogAxis.Log10(medians.Select(entry => entry.Summary.UpperQuartile)).Zip(logMedians, (high, median) => high - median).ToArray();
        bars.Color = FigurePalette.Ink;
        bars.LineWidth = 1.5f;
        bars.CapSize = 8;
        for (var i = 0; i < medians.Length; i++)
        {
            var marker = plot.Add.Marker(Math.Log10(medians[i].Size), logMedians[i], MarkerShape.FilledSquare, 12, colours[medians[i].Size]);
            marker.MarkerLineColor = FigurePalette.Ink;
            marker.MarkerLineWidth = 1.2f;
        }
    }

    /// <summary>
    /// One legend, in reading order, written out (the drawn seeds are coloured by batch size):
    /// <paramref name="fitLabel"/> null says that no power law was fitted.
    /// </summary>
    public static void Legend(Plot plot, string? fitLabel, bool band, bool references)
    {
        var legend = plot.Legend.ManualItems;
        legend.Add(new LegendItem { LabelText = "each seed", LineWidth = 0, MarkerShape = MarkerShape.FilledCircle, MarkerSize = 7, MarkerColor = FigurePalette.Neutral });
        legend.Add(new LegendItem
        {
            LabelText = "median (bars: quartiles)", LineWidth = 0, MarkerShape = MarkerShape.FilledSquare, MarkerSize = 10,
            MarkerFillColor = FigurePalette.Neutral, MarkerLineColor = FigurePalette.Ink, MarkerLineWidth = 1.2f,
        });
        legend.Add(fitLabel is not null
            ? new LegendItem { LabelText = fitLabel, LineColor = FigurePalette.Ink, LineWidth = 2.5f }
            : new LegendItem { LabelText = "no power law fitted", LineWidth = 0 });
        if (band) legend.Add(new LegendItem { LabelText = "fit with α in its interval", FillColor = FigurePalette.Ink.WithAlpha(0.10), LineWidth = 0 });
        if (!references) return;
        legend.Add(new LegendItem { LabelText = ScalingFigure.Linear, LineColor = FigurePalette.Neutral, LineWidth = 1.8f, LinePattern = LinePattern.Dashed });
        legend.Add(new LegendItem { LabelText = ScalingFigure.SquareRoot, LineColor = FigurePalette.Neutral, LineWidth = 1.8f, LinePattern = LinePattern.Dotted });
    }

    private static ScottPlot.Plottables.Scatter Line(Plot plot, (double X, double Y)[] points, Color colour, float width)
    {
        var line = plot.Add.ScatterLine(LogAxis.Log10(points.Select(point => point.X)), LogAxis.Log10(points.Select(point => point.Y)), colour);
        line.LineWidth = width;
        return line;
    }
}
