using Sweep.Cli.Figures;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

public class FinderFigureTests
{
    private static RunResult Run => SyntheticSweep.Runs.Value.First(run => run.Cell == new SweepCell(16, 1));

    [Fact]
    public void It_draws_the_curve_it_was_given()
    {
        var figure = FinderFigure.Draw(Run.Curve, Run.Suggestions);
        Assert.Equal(Run.Curve.LearningRates, figure.SeriesNamed(FinderFigure.Smoothed).X);
        Assert.Equal(Run.Curve.SmoothedLosses, figure.SeriesNamed(FinderFigure.Smoothed).Y);
        Assert.Equal(Run.Curve.LearningRates, figure.SeriesNamed(FinderFigure.Raw).X);
        Assert.Equal(Run.Curve.Losses, figure.SeriesNamed(FinderFigure.Raw).Y);
        FigureOutput.SaveAndCheck(figure, "finder");
    }

    [Fact]
    public void Each_suggestion_is_marked_on_the_smoothed_curve_at_its_learning_rate()
    {
        var figure = FinderFigure.Draw(Run.Curve, Run.Suggestions);
        var rates = Run.Curve.LearningRates;
        var losses = Run.Curve.SmoothedLosses;
        foreach (var (rule, suggestion) in Run.Suggestions)
        {
            var rate = Assert.NotNull(suggestion);
            var marker = figure.SeriesNamed($"{RuleName.Of(rule)} {rate.ToString("0.0e+00", System.Globalization.CultureInfo.InvariantCulture)}");
            Assert.Equal([rate], marker.X);
            // Independently: the bracketing recorded points, linear in log10 of the LR.
            var above = Array.FindIndex(rates, value => value >= rate);
            var expected = above <= 0 ? losses[Math.Max(above, 0)]
                : losses[above - 1] + (Math.Log10(rate) - Math.Log10(rates[above - 1])) / (Math.Log10(rates[above]) - Math.Log10(rates[above - 1])) * (losses[above] - losses[above - 1]);
            Assert.Equal(expected, marker.Y[0], 12);
        }
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
        Assert.Equal(3, figure.Series.Count);
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
        Assert.Equal(40, figure.SeriesNamed(FinderFigure.Smoothed).X.Length);
        FigureOutput.SaveAndCheck(figure, "finder-non-finite");
    }
}
