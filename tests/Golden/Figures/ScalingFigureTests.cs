using System.Text.RegularExpressions;
using ScottPlot.TickGenerators;
using Sweep.Cli.Figures;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

public class ScalingFigureTests
{
    public static TheoryData<Rule> Rules => new(Rule.Valley, Rule.Steepest, Rule.MinLoss);

    private static Figure Draw(Rule rule)
    {
        var fit = SyntheticSweep.Fit(rule)!;
        return ScalingFigure.Draw(rule, SyntheticSweep.Summaries, fit, SyntheticSweep.Interval(fit));
    }

    private static void CloseInLogSpace(double expected, double actual) =>
        Assert.True(Math.Abs(Math.Log(actual) - Math.Log(expected)) <= 1e-9 * Math.Max(1, Math.Abs(Math.Log(expected))), $"expected {expected}, got {actual}");

    [Theory]
    [MemberData(nameof(Rules))]
    public void It_draws_every_seed_and_each_batch_sizes_median_and_quartiles(Rule rule)
    {
        var figure = Draw(rule);
        var summaries = SyntheticSweep.Summaries.OrderBy(summary => summary.BatchSize).Select(summary => (summary.BatchSize, Of: summary.Rules.Single(entry => entry.Rule == rule))).ToArray();
        var seeds = summaries.SelectMany(entry => entry.Of.Suggestions.Where(value => value is > 0).Select(value => (X: (double)entry.BatchSize, Y: value!.Value))).ToArray();
        Assert.Equal(seeds.Select(seed => seed.X), figure.SeriesNamed(ScalingFigure.Seeds).X);
        Assert.Equal(seeds.Select(seed => seed.Y), figure.SeriesNamed(ScalingFigure.Seeds).Y);
        Assert.Equal(summaries.Select(entry => (double)entry.BatchSize), figure.SeriesNamed(ScalingFigure.Medians).X);
        Assert.Equal(summaries.Select(entry => entry.Of.Median), figure.SeriesNamed(ScalingFigure.Medians).Y);
        Assert.Equal(summaries.Select(entry => entry.Of.LowerQuartile), figure.BandNamed(ScalingFigure.Quartiles).Low);
        Assert.Equal(summaries.Select(entry => entry.Of.UpperQuartile), figure.BandNamed(ScalingFigure.Quartiles).High);
        FigureOutput.SaveAndCheck(figure, $"scaling-{RuleName.Of(rule)}");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_fit_line_runs_from_the_smallest_to_the_largest_batch_size_on_the_power_law(Rule rule)
    {
        var fit = SyntheticSweep.Fit(rule)!;
        var line = Draw(rule).SeriesNamed(ScalingFigure.FitLine);
        Assert.Equal([8.0, 64.0], line.X);
        CloseInLogSpace(fit.At(8), line.Y[0]);
        CloseInLogSpace(fit.At(64), line.Y[1]);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_band_lies_between_the_lines_of_the_interval_exponents_through_the_fit_at_the_geometric_mean(Rule rule)
    {
        var fit = SyntheticSweep.Fit(rule)!;
        var (low, high) = SyntheticSweep.Interval(fit)!.Value;
        var pivot = Math.Exp(Aggregation.Pairs(SyntheticSweep.Runs.Value, rule).Average(pair => Math.Log(pair.BatchSize)));
        var band = Draw(rule).BandNamed(ScalingFigure.FitBand);
        Assert.Equal(8, band.X[0], 9);
        Assert.Equal(64, band.X[^1], 9);
        for (var i = 0; i < band.X.Length; i++)
        {
            double lowLine = fit.At(pivot) * Math.Pow(band.X[i] / pivot, low), highLine = fit.At(pivot) * Math.Pow(band.X[i] / pivot, high);
            CloseInLogSpace(Math.Min(lowLine, highLine), band.Low[i]);
            CloseInLogSpace(Math.Max(lowLine, highLine), band.High[i]);
            Assert.True(band.Low[i] <= fit.At(band.X[i]) * (1 + 1e-12) && fit.At(band.X[i]) <= band.High[i] * (1 + 1e-12), "the fit lies inside its band");
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_reference_slopes_are_one_and_one_half_through_the_median_at_the_smallest_batch_size(Rule rule)
    {
        var figure = Draw(rule);
        var anchor = SyntheticSweep.Summaries.Single(summary => summary.BatchSize == 8).Rules.Single(entry => entry.Rule == rule).Median;
        foreach (var (label, slope) in new[] { (ScalingFigure.Linear, 1.0), (ScalingFigure.SquareRoot, 0.5) })
        {
            var line = figure.SeriesNamed(label);
            Assert.Equal(8, line.X[0]);
            Assert.Equal(anchor, line.Y[0]);
            Assert.Equal(slope, (Math.Log(line.Y[1]) - Math.Log(line.Y[0])) / (Math.Log(line.X[1]) - Math.Log(line.X[0])), 12);
        }
    }

    [Fact]
    public void The_legend_states_the_exponent_and_its_interval()
    {
        var figure = Draw(Rule.MinLoss);
        var labels = figure.Plot.Legend.ManualItems.Select(item => item.LabelText).ToArray();
        Assert.Contains(labels, label => Regex.IsMatch(label, @"^fit: α = -?\d\.\d\d \[-?\d\.\d\d, -?\d\.\d\d\]$"));
        Assert.Equal("α = 0.31 [0.12, 0.50]", ScalingFigure.DescribeExponent(new PowerLawFit(0.3109, 0, 20, 0.1, 0.1), (0.1234, 0.4987)));
    }

    [Fact]
    public void The_batch_size_axis_is_ticked_at_the_batch_sizes()
    {
        var figure = Draw(Rule.Valley);
        FigureFile.Png(figure); // ticks are generated for the visible range when drawn
        var ticks = ((NumericManual)figure.Plot.Axes.Bottom.TickGenerator).Ticks;
        Assert.Equal(["8", "16", "32", "64"], ticks.Where(tick => tick.IsMajor).Select(tick => tick.Label));
        Assert.Equal(SyntheticSweep.BatchSizes.Select(size => Math.Log10(size)), ticks.Where(tick => tick.IsMajor).Select(tick => tick.Position));
    }

    [Fact]
    public void Without_a_fit_it_draws_the_points_only()
    {
        var summaries = SyntheticSweep.Summaries.Where(summary => summary.BatchSize == 32).ToArray();
        var figure = ScalingFigure.Draw(Rule.Valley, summaries, null, null);
        Assert.DoesNotContain(figure.Series, series => series.Label == ScalingFigure.FitLine);
        Assert.DoesNotContain(figure.Bands, band => band.Label == ScalingFigure.FitBand);
        Assert.DoesNotContain(figure.Series, series => series.Label == ScalingFigure.Linear);
        Assert.Contains(figure.Plot.Legend.ManualItems, item => item.LabelText == "no power law fitted");
        FigureOutput.SaveAndCheck(figure, "scaling-no-fit");
    }
}
