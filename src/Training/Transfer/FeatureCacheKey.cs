using System.Security.Cryptography;
using System.Text;
using Sweep.Training.Data;

namespace Sweep.Training.Transfer;

/// <summary>
/// What cached features depend on, reduced to one SHA-256: the weights (the backbone's
/// <see cref="Backbone.Identity"/>, a hash of its files, and its architecture), the data (the
/// <see cref="TransferInputs.Identity"/> of the images: a hash of every byte they are made from and of
/// how they are made, with the preprocessing) and the sample count and shape, plus the cache format's
/// version. Any change to any of them gives another key, and so another file: a stale cache is never
/// read, because it is never found. Labels are left out: they change no feature.
/// </summary>
public static class FeatureCacheKey
{
    /// <summary>Bump when the features computed for the same inputs would change (a new body layout, another pooling).</summary>
    public const string Version = "sweep feature cache 2";

    /// <summary>The key (64 hex digits) of <paramref name="backbone"/>'s features of the prepared images <paramref name="data"/>.</summary>
    public static string Of(Backbone backbone, LabelledTensors data) =>
        Of(backbone, data.Count, data.SampleShape, TransferInputs.IdentityOf(data));

    /// <summary>
    /// The key of <paramref name="backbone"/>'s features of <paramref name="inputs"/>, known before, or
    /// without, making the images.
    /// </summary>
    public static string Of(Backbone backbone, TransferInputs inputs) =>
        Of(backbone, inputs.Count, [inputs.Shape.Channels, inputs.Shape.Height, inputs.Shape.Width], inputs.Identity);

    private static string Of(Backbone backbone, int count, IEnumerable<long> sampleShape, string inputs)
    {
        var description = string.Join("\n",
            Version,
            $"weights {backbone.Identity}",
            $"blocks {string.Join(",", backbone.BlocksPerStage)}",
            $"samples {count}",
            $"sample shape {string.Join(",", sampleShape)}",
            $"inputs {inputs}",
            "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description)));
    }
}
