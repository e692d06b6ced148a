using Sweep.Cli.Figures;
using Sweep.Cli.Files;
using Sweep.Domain;
using Sweep.Training;

namespace Sweep.Cli;

/// <summary>
/// The figures of `find`, `run` and `plot`: which are drawn, from what, and where they go. The
/// figures render in memory; this is where their bytes are written, each file atomically.
/// </summary>
public static class Plots
{
    /// <summary>finder.png/.svg: one range test with the chosen rules' suggestions.</summary>
    public static void Finder(string folder, RunResult result, IReadOnlyList<Rule> rules)
    {
        var shown = rules.ToDictionary(rule => rule, rule => result.Suggestions.TryGetValue(rule, out var value) ? value : null);
        Save(Path.Combine(folder, "finder"), FigureFile.Render(
            FinderFigure.Draw(result.Curve, shown, $"Learning-rate range test (batch size {result.Cell.BatchSize}, seed {result.Cell.Seed})")));
    }

    /// <summary>
    /// The sweep's figures — signature.png (loss against LR per batch size), scaling-RULE.png (the fit
    /// rule's suggestions against batch size), seeds.png (every seed per batch size) — and report.html
    /// with every rule's fit, showing the same rendered pictures. The figures are drawn in parallel
    /// (<see cref="SweepFigures"/>).
    /// </summary>
    public static void Sweep(string folder, SweepSummary.Contents contents, IReadOnlyList<BatchSizeSummary> aggregates, ScalingReport scaling,
        IReadOnlyList<string> findings, IReadOnlyList<Recommendation> recommendations)
    {
        if (contents.Results.Count == 0) return;
        var ruleFits = RuleName.All.Select(rule => ScalingText.RuleFit(scaling.For(rule)!)).ToArray();
        var input = new ReportInput("Sweep: learning rate against batch size", SpecificationText.Rows(contents.Spec), contents.Results, aggregates, ruleFits, findings)
        {
            Recommendations = recommendations,
            Skipped = contents.Skipped,
        };
        var figures = SweepFigures.Render(input, SweepFigures.StartCurves(aggregates, contents.Results, signatureSvg: true));
        var fitRule = ruleFits.First(fit => fit.Rule == contents.FitRule).Rule;

        // The report's text is made while the files are written. The files go in their old order, so
        // a failed write stops the rest as it always did, and so do the SVGs: Skia numbers the clip
        // paths of SVG documents from one counter per process, and only a fixed order (signature,
        // scaling, seeds) gives the same bytes every time; the signature's, the first, came with its PNG.
        var html = Task.Run(() => Report.Html(input, figures));
        Save(Path.Combine(folder, "signature"), figures.Signature);
        Save(Path.Combine(folder, $"scaling-{RuleName.Of(fitRule)}"), figures.ScalingOf(fitRule));
        Save(Path.Combine(folder, "seeds"), figures.Seeds);
        AtomicFile.WriteText(Path.Combine(folder, "report.html"), html.GetAwaiter().GetResult());
    }

    /// <summary>Writes <paramref name="stem"/>.png (the rendered bytes) and <paramref name="stem"/>.svg.</summary>
    public static void Save(string stem, RenderedFigure figure)
    {
        AtomicFile.WriteBytes(stem + ".png", figure.Png);
        AtomicFile.WriteText(stem + ".svg", figure.Svg ?? FigureFile.Svg(figure.Figure));
    }
}
