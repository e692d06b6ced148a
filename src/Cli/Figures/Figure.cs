using ScottPlot;

namespace Sweep.Cli.Figures;

/// <summary>
/// A drawn figure: what ScottPlot renders (one panel or several) and the data it was given to draw.
/// Tests read <see cref="Series"/> and <see cref="Bands"/> rather than pixels.
/// </summary>
/// <param name="Drawing">The panels and their layout; a single-panel figure is a one-panel layout.</param>
/// <param name="Series">Every line and point set drawn, in data units.</param>
/// <param name="Bands">Every shaded region and error-bar set drawn, in data units.</param>
/// <param name="Width">The width it is laid out for, in pixels.</param>
/// <param name="Height">The height it is laid out for, in pixels.</param>
public sealed record Figure(Multiplot Drawing, IReadOnlyList<PlottedSeries> Series, IReadOnlyList<PlottedBand> Bands, int Width, int Height)
{
    /// <summary>The size a report shows single-panel figures at: readable text at 100% zoom.</summary>
    public const int ReportWidth = 900, ReportHeight = 600;

    /// <summary>Every panel, in reading order.</summary>
    public IReadOnlyList<Plot> Panels => Drawing.Subplots.GetPlots();

    /// <summary>The first (for most figures, the only) panel.</summary>
    public Plot Plot => Drawing.Subplots.GetPlot(0);

    /// <summary>The series with exactly this label; throws when there is none, as a test wants.</summary>
    public PlottedSeries SeriesNamed(string label) => Series.Single(series => series.Label == label);

    /// <summary>The band with exactly this label.</summary>
    public PlottedBand BandNamed(string label) => Bands.Single(band => band.Label == label);

    /// <summary>A one-panel figure.</summary>
    public static Figure Single(Plot plot, IReadOnlyList<PlottedSeries> series, IReadOnlyList<PlottedBand> bands,
        int width = ReportWidth, int height = ReportHeight) =>
        new(new Multiplot(plot), series, bands, width, height);
}
