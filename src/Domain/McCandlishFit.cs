namespace Sweep.Domain;

/// <summary>Where the best McCandlish curve lies: at a knee, or at one of the family's two limits.</summary>
public enum McCandlishRegime
{
    /// <summary>The best B_noise is inside the search range: η_max and B_noise are both estimated.</summary>
    Knee,

    /// <summary>The best B_noise is at the upper edge: the data sit in the linear regime η ∝ B; only η_max / B_noise is identified.</summary>
    Linear,

    /// <summary>The best B_noise is at the lower edge: η does not depend on B; only η_max is identified.</summary>
    Flat,
}

/// <summary>A fitted McCandlish curve η(B) = η_max / (1 + B_noise / B).</summary>
/// <param name="Regime">Whether the data identify a knee, or sit in a limit of the family.</param>
/// <param name="MaxLearningRate">η_max: the LR the curve approaches for large batches; +∞ in the linear regime.</param>
/// <param name="NoiseScale">B_noise: the batch size where η reaches η_max / 2; +∞ linear, 0 flat.</param>
/// <param name="LinearCoefficient">η_max / B_noise: the slope of η ≈ (η_max / B_noise)·B for B ≪ B_noise, the
/// slope-only reading of the linear regime; +∞ flat.</param>
/// <param name="Points">How many (B, η) pairs were fitted.</param>
/// <param name="BatchSizes">How many distinct batch sizes they have.</param>
/// <param name="ResidualStandardError">√(Σ residual² / (n − 2)) in ln η, as for the power law; NaN for two points.</param>
/// <param name="SmallestBatchSize">The smallest batch size fitted.</param>
/// <param name="LargestBatchSize">The largest batch size fitted.</param>
public sealed record McCandlishFit(
    McCandlishRegime Regime, double MaxLearningRate, double NoiseScale, double LinearCoefficient, int Points, int BatchSizes,
    double ResidualStandardError, double SmallestBatchSize, double LargestBatchSize)
{
    /// <summary>The fitted η at batch size <paramref name="batchSize"/>.</summary>
    public double At(double batchSize) =>
        Regime == McCandlishRegime.Linear ? LinearCoefficient * batchSize : MaxLearningRate / (1 + NoiseScale / batchSize);

    /// <summary>True when the knee is identified and lies within the fitted batch sizes.</summary>
    public bool KneeWithinBatchSizes =>
        Regime == McCandlishRegime.Knee && NoiseScale >= SmallestBatchSize && NoiseScale <= LargestBatchSize;
}

/// <summary>A McCandlish fit with percentile bootstrap intervals, and how its resamples fell.</summary>
/// <param name="Fit">The fit of all the points.</param>
/// <param name="NoiseScaleLow">The lower end of the interval for B_noise (0 when flat resamples reach it).</param>
/// <param name="NoiseScaleHigh">The upper end of the interval for B_noise (+∞ when linear-regime resamples reach it).</param>
/// <param name="MaxLearningRateLow">The lower end of the interval for η_max.</param>
/// <param name="MaxLearningRateHigh">The upper end of the interval for η_max (+∞ when linear-regime resamples reach it).</param>
/// <param name="LinearShare">The share of resamples in the linear regime (η_max not identified).</param>
/// <param name="FlatShare">The share of resamples in the flat regime (B_noise not identified).</param>
/// <param name="PreferredShare">The share of resamples where the McCandlish curve leaves a smaller residual than the
/// power law on the same resample: the evidence that the data bend rather than follow a straight line in log–log.</param>
/// <param name="Resamples">How many resamples were drawn.</param>
/// <param name="Level">The coverage the intervals aim at.</param>
public sealed record McCandlishEstimate(
    McCandlishFit Fit, double NoiseScaleLow, double NoiseScaleHigh, double MaxLearningRateLow, double MaxLearningRateHigh,
    double LinearShare, double FlatShare, double PreferredShare, int Resamples, double Level);
