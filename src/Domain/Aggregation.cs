namespace Sweep.Domain;

/// <summary>What the seeds of one batch size say about one rule.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Suggestions">Each seed's answer (null: none).</param>
/// <param name="Median">The median suggestion, taken in log space: 10^median(log10 η); NaN when no seed answered.</param>
/// <param name="LowerQuartile">10^(25th percentile of log10 η).</param>
/// <param name="UpperQuartile">10^(75th percentile of log10 η).</param>
/// <remarks>Equal when the contents are: the list is kept as a value (see ValueList).</remarks>
public sealed record RuleSummary(Rule Rule, IReadOnlyList<double?> Suggestions, double Median, double LowerQuartile, double UpperQuartile)
{
    /// <summary>Each seed's answer (null: none).</summary>
    public IReadOnlyList<double?> Suggestions { get; init => field = ValueList<double?>.Of(value); } = ValueList<double?>.Of(Suggestions);
}

/// <summary>The smoothed curves of one batch size, step by step across seeds.</summary>
/// <param name="LearningRates">The LR of each step (identical across seeds: one schedule).</param>
/// <param name="Median">The median smoothed loss per step over the seeds that reached it.</param>
/// <param name="Low">The 10th percentile per step.</param>
/// <param name="High">The 90th percentile per step.</param>
public sealed record CurveBand(IReadOnlyList<double> LearningRates, IReadOnlyList<double> Median, IReadOnlyList<double> Low, IReadOnlyList<double> High)
{
    /// <summary>The LR of each step.</summary>
    public IReadOnlyList<double> LearningRates { get; init => field = ValueList<double>.Of(value); } = ValueList<double>.Of(LearningRates);

    /// <summary>The median smoothed loss per step.</summary>
    public IReadOnlyList<double> Median { get; init => field = ValueList<double>.Of(value); } = ValueList<double>.Of(Median);

    /// <summary>The 10th percentile per step.</summary>
    public IReadOnlyList<double> Low { get; init => field = ValueList<double>.Of(value); } = ValueList<double>.Of(Low);

    /// <summary>The 90th percentile per step.</summary>
    public IReadOnlyList<double> High { get; init => field = ValueList<double>.Of(value); } = ValueList<double>.Of(High);
}

/// <summary>Everything a sweep knows about one batch size.</summary>
public sealed record BatchSizeSummary(int BatchSize, int Runs, IReadOnlyList<RuleSummary> Rules, CurveBand Band)
{
    /// <summary>One summary per rule.</summary>
    public IReadOnlyList<RuleSummary> Rules { get; init => field = ValueList<RuleSummary>.Of(value); } = ValueList<RuleSummary>.Of(Rules);
}

/// <summary>
/// Per-batch-size aggregates of a sweep's results: for every rule the per-seed suggestions, their
/// median and interquartile range in log space (LRs spread over decades, so the geometric view is
/// the natural one), and the median smoothed curve with a 10–90% band per step. A step counts only
/// the seeds whose run reached it, so a band narrows to the survivors near divergence.
/// </summary>
public static class Aggregation
{
    /// <summary>One summary per batch size, in the order batch sizes first appear.</summary>
    public static IReadOnlyList<BatchSizeSummary> ByBatchSize(IEnumerable<RunResult> results) =>
        results.GroupBy(result => result.Cell.BatchSize)
            .Select(group => Summarise(group.Key, group.OrderBy(result => result.Cell.Seed).ToArray()))
            .ToArray();

    /// <summary>The summary of one batch size's runs.</summary>
    public static BatchSizeSummary Summarise(int batchSize, IReadOnlyList<RunResult> runs)
    {
        var rules = RuleName.All.Select(rule =>
        {
            var suggestions = runs.Select(run => run.Suggestions.TryGetValue(rule, out var value) ? value : null).ToArray();
            var logs = suggestions.Where(value => value is > 0).Select(value => Math.Log10(value!.Value)).ToArray();
            return new RuleSummary(rule, suggestions,
                Math.Pow(10, Statistics.Median(logs)), Math.Pow(10, Statistics.Quantile(logs, 0.25)), Math.Pow(10, Statistics.Quantile(logs, 0.75)));
        }).ToArray();
        return new BatchSizeSummary(batchSize, runs.Count, rules, Band(runs.Select(run => run.Curve).ToArray()));
    }

    /// <summary>The per-step median and 10–90% band of the smoothed losses of <paramref name="curves"/>.</summary>
    public static CurveBand Band(IReadOnlyList<Curve> curves)
    {
        var steps = curves.Count == 0 ? 0 : curves.Max(curve => curve.Points.Count);
        var rates = new double[steps];
        double[] median = new double[steps], low = new double[steps], high = new double[steps];
        for (var step = 0; step < steps; step++)
        {
            var here = curves.Where(curve => curve.Points.Count > step).Select(curve => curve.Points[step]).ToArray();
            rates[step] = here[0].LearningRate;
            var losses = here.Select(point => point.SmoothedLoss).ToArray();
            median[step] = Statistics.Median(losses);
            low[step] = Statistics.Quantile(losses, 0.1);
            high[step] = Statistics.Quantile(losses, 0.9);
        }

        return new CurveBand(rates, median, low, high);
    }

    /// <summary>
    /// The measured learning-rate ratio between two batch sizes for a rule: median(B1) / median(B2)
    /// (medians in log space); NaN when either batch size is missing or has no answer.
    /// </summary>
    public static double MeasuredRatio(IEnumerable<BatchSizeSummary> summaries, Rule rule, int batch1, int batch2)
    {
        double Median(int batchSize) =>
            summaries.FirstOrDefault(summary => summary.BatchSize == batchSize)?.Rules.FirstOrDefault(r => r.Rule == rule)?.Median ?? double.NaN;
        return Median(batch1) / Median(batch2);
    }

    /// <summary>The (batch size, suggestion) pairs of one rule across all runs, for fitting.</summary>
    public static IEnumerable<(double BatchSize, double LearningRate)> Pairs(IEnumerable<RunResult> results, Rule rule) =>
        results.Where(result => result.Suggestions.TryGetValue(rule, out var value) && value is > 0)
            .Select(result => ((double)result.Cell.BatchSize, result.Suggestions[rule]!.Value));
}
