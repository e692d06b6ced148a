using System.Globalization;
using System.Net;
using System.Text;
using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>
/// The tables of the report as HTML: every text escaped on its way in, numbers in a fixed invariant
/// format (learning rates in three significant figures, 3.16e-03), so a report reads the same on
/// every machine.
/// </summary>
public static class ReportTables
{
    /// <summary>What an empty cell shows (a rule without a suggestion, a fit without an interval).</summary>
    public const string Missing = "—";

    /// <summary><paramref name="text"/> made safe for HTML text and attribute values.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A learning rate in three significant figures: 3.16e-03.</summary>
    public static string Rate(double? rate) =>
        rate is { } value && double.IsFinite(value) ? value.ToString("0.00e+00", CultureInfo.InvariantCulture) : Missing;

    /// <summary>A plain number in <paramref name="decimals"/> decimals, or <see cref="Missing"/>.</summary>
    public static string Number(double value, int decimals = 2) =>
        double.IsFinite(value) ? value.ToString("F" + decimals, CultureInfo.InvariantCulture) : Missing;

    /// <summary>A table: a header row and body rows of raw cell text (escaped here); numeric columns right-aligned.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, ISet<int>? numericColumns = null)
    {
        var html = new StringBuilder("<table>\n<thead><tr>");
        for (var column = 0; column < header.Count; column++)
            html.Append(Cell("th", header[column], numericColumns?.Contains(column) == true));
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var column = 0; column < row.Count; column++)
                html.Append(Cell("td", row[column], numericColumns?.Contains(column) == true));
            html.Append("</tr>\n");
        }

        return html.Append("</tbody>\n</table>\n").ToString();
    }

    /// <summary>The configuration as a two-column table.</summary>
    public static string Configuration(IEnumerable<KeyValuePair<string, string>> settings) =>
        Table(["setting", "value"], settings.Select(pair => (IReadOnlyList<string>)[pair.Key, pair.Value]));

    /// <summary>One row per rule: α, its interval, c (natural-log intercept), how many points were fitted.</summary>
    public static string Fits(IEnumerable<RuleFit> fits) =>
        Table(["rule", "α", "interval for α", "c (ln η at B = 1)", "points fitted", "η_max / (1 + B_noise / B)", "verdict"],
            fits.Select(entry => (IReadOnlyList<string>)(entry.Fit is { } fit
                ? [RuleName.Of(entry.Rule), Number(fit.Exponent), entry.ExponentInterval is var (low, high) ? $"[{Number(low)}, {Number(high)}]" : Missing,
                    Number(fit.Intercept, 3), fit.Points.ToString(CultureInfo.InvariantCulture), Or(entry.Saturation), Or(entry.Verdict)]
                : [RuleName.Of(entry.Rule), "no fit", Missing, Missing, Missing, Or(entry.Saturation), Or(entry.Verdict)])),
            new HashSet<int> { 1, 2, 3, 4 });

    /// <summary>One row per target batch size: each fit's learning rate and interval, and whether it is extrapolated.</summary>
    public static string Recommendations(IEnumerable<Recommendation> recommendations) =>
        Table(["batch size", "power law", "95% prediction interval", "McCandlish", "95% interval", "measured range"],
            recommendations.Select(entry => (IReadOnlyList<string>)[
                Number(entry.BatchSize, 0), Rate(entry.PowerLaw?.LearningRate), Interval(entry.PowerLaw),
                Rate(entry.McCandlish?.LearningRate), Interval(entry.McCandlish), entry.Extrapolated ? "extrapolated" : "inside"]),
            new HashSet<int> { 0, 1, 2, 3, 4 });

    private static string Interval(PredictedRate? rate) =>
        rate is { } value && double.IsFinite(value.Low) && double.IsFinite(value.High) ? $"[{Rate(value.Low)}, {Rate(value.High)}]" : Missing;

    private static string Or(string text) => text.Length > 0 ? text : Missing;

    /// <summary>One row per batch size, one column per rule: the median suggestion, its quartiles, and how many seeds answered.</summary>
    public static string Medians(IEnumerable<BatchSizeSummary> summaries, IReadOnlyList<Rule> rules) =>
        Table(["batch size", .. rules.Select(rule => $"{RuleName.Of(rule)}: median [quartiles]")],
            summaries.OrderBy(summary => summary.BatchSize).Select(summary => (IReadOnlyList<string>)
            [
                summary.BatchSize.ToString(CultureInfo.InvariantCulture),
                .. rules.Select(rule => ScalingFigure.SummaryOf(summary, rule)).Select(entry =>
                    double.IsFinite(entry.Median)
                        ? $"{Rate(entry.Median)} [{Rate(entry.LowerQuartile)}, {Rate(entry.UpperQuartile)}]" + Answered(entry)
                        : Missing + Answered(entry)),
            ]),
            Enumerable.Range(0, rules.Count + 1).ToHashSet());

    /// <summary>One row per run: batch size, seed, why it stopped, steps, each rule's suggestion.</summary>
    public static string Runs(IEnumerable<RunResult> runs, IReadOnlyList<Rule> rules) =>
        Table(["batch size", "seed", "stop", "steps", .. rules.Select(RuleName.Of)],
            runs.OrderBy(run => run.Cell.BatchSize).ThenBy(run => run.Cell.Seed).Select(run => (IReadOnlyList<string>)
            [
                run.Cell.BatchSize.ToString(CultureInfo.InvariantCulture), run.Cell.Seed.ToString(CultureInfo.InvariantCulture),
                StopName(run.Curve.Stop), run.Curve.Points.Count.ToString(CultureInfo.InvariantCulture),
                .. rules.Select(rule => Rate(run.Suggestions.TryGetValue(rule, out var value) ? value : null)),
            ]),
            new HashSet<int>([0, 1, 3, .. Enumerable.Range(4, rules.Count)]));

    /// <summary>The stop reason in words: completed, diverged, non-finite loss, cancelled.</summary>
    public static string StopName(StopReason stop) => stop switch
    {
        StopReason.Completed => "completed",
        StopReason.Diverged => "diverged",
        StopReason.NonFinite => "non-finite loss",
        StopReason.Cancelled => "cancelled",
        _ => stop.ToString(),
    };

    private static string Answered(RuleSummary entry)
    {
        var answered = entry.Suggestions.Count(value => value is > 0);
        return answered == entry.Suggestions.Count ? "" : $" ({answered} of {entry.Suggestions.Count} seeds)";
    }

    private static string Cell(string tag, string text, bool numeric) =>
        $"<{tag}{(numeric ? " class=\"number\"" : "")}>{Escape(text)}</{tag}>";
}
