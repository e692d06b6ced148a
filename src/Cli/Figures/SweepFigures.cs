using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>
/// Every figure of a sweep, drawn and rendered to PNG once: the files and the report show the same
/// bytes. The scaling figure of each reported rule is here; the caller picks the one it saves.
/// <para>Each figure is its own ScottPlot plot, drawn and rendered on a thread of its own: plots share
/// no mutable state (ScottPlot's typeface cache is a concurrent dictionary, Skia's typefaces are
/// immutable), so the bytes are those of rendering one after the other. (Starting the curve
/// figures, which need no fit, while the fits ran gained nothing on two cores: the fits use both.)</para>
/// </summary>
/// <param name="Signature">Loss against learning rate per batch size (<see cref="SignatureFigure"/>).</param>
/// <param name="Scaling">One scaling figure per rule of the report, in its order (<see cref="ScalingFigure"/>).</param>
/// <param name="Seeds">Every seed's curve, one panel per batch size (<see cref="SmallMultiplesFigure"/>).</param>
public sealed record SweepFigures(RenderedFigure Signature, IReadOnlyList<(Rule Rule, RenderedFigure Figure)> Scaling, RenderedFigure Seeds)
{
    /// <summary>The figures that show the curves alone, not the fits.</summary>
    /// <param name="Signature">Loss against learning rate per batch size.</param>
    /// <param name="Seeds">Every seed's curve.</param>
    public sealed record Curves(RenderedFigure Signature, RenderedFigure Seeds);

    /// <summary>Draws and renders the figures of <paramref name="input"/>.</summary>
    public static SweepFigures Render(ReportInput input) => Render(input, StartCurves(input.Summaries, input.Runs));

    /// <summary>The figures of <paramref name="input"/>, the curve figures taken from <paramref name="curves"/> (started from the same summaries and runs).</summary>
    public static SweepFigures Render(ReportInput input, Task<Curves> curves)
    {
        var scaling = new (Rule Rule, RenderedFigure Figure)[input.Fits.Count];
        Parallel.For(0, scaling.Length, index =>
        {
            var fit = input.Fits[index];
            scaling[index] = (fit.Rule, FigureFile.Render(ScalingFigure.Draw(fit.Rule, input.Summaries, fit.Fit, fit.ExponentInterval)));
        });
        var (signature, seeds) = curves.GetAwaiter().GetResult();
        return new SweepFigures(signature, scaling, seeds);
    }

    /// <summary>
    /// Starts drawing the curve figures, each on a thread of its own; the signature also as SVG when
    /// <paramref name="signatureSvg"/> (the first SVG a sweep writes: see <see cref="Plots.Sweep"/> on their order).
    /// </summary>
    public static Task<Curves> StartCurves(IReadOnlyList<BatchSizeSummary> summaries, IReadOnlyList<RunResult> runs, bool signatureSvg = false)
    {
        var signature = Task.Run(() => FigureFile.Render(SignatureFigure.Draw(summaries), signatureSvg));
        var seeds = Task.Run(() => FigureFile.Render(SmallMultiplesFigure.Draw(runs)));
        return Both(signature, seeds);
    }

    // Awaiting each passes on its own exception, not an aggregate.
    private static async Task<Curves> Both(Task<RenderedFigure> signature, Task<RenderedFigure> seeds) => new(await signature, await seeds);

    /// <summary>The scaling figure of <paramref name="rule"/>.</summary>
    public RenderedFigure ScalingOf(Rule rule) => Scaling.First(entry => entry.Rule == rule).Figure;
}
