namespace Sweep.Domain;

/// <summary>How noisy one batch size's runs are.</summary>
/// <param name="BatchSize">The batch size.</param>
/// <param name="Runs">How many runs (seeds) it has.</param>
/// <param name="LossSpread">The median over its runs of each run's <see cref="Noise.LossSpread"/>; NaN when no run has one.</param>
/// <param name="SuggestionSpread">Per rule, the <see cref="Noise.SuggestionSpread"/> of its seeds' answers, in decades.</param>
public sealed record BatchSizeNoise(int BatchSize, int Runs, double LossSpread, IReadOnlyDictionary<Rule, double> SuggestionSpread)
{
    /// <summary>Each rule's spread across seeds; equal when the spreads are.</summary>
    public IReadOnlyDictionary<Rule, double> SuggestionSpread { get; init => field = ValueDictionary<Rule, double>.Of(value); } = ValueDictionary<Rule, double>.Of(SuggestionSpread);
}

/// <summary>
/// Two measures of noise per batch size; gradient noise grows as the batch shrinks, and both should
/// show it.
/// <list type="bullet">
/// <item>The jitter of the raw loss, as a fraction of the smoothed loss: for one run, the median over
/// its steps of |raw_t − raw_{t−1}| / (2 |smoothed_t|) (raw losses alternating ±δ around the curve
/// give δ); for a batch size, the median of that over its runs. Differences, not the distance to
/// the smoothed curve: that average lags a falling loss by dozens of steps, and the lag, not the
/// noise, would dominate. Steps with a non-finite loss or a zero smoothed loss are left out.</item>
/// <item>The spread of the suggestions across seeds: the sample standard deviation (n − 1) of
/// log10 of the answers, i.e. in decades; answers that are missing or not positive are left out,
/// and fewer than two answers give NaN.</item>
/// </list>
/// </summary>
public static class Noise
{
    /// <summary>median_t |raw_t − raw_{t−1}| / (2 |smoothed_t|) over the usable steps of one curve; NaN when none is.</summary>
    public static double LossSpread(Curve curve) =>
        Statistics.Median(curve.Points.Zip(curve.Points.Skip(1), (previous, point) => (previous, point))
            .Where(pair => double.IsFinite(pair.previous.Loss) && double.IsFinite(pair.point.Loss)
                && double.IsFinite(pair.point.SmoothedLoss) && pair.point.SmoothedLoss != 0)
            .Select(pair => Math.Abs(pair.point.Loss - pair.previous.Loss) / (2 * Math.Abs(pair.point.SmoothedLoss))));

    /// <summary>The standard deviation of log10 of the positive finite answers, in decades; NaN for fewer than two.</summary>
    public static double SuggestionSpread(IEnumerable<double?> suggestions) =>
        Statistics.StandardDeviation(suggestions
            .Where(value => value is > 0 && double.IsFinite(value.Value))
            .Select(value => Math.Log10(value!.Value)));

    /// <summary>Both measures for every batch size, in ascending order of batch size.</summary>
    public static IReadOnlyList<BatchSizeNoise> ByBatchSize(IEnumerable<RunResult> results) =>
        results.GroupBy(result => result.Cell.BatchSize)
            .OrderBy(group => group.Key)
            .Select(group => Of(group.Key, group.ToArray()))
            .ToArray();

    /// <summary>Both measures for one batch size's runs.</summary>
    public static BatchSizeNoise Of(int batchSize, IReadOnlyList<RunResult> runs) =>
        new(batchSize, runs.Count,
            Statistics.Median(runs.Select(run => LossSpread(run.Curve))),
            RuleName.All.ToDictionary(rule => rule,
                rule => SuggestionSpread(runs.Select(run => run.Suggestions.TryGetValue(rule, out var value) ? value : null))));
}
