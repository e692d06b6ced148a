using Sweep.Cli.Figures;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

public class SmallMultiplesFigureTests
{
    [Fact]
    public void It_draws_every_seeds_smoothed_curve_in_its_batch_sizes_panel()
    {
        var runs = SyntheticSweep.Runs.Value;
        var figure = SmallMultiplesFigure.Draw(runs);
        Assert.Equal(SyntheticSweep.BatchSizes.Length, figure.Panels.Count);
        foreach (var run in runs)
        {
            var panel = figure.Panels[Array.IndexOf(SyntheticSweep.BatchSizes, run.Cell.BatchSize)];
            var drawn = Plotted.Points(Plotted.Line(panel, $"batch size {run.Cell.BatchSize}, seed {run.Cell.Seed}"));
            Assert.Equal(Plotted.Log10(run.Curve.LearningRates), drawn.X);
            Assert.Equal(run.Curve.SmoothedLosses, drawn.Y);
        }

        for (var panel = 0; panel < figure.Panels.Count; panel++)
        {
            Assert.StartsWith($"batch size {SyntheticSweep.BatchSizes[panel]} ", figure.Panels[panel].Axes.Title.Label.Text);
            Assert.Equal(SyntheticSweep.Seeds.Length, figure.Panels[panel].GetPlottables<ScottPlot.Plottables.Scatter>().Count());
            Assert.False(figure.Panels[panel].Legend.IsVisible, "a panel's title names its batch size; a legend of seeds would cover the curves");
        }

        FigureOutput.SaveAndCheck(figure, "small-multiples");
    }

    [Fact]
    public void Every_panel_has_the_same_axes()
    {
        var figure = SmallMultiplesFigure.Draw(SyntheticSweep.Runs.Value);
        var first = figure.Panels[0].Axes.GetLimits();
        Assert.All(figure.Panels, panel => Assert.Equal(first, panel.Axes.GetLimits()));
    }

    [Fact]
    public void Five_batch_sizes_fill_a_grid_with_one_cell_left_blank()
    {
        var runs = SyntheticSweep.Runs.Value.Concat(SyntheticSweep.Seeds.Take(2).Select(seed => SyntheticSweep.Run(new SweepCell(128, seed)))).ToArray();
        var figure = SmallMultiplesFigure.Draw(runs);
        Assert.Equal(5, figure.Panels.Count);
        Assert.Equal((3 * SmallMultiplesFigure.PanelWidth, 2 * SmallMultiplesFigure.PanelHeight), (figure.Width, figure.Height));
        FigureOutput.SaveAndCheck(figure, "small-multiples-five");
    }
}
