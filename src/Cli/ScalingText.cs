using System.Globalization;
using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>How the Domain's scaling results read in tables, the terminal and sweep.json.</summary>
public static class ScalingText
{
    /// <summary>The McCandlish fit in a few words: its knee, or which limit the data sit in.</summary>
    public static string Saturation(McCandlishEstimate? estimate) => estimate?.Fit switch
    {
        null => "",
        { Regime: McCandlishRegime.Linear } => "η_max not identified: the data sit in the linear regime",
        { Regime: McCandlishRegime.Flat } => "no dependence on B (flat)",
        var fit => string.Create(CultureInfo.InvariantCulture,
            $"η_max {fit.MaxLearningRate:0.###e+0} [{estimate.MaxLearningRateLow:0.##e+0}, {estimate.MaxLearningRateHigh:0.##e+0}], B_noise {fit.NoiseScale:0.#} [{estimate.NoiseScaleLow:0.#}, {estimate.NoiseScaleHigh:0.#}]"),
    };

    /// <summary>The verdict's name and its explanation.</summary>
    public static string Verdict(RuleScaling scaling) => $"{Domain.Verdict.Name(scaling.Verdict)}: {scaling.Explanation}";

    /// <summary>The report's row of one rule.</summary>
    public static Figures.RuleFit RuleFit(RuleScaling scaling) =>
        new(scaling.Rule, scaling.PowerLaw?.Fit,
            scaling.PowerLaw is { } estimate ? (estimate.ExponentLow, estimate.ExponentHigh) : null,
            Saturation(scaling.McCandlish), Verdict(scaling));

    /// <summary>The noise per batch size in one line: raw-loss spread around the smoothed curve, and the spread of the fit rule's suggestions.</summary>
    public static string Noise(IEnumerable<BatchSizeNoise> noise, Rule rule) =>
        "noise (step-to-step jitter of the raw loss; spread of " + RuleName.Of(rule) + " across seeds, decades): " +
        string.Join("; ", noise.OrderBy(entry => entry.BatchSize).Select(entry => string.Create(CultureInfo.InvariantCulture,
            $"B={entry.BatchSize} {entry.LossSpread:P1}, {(entry.SuggestionSpread.TryGetValue(rule, out var spread) && double.IsFinite(spread) ? spread.ToString("F2", CultureInfo.InvariantCulture) : "none (fewer than two seeds with a suggestion)")}")));
}
