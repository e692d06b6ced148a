using ScottPlot;

namespace Sweep.Cli.Figures;

/// <summary>
/// A drawn figure: what ScottPlot renders (one panel or several) and the size it is laid out for.
/// What was drawn is read back from the panels' plottables, so there is one record of it.
/// </summary>
/// <param name="Drawing">The panels and their layout; a single-panel figure is a one-panel layout.</param>
/// <param name="Width">The width it is laid out for, in pixels.</param>
/// <param name="Height">The height it is laid out for, in pixels.</param>
public sealed record Figure(Multiplot Drawing, int Width, int Height)
{
    /// <summary>The size a report shows single-panel figures at: readable text at 100% zoom.</summary>
    public const int ReportWidth = 900, ReportHeight = 600;

    /// <summary>Every panel, in reading order.</summary>
    public IReadOnlyList<Plot> Panels => Drawing.Subplots.GetPlots();

    /// <summary>The first (for most figures, the only) panel.</summary>
    public Plot Plot => Drawing.Subplots.GetPlot(0);

    /// <summary>A one-panel figure.</summary>
    public static Figure Single(Plot plot, int width = ReportWidth, int height = ReportHeight) =>
        new(new Multiplot(plot), width, height);
}
