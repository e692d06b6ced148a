namespace Sweep.Training.Data;

/// <summary>
/// The second half of <see cref="Normalisation"/>: what is subtracted from and divided into the
/// scaled values, as closed cases.
/// <list type="bullet">
/// <item><see cref="NoneCase"/>: nothing; the scaled values are the inputs.</item>
/// <item><see cref="FromDataCase"/>: the data's own single mean μ and standard deviation σ, over every
/// value of every sample and channel, so that the inputs have mean 0 and standard deviation 1.</item>
/// <item><see cref="GivenCase"/>: stated means and standard deviations, one for all channels or one
/// per channel (for example another split's statistics, or published per-channel ones).</item>
/// <item><see cref="MeanImageCase"/>: a mean image, subtracted pixel by pixel with no division, as
/// the ImageNet models of Caffe and CNTK were trained (see <see cref="Data.MeanImage"/>).</item>
/// </list>
/// </summary>
public abstract record Standardisation
{
    private Standardisation() { }

    /// <summary>No standardisation.</summary>
    public sealed record NoneCase : Standardisation;

    /// <summary>Standardise by the data's own single mean and standard deviation.</summary>
    public sealed record FromDataCase : Standardisation;

    /// <summary>Standardise by given values: one of each for all channels, or one per channel.</summary>
    public sealed record GivenCase(IReadOnlyList<double> Means, IReadOnlyList<double> StandardDeviations) : Standardisation;

    /// <summary>
    /// Subtract a mean image of <paramref name="Channels"/> × <paramref name="Height"/> ×
    /// <paramref name="Width"/> values (channel-major), resampled to the images' size by
    /// <see cref="Data.MeanImage.Resample"/>; nothing is divided.
    /// </summary>
    public sealed record MeanImageCase(IReadOnlyList<float> Values, int Channels, int Height, int Width) : Standardisation
    {
        /// <summary>The mean of each channel's plane, for reports.</summary>
        public IReadOnlyList<double> PlaneMeans =>
            Enumerable.Range(0, Channels).Select(channel => Values.Skip(channel * Height * Width).Take(Height * Width).Average(value => (double)value)).ToArray();
    }

    /// <summary>No standardisation.</summary>
    public static Standardisation None { get; } = new NoneCase();

    /// <summary>Standardise by the data's own single mean and standard deviation.</summary>
    public static Standardisation FromData { get; } = new FromDataCase();

    /// <summary>
    /// Given means and standard deviations, checked: as many of each, every deviation positive and
    /// every value finite (the channel count is checked when applied).
    /// </summary>
    public static Standardisation Given(IReadOnlyList<double> means, IReadOnlyList<double> standardDeviations)
    {
        if (means.Count == 0 || means.Count != standardDeviations.Count)
            throw new DataException($"standardisation needs as many means as standard deviations, at least one of each (got {means.Count} and {standardDeviations.Count}).");
        if (means.Any(mean => !double.IsFinite(mean)) || standardDeviations.Any(deviation => !double.IsFinite(deviation) || deviation <= 0))
            throw new DataException($"standardisation needs finite means and positive finite standard deviations (got means [{string.Join(", ", means)}], standard deviations [{string.Join(", ", standardDeviations)}]).");
        return new GivenCase(means.ToArray(), standardDeviations.ToArray());
    }

    /// <summary>A mean image, checked: channel-major values, as many as its dimensions say, all finite.</summary>
    public static Standardisation MeanImage(IReadOnlyList<float> values, int channels, int height, int width)
    {
        if (channels < 1 || height < 1 || width < 1 || values.Count != (long)channels * height * width)
            throw new DataException($"a mean image of {channels}×{height}×{width} needs {(long)channels * height * width} values, got {values.Count}.");
        if (values.Any(value => !float.IsFinite(value)))
            throw new DataException("a mean image needs finite values.");
        return new MeanImageCase(values.ToArray(), channels, height, width);
    }
}
