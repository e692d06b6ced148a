using ScottPlot.Plottables;
using Sweep.Cli.Figures;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

public class SignatureFigureTests
{
    [Fact]
    public void It_draws_each_batch_sizes_median_and_band()
    {
        var summaries = SyntheticSweep.Summaries.OrderBy(summary => summary.BatchSize).ToArray();
        var figure = SignatureFigure.Draw(summaries.Reverse().ToArray());
        var lines = figure.Plot.GetPlottables<Scatter>().ToArray();
        var bands = figure.Plot.GetPlottables<Polygon>().ToArray();
        Assert.Equal(summaries.Length, lines.Length);
        Assert.Equal(summaries.Length, bands.Length);
        for (var i = 0; i < summaries.Length; i++)
        {
            var summary = summaries[i];
            Assert.Equal($"batch size {summary.BatchSize} ({summary.Runs} seeds)", lines[i].LegendText);
            var median = Plotted.Points(lines[i]);
            Assert.Equal(Plotted.Log10(summary.Band.LearningRates), median.X);
            Assert.Equal(summary.Band.Median, median.Y);
            var band = Plotted.Edges(bands[i]);
            Assert.Equal(Plotted.Log10(summary.Band.LearningRates), band.X);
            Assert.Equal(summary.Band.Low, band.Low);
            Assert.Equal(summary.Band.High, band.High);
            Assert.Equal(lines[i].LineColor.WithAlpha(1.0), bands[i].FillColor.WithAlpha(1.0));
        }

        Assert.True(figure.Plot.GetPlottables().ToList().IndexOf(bands[^1]) < figure.Plot.GetPlottables().ToList().IndexOf(lines[0]),
            "every band lies behind every median line");
        FigureOutput.SaveAndCheck(figure, "signature");
    }

    [Fact]
    public void The_y_axis_runs_from_the_lowest_band_value_to_above_the_starts_and_clips_the_blow_up()
    {
        var summaries = SyntheticSweep.Summaries;
        var limits = SignatureFigure.Draw(summaries).Plot.Axes.GetLimits();
        var lowest = summaries.Min(summary => summary.Band.Low.Min());
        var highestStart = summaries.Max(summary => summary.Band.Median[0]);
        Assert.InRange(lowest - limits.Bottom, 0, 0.1 * (highestStart - lowest));
        Assert.InRange(limits.Top - highestStart, 0, 0.2 * (highestStart - lowest));
        Assert.True(limits.Top < summaries.Max(summary => summary.Band.High.Max()));
    }

    [Fact]
    public void Steps_that_no_seed_reached_with_a_finite_loss_are_left_out()
    {
        var band = new CurveBand([1e-4, 1e-3, 1e-2], [2.0, 1.5, double.NaN], [1.9, 1.4, double.NaN], [2.1, 1.6, double.NaN]);
        var summary = new BatchSizeSummary(32, 1, [], band);
        var figure = SignatureFigure.Draw([summary]);
        Assert.Equal(Plotted.Log10([1e-4, 1e-3]), Plotted.Points(Plotted.Line(figure.Plot, "batch size 32 (1 seed)")).X);
        Assert.Equal(Plotted.Log10([1e-4, 1e-3]), Plotted.Edges(Assert.Single(figure.Plot.GetPlottables<Polygon>())).X);
        FigureOutput.SaveAndCheck(figure, "signature-one-batch-size");
    }
}
