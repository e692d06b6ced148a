using System.Text.RegularExpressions;
using Sweep.Cli.Figures;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

/// <summary>A sweep's figures drawn on several threads at once, against the same figures drawn one after another.</summary>
public class SweepFiguresTests
{
    private static ReportInput Input() => new(
        "Sweep report: synthetic", [new("model", "mlp")], SyntheticSweep.Runs.Value, SyntheticSweep.Summaries,
        RuleName.All.Select(rule => new RuleFit(rule, SyntheticSweep.Fit(rule), SyntheticSweep.Interval(SyntheticSweep.Fit(rule)))).ToArray());

    // Skia numbers an SVG's clip paths from a counter per process: the same drawing made later has other numbers.
    private static string WithoutClipNumbers(string svg) => Regex.Replace(svg, "cl_[0-9a-f]+", "cl_");

    [Fact]
    public void Figures_drawn_on_threads_have_the_bytes_of_figures_drawn_one_after_another()
    {
        var input = Input();
        var inOrder = (
            Signature: FigureFile.Render(SignatureFigure.Draw(input.Summaries)),
            Scaling: input.Fits.Select(fit => FigureFile.Render(ScalingFigure.Draw(fit.Rule, input.Summaries, fit.Fit, fit.ExponentInterval))).ToArray(),
            Seeds: FigureFile.Render(SmallMultiplesFigure.Draw(input.Runs)));

        foreach (var _ in Enumerable.Range(0, 2))
        {
            var threaded = SweepFigures.Render(input);
            Assert.Equal(inOrder.Signature.Png, threaded.Signature.Png);
            Assert.Equal(input.Fits.Select(fit => fit.Rule), threaded.Scaling.Select(entry => entry.Rule));
            Assert.All(Enumerable.Range(0, inOrder.Scaling.Length), index => Assert.Equal(inOrder.Scaling[index].Png, threaded.Scaling[index].Figure.Png));
            Assert.Equal(inOrder.Seeds.Png, threaded.Seeds.Png);
            Assert.Equal(WithoutClipNumbers(FigureFile.Svg(inOrder.Seeds.Figure)), WithoutClipNumbers(FigureFile.Svg(threaded.Seeds.Figure)));
        }
    }

    [Fact]
    public async Task The_curve_figures_started_early_are_the_ones_drawn_later()
    {
        var input = Input();
        var early = await SweepFigures.StartCurves(input.Summaries, input.Runs, signatureSvg: true);
        var later = SweepFigures.Render(input);
        Assert.Equal(later.Signature.Png, early.Signature.Png);
        Assert.Equal(later.Seeds.Png, early.Seeds.Png);
        Assert.NotNull(early.Signature.Svg);
        Assert.Equal(WithoutClipNumbers(FigureFile.Svg(later.Signature.Figure)), WithoutClipNumbers(early.Signature.Svg));
        Assert.Null(early.Seeds.Svg);
    }
}
