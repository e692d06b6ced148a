using Sweep.Training;
using System.Globalization;
using Sweep.Cli.Files;
using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>
/// Everything a sweep folder shows, made from the runs on disk: curves.csv, sweep.json, the figures
/// and report.html. `run` writes them after its cells, `plot` redraws them without training; both
/// call this, so both give the same files. The bootstrap seed is fixed, so the same runs always give
/// the same intervals, whichever shards or invocations produced them.
/// </summary>
public static class SweepOutputs
{
    /// <summary>The seed of every bootstrap interval a sweep reports.</summary>
    public const ulong BootstrapSeed = 0;

    /// <summary>Writes every output of <paramref name="contents"/> into <paramref name="folder"/>; returns the scaling report.</summary>
    public static ScalingReport Write(string folder, SweepSummary.Contents contents)
    {
        var aggregates = Aggregation.ByBatchSize(contents.Results);
        var draws = ScalingReport.Draws(contents.Results, BootstrapSeed);
        var scaling = ScalingReport.From(contents.Results, draws);
        var recommendations = RecommendationText.Of(draws, contents.FitRule, contents.Targets ?? RecommendationText.DefaultTargets(contents.Plan));
        PhaseClock.Mark("fits, bootstrap and recommendations");
        AtomicFile.WriteText(Path.Combine(folder, "curves.csv"), CurveCsv.Of(contents.Results));
        AtomicFile.WriteText(Path.Combine(folder, SweepSummary.FileName), SweepSummary.Write(contents, aggregates, scaling, recommendations));
        PhaseClock.Mark("curves.csv and sweep.json");
        Plots.Sweep(folder, contents, aggregates, scaling, Findings(contents, aggregates, scaling), recommendations);
        PhaseClock.Mark("figures and report");
        return scaling;
    }

    /// <summary>What a sweep found, in sentences: the fit rule's scaling, the noise, the noise-scale prediction.</summary>
    public static IReadOnlyList<string> Findings(SweepSummary.Contents contents, IReadOnlyList<BatchSizeSummary> aggregates, ScalingReport scaling)
    {
        var findings = new List<string>();
        if (scaling.For(contents.FitRule) is { } fit)
        {
            findings.Add(fit.PowerLaw is { } power
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{RuleName.Of(contents.FitRule)}: lr ~ B^{power.Fit.Exponent:F2}, 95% bootstrap interval [{power.ExponentLow:F2}, {power.ExponentHigh:F2}] ({power.Fit.Points} runs)")
                : $"{RuleName.Of(contents.FitRule)}: not enough runs with a suggestion to fit a power law");
            if (ScalingText.Saturation(fit.McCandlish) is { Length: > 0 } saturation) findings.Add($"McCandlish fit: {saturation}");
            findings.Add($"verdict: {ScalingText.Verdict(fit)}");
        }

        if (scaling.Noise.Count > 0) findings.Add(ScalingText.Noise(scaling.Noise, contents.FitRule));
        if (contents.NoiseScale is { } noise && contents.Plan.BatchSizes.Count > 1)
        {
            var (largest, smallest) = (contents.Plan.BatchSizes.Max(), contents.Plan.BatchSizes.Min());
            findings.Add(string.Create(CultureInfo.InvariantCulture,
                $"gradient noise scale B_simple = {noise.Simple:G3}{StandardError(noise.SimpleStandardError)} at the starting weights: predicts lr({largest})/lr({smallest}) = {noise.PredictedRatio(largest, smallest):F2}, {Measured(Aggregation.MeasuredRatio(aggregates, contents.FitRule, largest, smallest), contents.FitRule)}"));
        }

        if (contents.Missing.Count > 0) findings.Add($"{contents.Missing.Count} runs still missing (other shards, or interrupted): run again to complete");
        return findings;
    }

    /// <summary>The per-batch-size medians of the fit rule and the findings, as printed at the end of a run.</summary>
    public static string Table(SweepSummary.Contents contents, ScalingReport scaling)
    {
        var aggregates = Aggregation.ByBatchSize(contents.Results);
        var lines = new List<string> { $"batch size  runs  median {RuleName.Of(contents.FitRule)} lr" };
        foreach (var summary in aggregates)
        {
            var median = summary.Rules.First(rule => rule.Rule == contents.FitRule).Median;
            lines.Add($"{summary.BatchSize,10}  {summary.Runs,4}  {(double.IsFinite(median) ? median.ToString("0.###e+0", CultureInfo.InvariantCulture) : "none")}");
        }

        lines.AddRange(Findings(contents, aggregates, scaling));
        return string.Join('\n', lines) + "\n";
    }

    // " ± 5.1 (standard error)", or nothing when the folder's measurement recorded none.
    private static string StandardError(double error) =>
        double.IsFinite(error) ? string.Create(CultureInfo.InvariantCulture, $" ± {error:G2} (standard error)") : "";

    // A ratio of medians needs the fit rule's suggestion at both batch sizes; without one there is nothing measured to compare.
    private static string Measured(double ratio, Rule rule) =>
        double.IsFinite(ratio)
            ? string.Create(CultureInfo.InvariantCulture, $"measured {ratio:F2}")
            : $"not measured ({RuleName.Of(rule)} gave no suggestion at one of them; more --steps or another --fit-rule may)";
}
