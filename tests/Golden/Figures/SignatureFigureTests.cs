using Sweep.Cli.Figures;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

public class SignatureFigureTests
{
    [Fact]
    public void It_draws_each_batch_sizes_median_and_band()
    {
        var summaries = SyntheticSweep.Summaries;
        var figure = SignatureFigure.Draw(summaries);
        Assert.Equal(summaries.Count, figure.Series.Count);
        foreach (var summary in summaries)
        {
            var label = SignatureFigure.LabelOf(summary.BatchSize);
            Assert.Equal(summary.Band.LearningRates, figure.SeriesNamed(label).X);
            Assert.Equal(summary.Band.Median, figure.SeriesNamed(label).Y);
            Assert.Equal(summary.Band.LearningRates, figure.BandNamed(label).X);
            Assert.Equal(summary.Band.Low, figure.BandNamed(label).Low);
            Assert.Equal(summary.Band.High, figure.BandNamed(label).High);
        }

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
        Assert.Equal([1e-4, 1e-3], figure.SeriesNamed("batch size 32").X);
        FigureOutput.SaveAndCheck(figure, "signature-one-batch-size");
    }
}
