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
}
