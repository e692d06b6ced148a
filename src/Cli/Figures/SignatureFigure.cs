using ScottPlot;
using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>
/// The signature of a sweep: loss against learning rate, one colour per batch size, each the median
/// smoothed curve over the seeds with the 10–90% band shaded behind it (both straight from
/// <see cref="BatchSizeSummary.Band"/>). The y axis runs from the lowest band value to a little above
/// the highest median start, so the divergence blow-up leaves the top of the plot instead of
/// squashing the descents (<see cref="LossWindow"/>).
/// </summary>
public static class SignatureFigure
{
    /// <summary>The label of a batch size's median series and band: "batch size 64".</summary>
    public static string LabelOf(int batchSize) => $"batch size {batchSize}";

    /// <summary>
    /// The figure of <paramref name="summaries"/>, smallest batch size first. Steps whose median or
    /// band is not finite (no seed reached them with a finite loss) are left out.
    /// </summary>
    public static Figure Draw(IReadOnlyList<BatchSizeSummary> summaries, string title = "Loss against learning rate, by batch size")
    {
        var ordered = summaries.OrderBy(summary => summary.BatchSize).ToArray();
        var colours = FigurePalette.ForBatchSizes(ordered.Select(summary => summary.BatchSize));
        var plot = FigureStyle.Panel(title, "learning rate (log scale)", "smoothed training loss");
        var drawn = ordered.Select(summary =>
        {
            var band = summary.Band;
            var steps = Enumerable.Range(0, band.LearningRates.Count)
                .Where(step => band.LearningRates[step] > 0 && double.IsFinite(band.Median[step]) && double.IsFinite(band.Low[step]) && double.IsFinite(band.High[step]))
                .ToArray();
            return (summary.BatchSize, summary.Runs, Rates: steps.Select(step => band.LearningRates[step]).ToArray(),
                Median: steps.Select(step => band.Median[step]).ToArray(),
                Low: steps.Select(step => band.Low[step]).ToArray(), High: steps.Select(step => band.High[step]).ToArray());
        }).ToArray();

        // Bands first, all of them, so that no band covers another batch size's median line.
        foreach (var curve in drawn)
            Band.Add(plot, LogAxis.Log10(curve.Rates), curve.Low, curve.High, colours[curve.BatchSize].WithAlpha(0.16));

        foreach (var curve in drawn)
        {
            var line = plot.Add.ScatterLine(LogAxis.Log10(curve.Rates), curve.Median, colours[curve.BatchSize]);
            line.LineWidth = 2.5f;
            line.LegendText = $"{LabelOf(curve.BatchSize)} ({curve.Runs} {(curve.Runs == 1 ? "seed" : "seeds")})";
        }

        var (low, high) = LogAxis.Range(drawn.SelectMany(curve => curve.Rates), padding: 0.02);
        LogAxis.Apply(plot.Axes.Bottom, low, high);
        var (bottom, top) = LossWindow.Of(drawn.SelectMany(curve => curve.Low), drawn.Where(curve => curve.Median.Length > 0).Select(curve => curve.Median[0]),
            drawn.SelectMany(curve => curve.Median));
        plot.Axes.SetLimitsY(bottom, top);
        FigureStyle.LegendAt(plot, Alignment.LowerLeft);
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = "line: median of seeds; shade: 10–90%",
            FillColor = FigurePalette.Neutral.WithAlpha(0.25),
            LineWidth = 0,
        });
        FigureStyle.Finish(plot);
        return Figure.Single(plot);
    }
}
