namespace Sweep.Training.Data;

/// <summary>
/// What a <see cref="Normalisation"/> did to one dataset: the scale and the means and standard
/// deviations used (one for all channels, or one per channel). <see cref="AsGiven"/> applies the
/// same numbers to another split, as a held-out split must be normalised by the training split's.
/// When a mean image was subtracted, <see cref="MeanImage"/> is it (as given, before resampling) and
/// the means are its resampled planes' means, for reports.
/// </summary>
public sealed record AppliedNormalisation(double Scale, IReadOnlyList<double> Means, IReadOnlyList<double> StandardDeviations)
{
    /// <summary>The mean image subtracted, if one was; null for per-channel standardisation.</summary>
    public Standardisation.MeanImageCase? MeanImage { get; init; }

    /// <summary>The same transformation as a normalisation to apply elsewhere.</summary>
    public Normalisation AsGiven() => MeanImage is { } mean ? new Normalisation(Scale, mean) : Normalisation.Given(Scale, Means, StandardDeviations);

    /// <summary>A one-line description, for reports.</summary>
    public override string ToString() =>
        MeanImage is { } mean
            ? $"values / {Scale:G6}, then minus a {mean.Channels}×{mean.Height}×{mean.Width} mean image resampled to the images' size (plane means {string.Join("|", Means.Select(value => value.ToString("G6")))})"
            : Means.Count == 1 && Means[0] == 0.0 && StandardDeviations[0] == 1.0
            ? $"values / {Scale:G6}"
            : $"values / {Scale:G6}, then standardised by mean {string.Join("|", Means.Select(mean => mean.ToString("G6")))} and standard deviation {string.Join("|", StandardDeviations.Select(deviation => deviation.ToString("G6")))}";
}
