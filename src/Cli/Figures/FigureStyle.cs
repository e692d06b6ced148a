using ScottPlot;

namespace Sweep.Cli.Figures;

/// <summary>
/// The look shared by every panel: sizes that read at 900×600 px and 100% zoom, a quiet grid with
/// faint minor lines (they show the log scale's uneven spacing), and a legend that lets the data
/// show through.
/// </summary>
public static class FigureStyle
{
    /// <summary>Font sizes in pixels at report size.</summary>
    public const float TitleSize = 18, AxisLabelSize = 15, TickLabelSize = 13, LegendSize = 13, NoteSize = 12;

    /// <summary>
    /// The font of every text: a sans-serif face when one is installed (ScottPlot falls back to the
    /// system default, DejaVu Serif on Debian), else ScottPlot's default. A missing family comes back
    /// from ScottPlot as the fallback face, so a family counts as found only under its own name.
    /// </summary>
    public static string FontName { get; } = new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica" }
        .FirstOrDefault(name => Fonts.GetTypeface(name, bold: false, italic: false)?.FamilyName == name) ?? Fonts.Default;

    /// <summary>A new panel with its title and axis labels, styled.</summary>
    public static Plot Panel(string title, string xLabel, string yLabel, float scale = 1)
    {
        var plot = new Plot();
        plot.Title(title, TitleSize * scale);
        plot.XLabel(xLabel, AxisLabelSize * scale);
        plot.YLabel(yLabel, AxisLabelSize * scale);
        plot.Axes.Title.Label.Bold = true;
        plot.Axes.Title.Label.ForeColor = FigurePalette.Ink;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.Label.ForeColor = FigurePalette.Ink;
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = TickLabelSize * scale;
            axis.TickLabelStyle.ForeColor = FigurePalette.Ink;
        }

        plot.Grid.MajorLineColor = Color.FromHex("#000000").WithAlpha(0.12);
        plot.Grid.MinorLineColor = Color.FromHex("#000000").WithAlpha(0.05);
        plot.Grid.MinorLineWidth = 1;
        plot.Legend.FontSize = LegendSize * scale;
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.85);
        plot.Legend.OutlineColor = Color.FromHex("#BBBBBB");
        plot.Legend.ShadowColor = Colors.Transparent;
        return plot;
    }

    /// <summary>Shows the legend inside the data area at <paramref name="corner"/>.</summary>
    public static void LegendAt(Plot plot, Alignment corner)
    {
        plot.ShowLegend(corner);
        plot.Legend.FontSize = LegendSize;
    }

    /// <summary>Applies <see cref="FontName"/> to every text of the panel; call once everything is added.</summary>
    public static void Finish(Plot plot)
    {
        plot.Font.Set(FontName);
        plot.Legend.FontName = FontName;
        foreach (var text in plot.GetPlottables<ScottPlot.Plottables.Text>()) text.LabelFontName = FontName;
    }
}
