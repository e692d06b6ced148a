using System.Text.RegularExpressions;
using ScottPlot;
using ScottPlot.Plottables;
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

    // The layers, told apart by what they are: the exponent band is the one polygon, the fit the one
    // solid line, the references the dashed (slope 1) and dotted (slope 1/2) lines.
    private static Scatter Solid(Plot plot) => plot.GetPlottables<Scatter>().Single(line => line.LinePattern.Equals(LinePattern.Solid));

    private static Scatter Patterned(Plot plot, LinePattern pattern) => plot.GetPlottables<Scatter>().Single(line => line.LinePattern.Equals(pattern));

    [Theory]
    [MemberData(nameof(Rules))]
    public void It_draws_every_seed_and_each_batch_sizes_median_and_quartiles(Rule rule)
    {
        var figure = Draw(rule);
        var summaries = SyntheticSweep.Summaries.OrderBy(summary => summary.BatchSize).Select(summary => (summary.BatchSize, Of: summary.Rules.Single(entry => entry.Rule == rule))).ToArray();
        var seeds = summaries.SelectMany(entry => entry.Of.Suggestions.Where(value => value is > 0).Select(value => (X: (double)entry.BatchSize, Y: value!.Value))).ToArray();
        var drawnSeeds = figure.Plot.GetPlottables<Markers>().Select(Plotted.Points).ToArray();
        Assert.Equal(Plotted.Log10(seeds.Select(seed => seed.X)), drawnSeeds.SelectMany(set => set.X));
        Assert.Equal(Plotted.Log10(seeds.Select(seed => seed.Y)), drawnSeeds.SelectMany(set => set.Y));

        var medians = figure.Plot.GetPlottables<Marker>().ToArray();
        Assert.Equal(Plotted.Log10(summaries.Select(entry => (double)entry.BatchSize)), medians.Select(marker => marker.X));
        Assert.Equal(Plotted.Log10(summaries.Select(entry => entry.Of.Median)), medians.Select(marker => marker.Y));
        var bars = Assert.Single(figure.Plot.GetPlottables<ErrorBar>());
        Assert.Equal(medians.Select(marker => marker.X), bars.Xs);
        Assert.Equal(medians.Select(marker => marker.Y), bars.Ys);
        Plotted.Close(Plotted.Log10(summaries.Select(entry => entry.Of.LowerQuartile)), bars.Ys.Zip(bars.YErrorNegative!, (median, below) => median - below));
        Plotted.Close(Plotted.Log10(summaries.Select(entry => entry.Of.UpperQuartile)), bars.Ys.Zip(bars.YErrorPositive!, (median, above) => median + above));
        FigureOutput.SaveAndCheck(figure, $"scaling-{RuleName.Of(rule)}");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_fit_line_runs_from_the_smallest_to_the_largest_batch_size_on_the_power_law(Rule rule)
    {
        var fit = SyntheticSweep.Fit(rule)!;
        var line = Plotted.Points(Solid(Draw(rule).Plot));
        Assert.Equal(Plotted.Log10([8.0, 64.0]), line.X);
        CloseInLogSpace(fit.At(8), Math.Pow(10, line.Y[0]));
        CloseInLogSpace(fit.At(64), Math.Pow(10, line.Y[1]));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_band_lies_between_the_lines_of_the_interval_exponents_through_the_fit_at_the_geometric_mean(Rule rule)
    {
        var fit = SyntheticSweep.Fit(rule)!;
        var (low, high) = SyntheticSweep.Interval(fit)!.Value;
        var pivot = Math.Exp(Aggregation.Pairs(SyntheticSweep.Runs.Value, rule).Average(pair => Math.Log(pair.BatchSize)));
        var band = Plotted.Edges(Assert.Single(Draw(rule).Plot.GetPlottables<Polygon>()));
        Assert.Equal(ScalingFigure.BandPoints, band.X.Length);
        Assert.Equal(Math.Log10(8), band.X[0], 9);
        Assert.Equal(Math.Log10(64), band.X[^1], 9);
        for (var i = 0; i < band.X.Length; i++)
        {
            var x = Math.Pow(10, band.X[i]);
            double lowLine = fit.At(pivot) * Math.Pow(x / pivot, low), highLine = fit.At(pivot) * Math.Pow(x / pivot, high);
            CloseInLogSpace(Math.Min(lowLine, highLine), Math.Pow(10, band.Low[i]));
            CloseInLogSpace(Math.Max(lowLine, highLine), Math.Pow(10, band.High[i]));
            Assert.True(band.Low[i] <= Math.Log10(fit.At(x)) + 1e-12 && Math.Log10(fit.At(x)) <= band.High[i] + 1e-12, "the fit lies inside its band");
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_reference_slopes_are_one_and_one_half_through_the_median_at_the_smallest_batch_size(Rule rule)
    {
        var figure = Draw(rule);
        var anchor = SyntheticSweep.Summaries.Single(summary => summary.BatchSize == 8).Rules.Single(entry => entry.Rule == rule).Median;
        foreach (var (pattern, slope) in new[] { (LinePattern.Dashed, 1.0), (LinePattern.Dotted, 0.5) })
        {
            var line = Plotted.Points(Patterned(figure.Plot, pattern));
            Assert.Equal(Math.Log10(8), line.X[0]);
            Assert.Equal(Math.Log10(anchor), line.Y[0]);
            Assert.Equal(Math.Log10(64), line.X[1]);
            Assert.Equal(slope, (line.Y[1] - line.Y[0]) / (line.X[1] - line.X[0]), 12);
        }

        var legend = figure.Plot.Legend.ManualItems;
        Assert.Equal(LinePattern.Dashed, legend.Single(item => item.LabelText == ScalingFigure.Linear).LinePattern);
        Assert.Equal(LinePattern.Dotted, legend.Single(item => item.LabelText == ScalingFigure.SquareRoot).LinePattern);
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
        Assert.Empty(figure.Plot.GetPlottables<Scatter>()); // no fit line, no reference slopes
        Assert.Empty(figure.Plot.GetPlottables<Polygon>());
        Assert.Equal(Plotted.Log10([32.0]), figure.Plot.GetPlottables<Marker>().Select(marker => marker.X));
        Assert.Contains(figure.Plot.Legend.ManualItems, item => item.LabelText == "no power law fitted");
        FigureOutput.SaveAndCheck(figure, "scaling-no-fit");
    }
}
