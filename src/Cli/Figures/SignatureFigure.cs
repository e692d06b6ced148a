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
        var series = new List<PlottedSeries>();
        var bands = new List<PlottedBand>();

        foreach (var summary in ordered)
        {
            var band = summary.Band;
            var steps = Enumerable.Range(0, band.LearningRates.Count)
                .Where(step => band.LearningRates[step] > 0 && double.IsFinite(band.Median[step]) && double.IsFinite(band.Low[step]) && double.IsFinite(band.High[step]))
                .ToArray();
            var rates = steps.Select(step => band.LearningRates[step]).ToArray();
            var label = LabelOf(summary.BatchSize);
            bands.Add(new PlottedBand(label, rates, steps.Select(step => band.Low[step]).ToArray(), steps.Select(step => band.High[step]).ToArray()));
            series.Add(new PlottedSeries(label, rates, steps.Select(step => band.Median[step]).ToArray()));
        }

        // Bands first, all of them, so that no band covers another batch size's median line.
        foreach (var (band, summary) in bands.Zip(ordered))
        {
            var fill = plot.Add.FillY(LogAxis.Log10(band.X), band.Low, band.High);
            fill.FillColor = colours[summary.BatchSize].WithAlpha(0.16);
            fill.LineWidth = 0;
        }

        foreach (var (median, summary) in series.Zip(ordered))
        {
            var line = plot.Add.ScatterLine(LogAxis.Log10(median.X), median.Y, colours[summary.BatchSize]);
            line.LineWidth = 2.5f;
            line.LegendText = $"{median.Label} ({summary.Runs} {(summary.Runs == 1 ? "seed" : "seeds")})";
        }

        var (low, high) = LogAxis.Range(series.SelectMany(median => median.X), padding: 0.02);
        LogAxis.Apply(plot.Axes.Bottom, low, high);
        var (bottom, top) = LossWindow.Of(bands.SelectMany(band => band.Low), series.Where(median => median.Y.Length > 0).Select(median => median.Y[0]),
            series.SelectMany(median => median.Y));
        plot.Axes.SetLimitsY(bottom, top);
        FigureStyle.LegendAt(plot, Alignment.LowerLeft);
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = "line: median of seeds; shade: 10–90%",
            FillColor = FigurePalette.Neutral.WithAlpha(0.25),
            LineWidth = 0,
        });
        FigureStyle.Finish(plot);
        return Figure.Single(plot, series, bands);
    }
}
