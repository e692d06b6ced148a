using System.Text;
using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>
/// The sweep's report: one self-contained HTML file (styles and scripts inline, figures embedded as
/// base64 PNG data URIs, the chart's data as JSON, no external references), so it can be mailed,
/// archived or opened offline and always shows the same thing. Sections: findings, configuration,
/// the signature figure and its interactive twin (<see cref="CurvesChart"/>), one scaling figure
/// per rule with the table of fits, the medians per batch size, the small multiples, and every run.
/// </summary>
public static class Report
{
    private const string Style = """
        body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #222; background: #fff; margin: 0; }
        main { max-width: 1140px; margin: 0 auto; padding: 24px 32px 64px; }
        h1 { font-size: 26px; margin: 8px 0 4px; }
        h2 { font-size: 20px; margin: 40px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        h3 { font-size: 16px; margin: 24px 0 8px; }
        p.note { color: #555; font-size: 14px; max-width: 900px; }
        table { border-collapse: collapse; font-size: 14px; margin: 8px 0 16px; }
        th, td { border: 1px solid #ddd; padding: 4px 10px; text-align: left; }
        th { background: #f4f4f4; font-weight: 600; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        tbody tr:nth-child(even) { background: #fafafa; }
        figure { margin: 8px 0 16px; }
        figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        div.curves { margin: 8px 0 0; }
        p.readout { font-size: 14px; min-height: 1.5em; margin: 4px 0 16px; font-variant-numeric: tabular-nums; }
        .u-legend .u-series { cursor: pointer; }
        """;

    /// <summary>The report as HTML text, drawing its figures.</summary>
    public static string Html(ReportInput input) => Html(input, SweepFigures.Render(input));

    /// <summary>The report as HTML text, showing <paramref name="figures"/> (rendered from <paramref name="input"/>).</summary>
    public static string Html(ReportInput input, SweepFigures figures)
    {
        var rules = input.Fits.Select(fit => fit.Rule).ToArray();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append($"<title>{ReportTables.Escape(input.Title)}</title>\n<style>\n{Style}\n{WebAssets.UPlotStyle.Trim()}\n</style>\n</head>\n<body>\n<main>\n")
            .Append($"<h1>{ReportTables.Escape(input.Title)}</h1>\n")
            .Append(Note($"{input.Runs.Count} runs: batch sizes {string.Join(", ", input.Summaries.Select(summary => summary.BatchSize).Order())}; rules {string.Join(", ", rules.Select(RuleName.Of))}."));

        if (input.Findings is { Count: > 0 } findings)
            html.Append("<h2>Findings</h2>\n<ul>\n").Append(string.Concat(findings.Select(finding => $"<li>{ReportTables.Escape(finding)}</li>\n"))).Append("</ul>\n");

        if (input.Recommendations.Count > 0)
            html.Append("<h2>Recommended learning rates</h2>\n")
                .Append(Note("The learning rate to train with at each batch size, from the fit rule's power law with its 95% prediction interval (where a new run's suggestion would fall) and from the McCandlish curve with its 95% bootstrap interval. Outside the measured batch sizes the answer is extrapolated: it rests on the fitted law alone."))
                .Append(ReportTables.Recommendations(input.Recommendations));

        if (input.Skipped is { Files.Count: > 0 } skipped)
            html.Append("<h2>Skipped input files</h2>\n").Append(Note($"{skipped.Summary}; they are left out of the data."))
                .Append(ReportTables.Table(["file", "kind", "reason"], skipped.Files.Select(file => (IReadOnlyList<string>)[Path.GetRelativePath(skipped.Folder, file.Path), file.Kind, file.Reason])));

        html.Append("<h2>Configuration</h2>\n").Append(ReportTables.Configuration(input.Configuration));

        html.Append("<h2>Loss against learning rate</h2>\n")
            .Append(Note("Each line is the median smoothed loss over the seeds of one batch size; the shading spans the 10th to 90th percentile. The y axis stops a little above the starting loss, so the final blow-up leaves the plot."))
            .Append(Embed(figures.Signature, "Smoothed loss against learning rate for every batch size"))
            .Append("<h3>Explore the curves</h3>\n")
            .Append(Note("The median curves again, to read off: hover to see the learning rate and each batch size's loss; click a batch size in the legend to hide or show it; drag across the plot to zoom the learning-rate axis, double-click to zoom out."))
            .Append(CurvesChart.Html(input.Summaries));

        html.Append("<h2>Suggested learning rate against batch size</h2>\n")
            .Append(Note("A power law η = e^c · B^α fitted by least squares on log–log axes, with a 95% bootstrap interval that resamples seeds within each batch size; α = 1 is the linear scaling rule, α = 1/2 the square-root rule. Beside it, McCandlish et al.'s η_max / (1 + B_noise / B), and the verdict the intervals support."))
            .Append(ReportTables.Fits(input.Fits));
        foreach (var fit in input.Fits)
            html.Append($"<h3>{ReportTables.Escape(RuleName.Of(fit.Rule))}</h3>\n")
                .Append(Embed(figures.ScalingOf(fit.Rule),
                    $"Suggested learning rate of the {RuleName.Of(fit.Rule)} rule against batch size"));

        html.Append("<h2>Median suggestion per batch size</h2>\n")
            .Append(Note("Medians and quartiles are taken over the seeds' suggestions in log space."))
            .Append(ReportTables.Medians(input.Summaries, rules));

        html.Append("<h2>Every seed's curve</h2>\n")
            .Append(Embed(figures.Seeds, "Every seed's smoothed loss curve, one panel per batch size"));

        html.Append("<h2>Runs</h2>\n").Append(ReportTables.Runs(input.Runs, rules));
        return html.Append("</main>\n").Append(CurvesChart.Scripts()).Append("</body>\n</html>\n").ToString();
    }

    /// <summary>A figure as an &lt;img&gt; with its PNG inline as a data URI, shown at its own size.</summary>
    public static string Embed(RenderedFigure figure, string description) =>
        $"<figure><img src=\"data:image/png;base64,{Convert.ToBase64String(figure.Png)}\" width=\"{figure.Width}\" height=\"{figure.Height}\" alt=\"{ReportTables.Escape(description)}\"></figure>\n";

    private static string Note(string text) => $"<p class=\"note\">{ReportTables.Escape(text)}</p>\n";
}
