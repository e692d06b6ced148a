using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>One rule's power law as the report shows it: the fit (null when the data could not determine one) and an interval for α.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Fit">The least-squares power law of the rule's suggestions on batch size.</param>
/// <param name="ExponentInterval">An interval for α (how it was made is the caller's business), or null.</param>
public sealed record RuleFit(Rule Rule, PowerLawFit? Fit, (double Low, double High)? ExponentInterval,
    string Saturation = "", string Verdict = "");

/// <summary>Everything a report shows; the report computes nothing itself.</summary>
/// <param name="Title">The heading and the page title.</param>
/// <param name="Configuration">How the sweep was run, as key/value rows, in order.</param>
/// <param name="Runs">Every run of the sweep.</param>
/// <param name="Summaries">The per-batch-size summaries of <paramref name="Runs"/>.</param>
/// <param name="Fits">The rules to report, in order, each with its fit.</param>
public sealed record ReportInput(
    string Title,
    IReadOnlyList<KeyValuePair<string, string>> Configuration,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyList<BatchSizeSummary> Summaries,
    IReadOnlyList<RuleFit> Fits,
    IReadOnlyList<string>? Findings = null)
{
    /// <summary>The fit rule's recommended learning rates at target batch sizes (none: no section).</summary>
    public IReadOnlyList<Recommendation> Recommendations { get; init; } = [];

    /// <summary>The input files left out of the data (none, or not known: no section).</summary>
    public SkippedInputs? Skipped { get; init; }
}
