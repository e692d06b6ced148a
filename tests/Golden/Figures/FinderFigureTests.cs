using System.Globalization;
using ScottPlot.Plottables;
using Sweep.Cli.Figures;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

public class FinderFigureTests
{
    private static RunResult Run => SyntheticSweep.Runs.Value.First(run => run.Cell == new SweepCell(16, 1));

    private static string Short(double rate) => rate.ToString("0.0e+00", CultureInfo.InvariantCulture);

    [Fact]
    public void It_draws_the_curve_it_was_given()
    {
        var figure = FinderFigure.Draw(Run.Curve, Run.Suggestions);
        var smoothed = Plotted.Points(Plotted.Line(figure.Plot, FinderFigure.Smoothed));
        var raw = Plotted.Points(Plotted.Line(figure.Plot, FinderFigure.Raw));
        Assert.Equal(Plotted.Log10(Run.Curve.LearningRates), smoothed.X);
        Assert.Equal(Run.Curve.SmoothedLosses, smoothed.Y);
        Assert.Equal(Plotted.Log10(Run.Curve.LearningRates), raw.X);
        Assert.Equal(Run.Curve.Losses, raw.Y);
        FigureOutput.SaveAndCheck(figure, "finder");
    }

    [Fact]
    public void Each_suggestion_is_marked_and_labelled_on_the_smoothed_curve_at_its_learning_rate()
    {
        var figure = FinderFigure.Draw(Run.Curve, Run.Suggestions);
        var rates = Run.Curve.LearningRates;
        var losses = Run.Curve.SmoothedLosses;
        var markers = figure.Plot.GetPlottables<Marker>().ToArray();
        var texts = Plotted.Texts(figure.Plot);
        Assert.Equal(Run.Suggestions.Count, markers.Length);
        foreach (var (rule, suggestion) in Run.Suggestions)
        {
            var rate = Assert.NotNull(suggestion);
            var marker = Assert.Single(markers, marker => marker.LegendText == $"{RuleName.Of(rule)} {Short(rate)}");
            Assert.Equal(Math.Log10(rate), marker.X);
            // Independently: the bracketing recorded points, linear in log10 of the LR.
            var above = Array.FindIndex(rates, value => value >= rate);
            var expected = above <= 0 ? losses[Math.Max(above, 0)]
                : losses[above - 1] + (Math.Log10(rate) - Math.Log10(rates[above - 1])) / (Math.Log10(rates[above]) - Math.Log10(rates[above - 1])) * (losses[above] - losses[above - 1]);
            Assert.Equal(expected, marker.Y, 12);
            // Rules that agree share one label: "steep, steepest 2.5e-03".
            Assert.Single(texts, text => text.EndsWith($" {Short(rate)}", StringComparison.Ordinal)
                && text[..^(Short(rate).Length + 1)].Split(", ").Contains(RuleName.Of(rule)));
        }

        Assert.Equal(Run.Suggestions.Values.Distinct().Count(), texts.Length);
    }

    [Fact]
    public void The_marker_height_is_interpolated_in_log_learning_rate_and_clamped_at_the_ends()
    {
        double[] rates = [1e-3, 1e-2], losses = [2, 1];
        Assert.Equal(1.5, FinderFigure.SmoothedAt(rates, losses, Math.Pow(10, -2.5)), 12);
        Assert.Equal(2, FinderFigure.SmoothedAt(rates, losses, 1e-5));
        Assert.Equal(1, FinderFigure.SmoothedAt(rates, losses, 1));
    }

    [Fact]
    public void A_rule_without_a_suggestion_gets_no_marker_and_is_listed_as_none()
    {
        var suggestions = new Dictionary<Rule, double?> { [Rule.Valley] = 1e-3, [Rule.Steep] = null };
        var figure = FinderFigure.Draw(Run.Curve, suggestions);
        Assert.Equal("valley 1.0e-03", Assert.Single(figure.Plot.GetPlottables<Marker>()).LegendText);
        Assert.Equal(["valley 1.0e-03"], Plotted.Texts(figure.Plot));
        Assert.Equal(2, figure.Plot.GetPlottables<Scatter>().Count());
        Assert.Contains(figure.Plot.Legend.ManualItems, item => item.LabelText == "steep: none");
    }

    [Fact]
    public void The_y_axis_shows_the_descent_and_clips_the_blow_up()
    {
        var figure = FinderFigure.Draw(Run.Curve, Run.Suggestions);
        var limits = figure.Plot.Axes.GetLimits();
        var smoothed = Run.Curve.SmoothedLosses;
        Assert.True(limits.Bottom < smoothed.Min());
        Assert.True(limits.Top > smoothed[0]);
        Assert.True(limits.Top < smoothed.Max(), "the divergence blow-up should leave the plot");
        Assert.InRange(Math.Log10(Run.Curve.LearningRates[0]) - limits.Left, 0, 0.2);
    }

    [Fact]
    public void Points_with_a_non_finite_loss_are_left_out()
    {
        var points = Run.Curve.Points.Take(40).Append(new CurvePoint(0.5, double.NaN, double.NaN)).ToArray();
        var figure = FinderFigure.Draw(new Curve(points, StopReason.NonFinite), new Dictionary<Rule, double?>());
        var smoothed = Plotted.Points(Plotted.Line(figure.Plot, FinderFigure.Smoothed));
        Assert.Equal(Plotted.Log10(points.Take(40).Select(point => point.LearningRate)), smoothed.X);
        Assert.All(smoothed.Y, loss => Assert.True(double.IsFinite(loss)));
        FigureOutput.SaveAndCheck(figure, "finder-non-finite");
    }
}
