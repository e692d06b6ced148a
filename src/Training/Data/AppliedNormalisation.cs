namespace Sweep.Training.Data;

/// <summary>
/// What a <see cref="Normalisation"/> did to one dataset: the scale and the means and standard
/// deviations used (one for all channels, or one per channel). <see cref="AsGiven"/> applies the
/// same numbers to another split, as a held-out split must be normalised by the training split's.
/// </summary>
public sealed record AppliedNormalisation(double Scale, IReadOnlyList<double> Means, IReadOnlyList<double> StandardDeviations)
{
    /// <summary>The same transformation as a normalisation to apply elsewhere.</summary>
    public Normalisation AsGiven() => Normalisation.Given(Scale, Means, StandardDeviations);

    /// <summary>A one-line description, for reports.</summary>
    public override string ToString() =>
        Means.Count == 1 && Means[0] == 0.0 && StandardDeviations[0] == 1.0
            ? $"values / {Scale:G6}"
            : $"values / {Scale:G6}, then standardised by mean {string.Join("|", Means.Select(mean => mean.ToString("G6")))} and standard deviation {string.Join("|", StandardDeviations.Select(deviation => deviation.ToString("G6")))}";
}
