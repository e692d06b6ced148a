using ScottPlot;
using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>
/// One panel per batch size (smallest first, in a near-square grid), every seed's smoothed curve in
/// it, all panels on the same axes, so the spread between seeds can be compared by eye: the noise
/// grows as the batch shrinks. The shared y range is the <see cref="LossWindow"/> of all curves.
/// </summary>
public static class SmallMultiplesFigure
{
    /// <summary>The size of one panel in pixels; the figure is as many panels as its grid holds.</summary>
    public const int PanelWidth = 560, PanelHeight = 380;

    /// <summary>The label of one seed's curve: "batch size 8, seed 3".</summary>
    public static string LabelOf(SweepCell cell) => $"batch size {cell.BatchSize}, seed {cell.Seed}";

    /// <summary>The panels of <paramref name="runs"/>. Points with a non-finite smoothed loss or a non-positive LR are left out.</summary>
    public static Figure Draw(IReadOnlyList<RunResult> runs)
    {
        var groups = runs.GroupBy(run => run.Cell.BatchSize).OrderBy(group => group.Key)
            .Select(group => group.OrderBy(run => run.Cell.Seed).ToArray()).ToArray();
        var colours = FigurePalette.ForBatchSizes(groups.Select(group => group[0].Cell.BatchSize));
        var series = groups.SelectMany(group => group).Select(run =>
        {
            var points = run.Curve.Points.Where(point => point.LearningRate > 0 && double.IsFinite(point.LearningRate) && double.IsFinite(point.SmoothedLoss)).ToArray();
            return (X: points.Select(point => point.LearningRate).ToArray(), Y: points.Select(point => point.SmoothedLoss).ToArray());
        }).ToArray();

        var (left, right) = LogAxis.Range(series.SelectMany(curve => curve.X), padding: 0.02);
        var (bottom, top) = LossWindow.Of(series.SelectMany(curve => curve.Y), series.Where(curve => curve.Y.Length > 0).Select(curve => curve.Y[0]),
            series.SelectMany(curve => curve.Y));
        var columns = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(groups.Length)));
        var rows = Math.Max(1, (int)Math.Ceiling(groups.Length / (double)columns));
        var panels = new List<Plot>();
        var index = 0;
        foreach (var group in groups)
        {
            var size = group[0].Cell.BatchSize;
            var plot = FigureStyle.Panel($"batch size {size} ({group.Length} {(group.Length == 1 ? "seed" : "seeds")})",
                "learning rate (log scale)", "smoothed training loss");
            foreach (var run in group)
            {
                var curve = series[index++];
                var line = plot.Add.ScatterLine(LogAxis.Log10(curve.X), curve.Y, colours[size].WithAlpha(0.75));
                line.LineWidth = 1.5f;
                line.LegendText = LabelOf(run.Cell);
            }

            plot.Legend.IsVisible = false; // ScottPlot would show the lines' names; the title says the batch size
            LogAxis.Apply(plot.Axes.Bottom, left, right, maximumLabels: 6);
            plot.Axes.SetLimitsY(bottom, top);
            FigureStyle.Finish(plot);
            panels.Add(plot);
        }

        if (panels.Count == 0) panels.Add(FigureStyle.Panel("no runs", "learning rate (log scale)", "smoothed training loss"));
        // A new Multiplot holds one empty panel of its own; starting from the first keeps it out.
        var multiplot = new Multiplot(panels[0]);
        foreach (var panel in panels.Skip(1)) multiplot.AddPlot(panel);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        return new Figure(multiplot, columns * PanelWidth, rows * PanelHeight);
    }
}
