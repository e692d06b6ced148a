using Sweep.Cli.Figures;
using Sweep.Cli.Files;
using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>The figures of `find`, `run` and `plot`: which are drawn, from what, and where they go.</summary>
public static class Plots
{
    /// <summary>finder.png/.svg: one range test with the chosen rules' suggestions.</summary>
    public static void Finder(string folder, RunResult result, IReadOnlyList<Rule> rules)
    {
        var shown = rules.ToDictionary(rule => rule, rule => result.Suggestions.TryGetValue(rule, out var value) ? value : null);
        FigureFile.Save(FinderFigure.Draw(result.Curve, shown, $"Learning-rate range test (batch size {result.Cell.BatchSize}, seed {result.Cell.Seed})"),
            Path.Combine(folder, "finder"));
    }

    /// <summary>
    /// The sweep's figures — signature.png (loss against LR per batch size), scaling-RULE.png (the fit
    /// rule's suggestions against batch size), seeds.png (every seed per batch size) — and report.html
    /// with every rule's fit.
    /// </summary>
    public static void Sweep(string folder, SweepSummary.Contents contents, IReadOnlyList<BatchSizeSummary> aggregates, ScalingReport scaling,
        IReadOnlyList<string> findings)
    {
        if (contents.Results.Count == 0) return;
        FigureFile.Save(SignatureFigure.Draw(aggregates), Path.Combine(folder, "signature"));
        var ruleFits = RuleName.All.Select(rule => ScalingText.RuleFit(scaling.For(rule)!)).ToArray();
        var fitted = ruleFits.First(fit => fit.Rule == contents.FitRule);
        FigureFile.Save(ScalingFigure.Draw(fitted.Rule, aggregates, fitted.Fit, fitted.ExponentInterval), Path.Combine(folder, $"scaling-{RuleName.Of(fitted.Rule)}"));
        FigureFile.Save(SmallMultiplesFigure.Draw(contents.Results), Path.Combine(folder, "seeds"));
        Report.Write(Path.Combine(folder, "report.html"),
            new ReportInput("Sweep: learning rate against batch size", contents.Configuration, contents.Results, aggregates, ruleFits, findings));
    }
}
