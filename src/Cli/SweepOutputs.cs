using Sweep.Cli.Files;
using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>
/// Everything a sweep folder shows, made from the runs on disk: curves.csv, sweep.json, the figures
/// and report.html. `run` writes them after its cells, `plot` redraws them without training; both
/// call this, so both give the same files.
/// </summary>
public static class SweepOutputs
{
    /// <summary>Writes every output of <paramref name="contents"/> into <paramref name="folder"/>; returns the fits.</summary>
    public static IReadOnlyDictionary<Rule, PowerLawFit?> Write(string folder, SweepSummary.Contents contents)
    {
        var aggregates = Aggregation.ByBatchSize(contents.Results);
        var fits = RuleName.All.ToDictionary(rule => rule, rule => PowerLaw.Fit(Aggregation.Pairs(contents.Results, rule)));
        AtomicFile.WriteText(Path.Combine(folder, "curves.csv"), CurveCsv.Of(contents.Results));
        AtomicFile.WriteText(Path.Combine(folder, SweepSummary.FileName), SweepSummary.Write(contents, aggregates, fits));
        Plots.Sweep(folder, contents, aggregates, fits);
        return fits;
    }

    /// <summary>The per-batch-size medians of the fit rule and its fit, as printed at the end of a run.</summary>
    public static string Table(SweepSummary.Contents contents, IReadOnlyDictionary<Rule, PowerLawFit?> fits)
    {
        var aggregates = Aggregation.ByBatchSize(contents.Results);
        var lines = new List<string> { $"batch size  runs  median {RuleName.Of(contents.FitRule)} lr" };
        foreach (var summary in aggregates)
        {
            var median = summary.Rules.First(rule => rule.Rule == contents.FitRule).Median;
            lines.Add($"{summary.BatchSize,10}  {summary.Runs,4}  {(double.IsFinite(median) ? median.ToString("0.###e+0", System.Globalization.CultureInfo.InvariantCulture) : "none")}");
        }

        lines.Add(fits[contents.FitRule] is { } fit
            ? $"power law: lr ~ B^{fit.Exponent:F2} (standard error {fit.ExponentStandardError:F2}, {fit.Points} runs)"
            : "power law: not enough runs with a suggestion to fit");
        if (contents.NoiseScale is { } noise)
        {
            var (largest, smallest) = (contents.Plan.BatchSizes.Max(), contents.Plan.BatchSizes.Min());
            lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"gradient noise scale B_simple = {noise.Simple:G3} at the starting weights: predicts lr({largest})/lr({smallest}) = {noise.PredictedRatio(largest, smallest):F2}, measured {Aggregation.MeasuredRatio(aggregates, contents.FitRule, largest, smallest):F2}"));
        }

        if (contents.Missing.Count > 0) lines.Add($"{contents.Missing.Count} runs still missing (other shards, or interrupted): run again to complete");
        return string.Join('\n', lines) + "\n";
    }
}
