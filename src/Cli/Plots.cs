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
    public static void Sweep(string folder, SweepSummary.Contents contents, IReadOnlyList<BatchSizeSummary> aggregates, IReadOnlyDictionary<Rule, PowerLawFit?> fits)
    {
        if (contents.Results.Count == 0) return;
        FigureFile.Save(SignatureFigure.Draw(aggregates), Path.Combine(folder, "signature"));
        var fitRule = contents.FitRule;
        FigureFile.Save(ScalingFigure.Draw(fitRule, aggregates, fits[fitRule], Interval(fits[fitRule])), Path.Combine(folder, $"scaling-{RuleName.Of(fitRule)}"));
        FigureFile.Save(SmallMultiplesFigure.Draw(contents.Results), Path.Combine(folder, "seeds"));
        var ruleFits = RuleName.All.Select(rule => new RuleFit(rule, fits[rule], Interval(fits[rule]))).ToArray();
        Report.Write(Path.Combine(folder, "report.html"),
            new ReportInput("Sweep: learning rate against batch size", contents.Configuration, contents.Results, aggregates, ruleFits));
    }

    private static (double Low, double High)? Interval(PowerLawFit? fit) => fit?.NormalInterval;
}
