using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>
/// Every figure of a sweep, drawn and rendered to PNG once: the files and the report show the same
/// bytes. The scaling figure of each reported rule is here; the caller picks the one it saves.
/// </summary>
/// <param name="Signature">Loss against learning rate per batch size (<see cref="SignatureFigure"/>).</param>
/// <param name="Scaling">One scaling figure per rule of the report, in its order (<see cref="ScalingFigure"/>).</param>
/// <param name="Seeds">Every seed's curve, one panel per batch size (<see cref="SmallMultiplesFigure"/>).</param>
public sealed record SweepFigures(RenderedFigure Signature, IReadOnlyList<(Rule Rule, RenderedFigure Figure)> Scaling, RenderedFigure Seeds)
{
    /// <summary>Draws and renders the figures of <paramref name="input"/>.</summary>
    public static SweepFigures Render(ReportInput input) => new(
        FigureFile.Render(SignatureFigure.Draw(input.Summaries)),
        input.Fits.Select(fit => (fit.Rule, FigureFile.Render(ScalingFigure.Draw(fit.Rule, input.Summaries, fit.Fit, fit.ExponentInterval)))).ToArray(),
        FigureFile.Render(SmallMultiplesFigure.Draw(input.Runs)));

    /// <summary>The scaling figure of <paramref name="rule"/>.</summary>
    public RenderedFigure ScalingOf(Rule rule) => Scaling.First(entry => entry.Rule == rule).Figure;
}
