using ScottPlot;
using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>
/// The two budgets side by side: one rule's <see cref="ScalingFigure"/> under equal steps (left) and
/// under equal samples (right), on one learning-rate axis, so that the steeper slope under one epoch
/// reads at a glance. Each panel's title names its budget and exponent.
/// </summary>
public static class BudgetFigure
{
    /// <summary>One side: its title and the runs, summaries and fit it shows.</summary>
    public sealed record Side(string Title, IReadOnlyList<BatchSizeSummary> Summaries, PowerLawEstimate? PowerLaw);

    /// <summary>The figure of <paramref name="rule"/> under both budgets.</summary>
    public static Figure Draw(Rule rule, Side equalSteps, Side equalSamples)
    {
        var panels = new[] { equalSteps, equalSamples }.Select(side =>
        {
            var interval = side.PowerLaw is { } power ? (power.ExponentLow, power.ExponentHigh) : ((double, double)?)null;
            var plot = ScalingFigure.Draw(rule, side.Summaries, side.PowerLaw?.Fit, interval).Plot;
            plot.Title(side.Title, FigureStyle.TitleSize);
            return plot;
        }).ToArray();
        // One learning-rate range for both, so that equal heights mean equal rates.
        var (low, high) = (panels.Min(plot => plot.Axes.Left.Min), panels.Max(plot => plot.Axes.Left.Max));
        foreach (var plot in panels) LogAxis.Apply(plot.Axes.Left, low, high);
        // A new Multiplot holds one empty panel of its own; starting from the first keeps it out.
        var multiplot = new Multiplot(panels[0]);
        multiplot.AddPlot(panels[1]);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(1, 2);
        return new Figure(multiplot, 2 * Figure.ReportWidth, Figure.ReportHeight);
    }
}
