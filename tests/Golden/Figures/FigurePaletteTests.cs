using ScottPlot;
using Sweep.Cli.Figures;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

public class FigurePaletteTests
{
    [Fact]
    public void Batch_sizes_get_distinct_colours_by_rank_whatever_order_they_come_in()
    {
        var colours = FigurePalette.ForBatchSizes([64, 8, 32, 16]);
        Assert.Equal(colours, FigurePalette.ForBatchSizes([8, 16, 32, 64]));
        Assert.Equal(4, colours.Values.Distinct().Count());
        Assert.Equal(12, FigurePalette.ForBatchSizes(Enumerable.Range(1, 12)).Count);
    }

    [Fact]
    public void A_batch_size_has_the_same_colour_in_every_figure()
    {
        var expected = FigurePalette.ForBatchSizes(SyntheticSweep.BatchSizes);
        var signature = SignatureFigure.Draw(SyntheticSweep.Summaries).Plot.GetPlottables<ScottPlot.Plottables.Scatter>()
            .Select(line => line.LineColor.WithAlpha(1.0)).ToArray();
        Assert.Equal(SyntheticSweep.BatchSizes.Select(size => expected[size].WithAlpha(1.0)), signature);

        var panels = SmallMultiplesFigure.Draw(SyntheticSweep.Runs.Value).Panels;
        for (var panel = 0; panel < panels.Count; panel++)
            Assert.All(panels[panel].GetPlottables<ScottPlot.Plottables.Scatter>(),
                line => Assert.Equal(expected[SyntheticSweep.BatchSizes[panel]].WithAlpha(1.0), line.LineColor.WithAlpha(1.0)));

        var scaling = ScalingFigure.Draw(Rule.Valley, SyntheticSweep.Summaries, null, null).Plot.GetPlottables<ScottPlot.Plottables.Marker>()
            .Select(marker => marker.MarkerFillColor).ToArray();
        Assert.Equal(SyntheticSweep.BatchSizes.Select(size => expected[size]), scaling);
    }
}
