namespace Sweep.Domain;

/// <summary>What a rule's suggestions do as the batch grows, read off the fits' intervals.</summary>
public enum ScalingVerdict
{
    /// <summary>Fewer than two batch sizes have a suggestion: nothing was fitted.</summary>
    Insufficient,

    /// <summary>The α interval lies below 0: the suggested LR falls as the batch grows.</summary>
    Reversed,

    /// <summary>The α interval contains 0: the data cannot tell the LR's dependence on B from none.</summary>
    NoRelation,

    /// <summary>The McCandlish curve bends over within the batch sizes and fits better than any straight line.</summary>
    Saturating,

    /// <summary>The α interval contains 1 and not 1/2: the linear scaling rule.</summary>
    Linear,

    /// <summary>The α interval contains 1/2 and not 1: the square-root scaling rule.</summary>
    SquareRoot,

    /// <summary>The α interval lies above 0 and contains both 1/2 and 1: too wide to choose.</summary>
    Inconclusive,

    /// <summary>The α interval lies in (0, 1/2): a positive relation weaker than the square-root rule.</summary>
    WeakerThanSquareRoot,

    /// <summary>The α interval lies in (1/2, 1): between the square-root and the linear rule.</summary>
    BetweenSquareRootAndLinear,

    /// <summary>The α interval lies above 1: the LR grows faster than the batch.</summary>
    FasterThanLinear,
}

/// <summary>
/// The verdict of a rule from its power-law estimate (α interval [lo, hi], closed) and its McCandlish
/// estimate, the first that holds of:
/// <list type="number">
/// <item>no power-law fit → <see cref="ScalingVerdict.Insufficient"/>;</item>
/// <item>hi &lt; 0 → <see cref="ScalingVerdict.Reversed"/>;</item>
/// <item>lo ≤ 0 (≤ hi) → <see cref="ScalingVerdict.NoRelation"/>;</item>
/// <item>the McCandlish point fit has a knee within the batch sizes, there are at least three batch
/// sizes, and the McCandlish curve leaves a smaller residual than the power law in at least a share
/// ℓ (the estimate's level) of the resamples → <see cref="ScalingVerdict.Saturating"/>;</item>
/// <item>1 ∈ [lo, hi], ½ ∉ → <see cref="ScalingVerdict.Linear"/>; ½ ∈, 1 ∉ → <see cref="ScalingVerdict.SquareRoot"/>;
/// both → <see cref="ScalingVerdict.Inconclusive"/>;</item>
/// <item>otherwise by where the interval lies: hi &lt; ½ weaker than square-root, lo &gt; 1 faster than
/// linear, else between the two.</item>
/// </list>
/// Saturation comes before the two rules because data that bend over a knee in the middle of the
/// batch sizes have a least-squares slope near ½ whatever their shape; it needs three batch sizes
/// because with two, both two-parameter curves pass through the two means and cannot be told apart.
/// </summary>
public static class Verdict
{
    /// <summary>The verdict of one rule's estimates (either may be null: not fitted).</summary>
    public static ScalingVerdict Of(PowerLawEstimate? powerLaw, McCandlishEstimate? mcCandlish)
    {
        if (powerLaw is null || double.IsNaN(powerLaw.ExponentLow) || double.IsNaN(powerLaw.ExponentHigh)) return ScalingVerdict.Insufficient;
        var (low, high) = (powerLaw.ExponentLow, powerLaw.ExponentHigh);
        if (high < 0) return ScalingVerdict.Reversed;
        if (low <= 0) return ScalingVerdict.NoRelation;
        if (Saturates(mcCandlish)) return ScalingVerdict.Saturating;
        var (linear, squareRoot) = (low <= 1 && 1 <= high, low <= 0.5 && 0.5 <= high);
        return (linear, squareRoot) switch
        {
            (true, false) => ScalingVerdict.Linear,
            (false, true) => ScalingVerdict.SquareRoot,
            (true, true) => ScalingVerdict.Inconclusive,
            _ => high < 0.5 ? ScalingVerdict.WeakerThanSquareRoot
                : low > 1 ? ScalingVerdict.FasterThanLinear
                : ScalingVerdict.BetweenSquareRootAndLinear,
        };
    }

    /// <summary>True when the McCandlish estimate shows a knee inside the data that fits better than a line.</summary>
    public static bool Saturates(McCandlishEstimate? mcCandlish) =>
        mcCandlish is { Fit: { KneeWithinBatchSizes: true } fit } estimate
        && fit.BatchSizes >= 3
        && estimate.PreferredShare >= estimate.Level;

    /// <summary>The verdict's name in files and on screen: linear, square-root, no-relation, …</summary>
    public static string Name(ScalingVerdict verdict) => verdict switch
    {
        ScalingVerdict.Insufficient => "insufficient",
        ScalingVerdict.Reversed => "reversed",
        ScalingVerdict.NoRelation => "no-relation",
        ScalingVerdict.Saturating => "saturating",
        ScalingVerdict.Linear => "linear",
        ScalingVerdict.SquareRoot => "square-root",
        ScalingVerdict.Inconclusive => "inconclusive",
        ScalingVerdict.WeakerThanSquareRoot => "weaker-than-square-root",
        ScalingVerdict.BetweenSquareRootAndLinear => "between-square-root-and-linear",
        ScalingVerdict.FasterThanLinear => "faster-than-linear",
        _ => "unknown",
    };

    /// <summary>One line a person can read.</summary>
    public static string Explain(ScalingVerdict verdict) => verdict switch
    {
        ScalingVerdict.Insufficient => "fewer than two batch sizes have a suggestion, so there is nothing to fit.",
        ScalingVerdict.Reversed => "the suggested learning rate falls as the batch grows (the exponent's interval is below 0).",
        ScalingVerdict.NoRelation => "no relation shows: the exponent's interval contains 0.",
        ScalingVerdict.Saturating => "the learning rate grows with the batch and then levels off within the batch sizes measured.",
        ScalingVerdict.Linear => "the linear scaling rule: the exponent's interval contains 1 and excludes 1/2.",
        ScalingVerdict.SquareRoot => "the square-root scaling rule: the exponent's interval contains 1/2 and excludes 1.",
        ScalingVerdict.Inconclusive => "the learning rate grows with the batch, but the exponent's interval holds both 1/2 and 1.",
        ScalingVerdict.WeakerThanSquareRoot => "the learning rate grows with the batch, more slowly than the square-root rule.",
        ScalingVerdict.BetweenSquareRootAndLinear => "the learning rate grows with the batch, between the square-root and the linear rule.",
        ScalingVerdict.FasterThanLinear => "the learning rate grows faster than the batch (exponent above 1).",
        _ => "not a verdict.",
    };
}
