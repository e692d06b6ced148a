using System.Security.Cryptography;
using System.Text;
using Sweep.Training.Data;
using static TorchSharp.torch;

namespace Sweep.Training.Transfer;

/// <summary>
/// What cached features depend on, reduced to one SHA-256: the weights (the backbone's
/// <see cref="Backbone.Identity"/>, a hash of its files, and its architecture), the data (every byte
/// of the prepared input tensor, which already holds the decoded, resized and normalised pixels in
/// sample order, and its shape), and the preprocessing (the normalisation's description and the
/// image size), plus the cache format's version. Any change to any of them gives another key, and so
/// another file: a stale cache is never read, because it is never found. Labels are left out: they
/// change no feature.
/// </summary>
public static class FeatureCacheKey
{
    /// <summary>Bump when the features computed for the same inputs would change (a new body layout, another pooling).</summary>
    public const string Version = "sweep feature cache 1";

    /// <summary>The key (64 hex digits) of <paramref name="backbone"/>'s features of <paramref name="data"/>.</summary>
    public static string Of(Backbone backbone, TensorDataset data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var description = string.Join("\n",
            Version,
            $"weights {backbone.Identity}",
            $"blocks {string.Join(",", backbone.BlocksPerStage)}",
            $"samples {data.Count}",
            $"sample shape {string.Join(",", data.SampleShape)}",
            $"preprocessing {data.Normalisation}",
            "");
        hash.AppendData(Encoding.UTF8.GetBytes(description));
        using (var scope = NewDisposeScope())
        {
            var contiguous = data.Features.cpu().contiguous();
            hash.AppendData(contiguous.bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
