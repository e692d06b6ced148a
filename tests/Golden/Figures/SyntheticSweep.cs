using Sweep.Domain;

namespace Sweep.Golden.Tests.Figures;

/// <summary>
/// A made-up sweep, no training: for each batch size and seed, raw losses of a plausible range test
/// (flat, then a descent, then a blow-up; the descent moves right as the batch grows, as √B, and
/// the noise shrinks as 1/√B) replayed through the fastai preset, so curves, stops and every rule's
/// suggestions come from the Domain exactly as a real sweep's would.
/// </summary>
public static class SyntheticSweep
{
    public const int Steps = 100;
    public static readonly int[] BatchSizes = [8, 16, 32, 64];
    public static readonly int[] Seeds = [0, 1, 2, 3, 4];

    public static readonly Lazy<IReadOnlyList<RunResult>> Runs = new(() =>
        SweepPlan.Create(BatchSizes, Seeds).Match(plan => plan, problem => throw new InvalidOperationException(problem.Message))
            .Cells.Select(Run).ToArray());

    public static IReadOnlyList<BatchSizeSummary> Summaries => Aggregation.ByBatchSize(Runs.Value);

    public static RangeTestSettings Settings =>
        Preset.Fastai.Settings(Preset.DefaultStart, Preset.DefaultEnd, Steps).Match(settings => settings, problem => throw new InvalidOperationException(problem.Message));

    /// <summary>The least-squares power law of one rule over every run, or null.</summary>
    public static PowerLawFit? Fit(Rule rule) => PowerLaw.Fit(Aggregation.Pairs(Runs.Value, rule));

    /// <summary>α ± 1.96 standard errors: an interval for the figure to draw (the figures take it as given).</summary>
    public static (double Low, double High)? Interval(PowerLawFit? fit) =>
        fit is null || !double.IsFinite(fit.ExponentStandardError) ? null
        : (fit.Exponent - 1.96 * fit.ExponentStandardError, fit.Exponent + 1.96 * fit.ExponentStandardError);

    public static RunResult Run(SweepCell cell)
    {
        var settings = Settings;
        var curve = RangeTest.Replay(settings, Losses(settings, cell));
        return RunResult.Of(cell, curve, Preset.Fastai, Steps);
    }

    private static IEnumerable<double> Losses(RangeTestSettings settings, SweepCell cell)
    {
        var state = SeededRandom.Derive((ulong)cell.Seed, (ulong)cell.BatchSize);
        var centre = -3.2 + 0.5 * Math.Log10(cell.BatchSize / 8.0) + 0.15 * (cell.Seed - 2) / 2;
        var noise = 0.35 / Math.Sqrt(cell.BatchSize);
        for (var step = 0; step < settings.Schedule.Steps; step++)
        {
            var x = Math.Log10(settings.Schedule.LearningRate(step));
            var descent = 1.9 / (1 + Math.Exp(-(x - centre) / 0.35));
            var blowUp = Math.Exp(2.6 * (x - centre - 1.4));
            (var u1, state) = SeededRandom.Unit(state);
            (var u2, state) = SeededRandom.Unit(state);
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
            yield return Math.Max(0.02, 2.3 - descent + blowUp + noise * (1 + descent) * gaussian);
        }
    }
}
