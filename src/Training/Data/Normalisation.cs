namespace Sweep.Training.Data;

/// <summary>
/// How raw pixel values (0..255, or 0..16 for digits) become model inputs: divided by a scale,
/// then standardised. For a value v of channel c:
/// <para>x = (v / Scale − μ_c) / σ_c</para>
/// with μ, σ from <see cref="Standardisation"/> (μ = 0, σ = 1 for none). Statistics and arithmetic
/// are in float64 and each input is rounded to float32 once, at the end: with no standardisation
/// x is exactly float32(v / Scale), the numbers a reference implementation that writes
/// <c>torch.tensor(pixels / 16, dtype=float32)</c> feeds its model. Applied once, to the whole
/// buffer, before the tensor is made.
/// <para>A <see cref="Standardisation.MeanImageCase"/> instead subtracts a mean image pixel by pixel
/// (x = v / Scale − m_c,y,x), resampled to the images' size by <see cref="MeanImage"/>; images whose
/// plane differs from the mean image's must then be square.</para>
/// </summary>
public sealed record Normalisation(double Scale, Standardisation Standardisation)
{
    /// <summary>Raw values as they are.</summary>
    public static Normalisation None { get; } = new(1.0, Standardisation.None);

    /// <summary>Values divided by <paramref name="scale"/> (255 maps bytes to [0, 1]), not standardised.</summary>
    public static Normalisation Scaled(double scale) => new(scale, Standardisation.None);

    /// <summary>Values divided by <paramref name="scale"/>, then standardised by the data's own single mean and standard deviation.</summary>
    public static Normalisation Standardised(double scale) => new(scale, Standardisation.FromData);

    /// <summary>Values divided by <paramref name="scale"/>, then standardised by given means and standard deviations.</summary>
    public static Normalisation Given(double scale, IReadOnlyList<double> means, IReadOnlyList<double> standardDeviations) =>
        new(scale, Standardisation.Given(means, standardDeviations));

    /// <summary>Values divided by <paramref name="scale"/>, then the mean image subtracted (no division).</summary>
    public static Normalisation MinusMeanImage(double scale, IReadOnlyList<float> values, int channels, int height, int width) =>
        new(scale, Standardisation.MeanImage(values, channels, height, width));

    /// <summary>
    /// Normalises <paramref name="values"/> in place, laid out as samples × <paramref name="channels"/> ×
    /// <paramref name="planeSize"/> (height·width for images), and says exactly what was applied.
    /// FromData: μ = Σ(v/s)/n and σ = √(Σ(v/s − μ)²/n) (population deviation, two passes for accuracy);
    /// a constant buffer (σ = 0) is only centred.
    /// </summary>
    public AppliedNormalisation Apply(float[] values, int channels, int planeSize)
    {
        if (!double.IsFinite(Scale) || Scale <= 0)
            throw new DataException($"the pixel scale must be a positive number (got {Scale}).");
        if (channels < 1 || planeSize < 1 || values.Length % ((long)channels * planeSize) != 0)
            throw new DataException($"{values.Length} values do not divide into samples of {channels} channel(s) × {planeSize} values.");
        if (Standardisation is Standardisation.MeanImageCase meanImage)
            return SubtractMeanImage(values, channels, planeSize, meanImage);

        var (means, deviations) = Standardisation switch
        {
            Standardisation.FromDataCase => Statistics(values, Scale),
            Standardisation.GivenCase given => PerChannel(given, channels),
            _ => ([0.0], [1.0]),
        };

        if (means.Length == 1)
        {
            double mean = means[0], deviation = deviations[0];
            if (Scale != 1.0 || mean != 0.0 || deviation != 1.0)
                for (var i = 0; i < values.Length; i++)
                    values[i] = (float)((values[i] / Scale - mean) / deviation);
        }
        else
        {
            for (var block = 0; block < values.Length / planeSize; block++)
            {
                var channel = block % channels;
                var span = values.AsSpan(block * planeSize, planeSize);
                for (var i = 0; i < span.Length; i++)
                    span[i] = (float)((span[i] / Scale - means[channel]) / deviations[channel]);
            }
        }

        return new AppliedNormalisation(Scale, means, deviations);
    }

    private AppliedNormalisation SubtractMeanImage(float[] values, int channels, int planeSize, Standardisation.MeanImageCase mean)
    {
        if (channels != mean.Channels)
            throw new DataException($"the mean image has {mean.Channels} channel(s) but the images have {channels}; load the images with {mean.Channels} channel(s).");
        var side = (int)Math.Round(Math.Sqrt(planeSize));
        var (height, width) = planeSize == mean.Height * mean.Width ? (mean.Height, mean.Width)
            : side * side == planeSize ? (side, side)
            : throw new DataException($"images of {planeSize} pixels are neither the mean image's {mean.Height}×{mean.Width} nor square; the mean image cannot be resampled to them.");
        var resampled = MeanImage.Resample(mean, height, width);
        var sample = resampled.Length;
        for (var start = 0; start < values.Length; start += sample)
        {
            var span = values.AsSpan(start, sample);
            for (var i = 0; i < span.Length; i++) span[i] = (float)(span[i] / Scale - resampled[i]);
        }

        var planeMeans = ((Standardisation.MeanImageCase)Standardisation.MeanImage(resampled, channels, height, width)).PlaneMeans;
        return new AppliedNormalisation(Scale, planeMeans, Enumerable.Repeat(1.0, channels).ToArray()) { MeanImage = mean };
    }

    private static (double[] Means, double[] Deviations) Statistics(float[] values, double scale)
    {
        if (values.Length == 0) return ([0.0], [1.0]);
        var sum = 0.0;
        foreach (var value in values) sum += value / scale;
        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var value in values)
        {
            var deviation = value / scale - mean;
            squares += deviation * deviation;
        }

        var standardDeviation = Math.Sqrt(squares / values.Length);
        return ([mean], [standardDeviation > 0 ? standardDeviation : 1.0]);
    }

    private static (double[] Means, double[] Deviations) PerChannel(Standardisation.GivenCase given, int channels)
    {
        if (given.Means.Count == 1) return ([given.Means[0]], [given.StandardDeviations[0]]);
        if (given.Means.Count != channels)
            throw new DataException($"the standardisation gives {given.Means.Count} means but the images have {channels} channel(s); give one value or one per channel.");
        return (given.Means.ToArray(), given.StandardDeviations.ToArray());
    }
}
