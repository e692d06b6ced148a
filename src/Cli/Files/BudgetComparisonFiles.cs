using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sweep.Cli.Commands;
using Sweep.Cli.Figures;
using Sweep.Domain;
using Sweep.Training;

namespace Sweep.Cli.Files;

/// <summary>
/// The comparison of the two budgets in the output folder's files: sweep.json gains
/// "budget_comparison" (each side's folder, budget, steps per batch size, exponent with its interval
/// and verdict; the shift, whether it is measurable, and the sentence) and report.html a "Step budget"
/// section before its configuration. Both are the equal-steps sweep's own files, written just before.
/// </summary>
public static class BudgetComparisonFiles
{
    /// <summary>The key in sweep.json.</summary>
    public const string Key = "budget_comparison";

    /// <summary>Adds the comparison to <paramref name="output"/>'s sweep.json and report.html.</summary>
    public static void Write(string output, string samplesFolder, Rule rule, BudgetComparison? comparison,
        SweepSummary.Contents equalSteps, SweepSummary.Contents equalSamples)
    {
        var sentence = comparison?.Sentence() ?? $"{RuleName.Of(rule)} was not fitted under one of the budgets, so the budgets cannot be compared.";
        var summaryPath = Path.Combine(output, SweepSummary.FileName);
        var summary = JsonNode.Parse(File.ReadAllText(summaryPath))!.AsObject();
        summary[Key] = new JsonObject
        {
            ["rule"] = RuleName.Of(rule),
            ["equal_steps"] = Side(".", equalSteps, comparison?.EqualSteps),
            ["equal_samples"] = Side(samplesFolder, equalSamples, comparison?.EqualSamples),
            ["shift"] = comparison?.Shift is { } shift ? JsonValue.Create(shift) : null,
            ["measurable"] = comparison?.Measurable ?? false,
            ["sentence"] = sentence,
        };
        AtomicFile.WriteText(summaryPath, summary.ToJsonString(new JsonSerializerOptions(RunFile.Json) { WriteIndented = true }));
        var figure = FigureFile.Render(BudgetFigure.Draw(rule, FigureSide(equalSteps, comparison?.EqualSteps), FigureSide(equalSamples, comparison?.EqualSamples)));
        Plots.Save(Path.Combine(output, FigureStem), figure);
        var reportPath = Path.Combine(output, "report.html");
        if (File.Exists(reportPath))
            AtomicFile.WriteText(reportPath, WithSection(File.ReadAllText(reportPath), Section(rule, comparison, equalSteps, equalSamples, sentence)
                + Report.Embed(figure, $"{RuleName.Of(rule)} against batch size under equal steps and equal samples")));
    }

    /// <summary>The side-by-side figure's file name without extension (.png and .svg).</summary>
    public const string FigureStem = "budget-comparison";

    private static BudgetFigure.Side FigureSide(SweepSummary.Contents contents, RuleScaling? scaling) =>
        new($"{BudgetRun.Words(contents.Spec)}: " + (scaling?.PowerLaw is { } power
                ? string.Create(CultureInfo.InvariantCulture, $"lr ~ B^{power.Fit.Exponent:0.00} [{power.ExponentLow:0.00}, {power.ExponentHigh:0.00}]")
                : "no fit"),
            Aggregation.ByBatchSize(contents.Results), scaling?.PowerLaw);

    private static JsonObject Side(string folder, SweepSummary.Contents contents, RuleScaling? scaling) => new()
    {
        ["folder"] = folder,
        ["budget"] = JsonSerializer.SerializeToNode(BudgetJson.Summary(contents.Spec, contents.Plan, contents.Results), RunFile.Json),
        ["exponent"] = scaling?.PowerLaw is { } power ? JsonValue.Create(power.Fit.Exponent) : null,
        ["exponent_interval"] = scaling?.PowerLaw is { } interval ? new JsonArray(interval.ExponentLow, interval.ExponentHigh) : null,
        ["verdict"] = scaling is null ? null : Verdict.Name(scaling.Verdict),
    };

    // The section goes before the configuration, beside the findings it qualifies.
    private static string WithSection(string html, string section)
    {
        const string anchor = "<h2>Configuration</h2>";
        var at = html.IndexOf(anchor, StringComparison.Ordinal);
        return at < 0 ? html : html.Insert(at, section);
    }

    private static string Section(Rule rule, BudgetComparison? comparison, SweepSummary.Contents equalSteps, SweepSummary.Contents equalSamples, string sentence)
    {
        var rows = new[] { ("equal steps", equalSteps, comparison?.EqualSteps), ("equal samples", equalSamples, comparison?.EqualSamples) }
            .Select(side => (IReadOnlyList<string>)
            [
                side.Item1,
                string.Join(", ", side.Item2.Plan.BatchSizes.Select(size => $"{size}: {BudgetJson.StepsOf(side.Item2.Spec, side.Item2.Results, size)?.ToString(CultureInfo.InvariantCulture) ?? "?"}")),
                side.Item3?.PowerLaw is { } power
                    ? $"{ReportTables.Number(power.Fit.Exponent)} [{ReportTables.Number(power.ExponentLow)}, {ReportTables.Number(power.ExponentHigh)}]"
                    : "no fit",
                side.Item3 is null ? "" : Verdict.Name(side.Item3.Verdict),
            ]);
        return new StringBuilder("<h2>Step budget</h2>\n")
            .Append(ReportTables.Table(["budget", "steps per batch size", $"{RuleName.Of(rule)} exponent [95% interval]", "verdict"], rows))
            .Append("<p>").Append(ReportTables.Escape(sentence)).Append("</p>\n")
            .Append("<p>The equal-samples sweep has its own report in ").Append(ReportTables.Escape(BudgetRun.SamplesFolder)).Append("/report.html.</p>\n")
            .ToString();
    }
}
