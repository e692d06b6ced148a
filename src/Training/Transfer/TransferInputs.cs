using System.Security.Cryptography;
using System.Text;
using Sweep.Training.Data;
using Sweep.Training.Models;
using static TorchSharp.torch;

namespace Sweep.Training.Transfer;

/// <summary>
/// The inputs of a transfer sweep, with the backbone-ready images prepared only when something needs
/// them. A cached sweep needs the images only to compute a missing feature row; with a complete cache
/// the heads train on the rows and the labels, and Fashion-MNIST enlarged to 64×64 RGB (490 MB of
/// float32) is never made. What the cache key needs to know about the images is
/// <see cref="Identity"/>: a SHA-256 of the bytes the images are made from and of how they are made,
/// computed from the small source rather than from the enlarged images.
/// <list type="bullet">
/// <item><see cref="Prepared(LoadedData, bool)"/>: images already made (an image folder, tests); the
/// identity hashes their own bytes.</item>
/// <item><see cref="FromGreyscale"/>: one-channel pixels 0..255, enlarged on demand by
/// <see cref="TransferImages.FromGreyscale"/>; the identity hashes the raw pixels and the recipe.</item>
/// </list>
/// </summary>
public sealed class TransferInputs : IDisposable
{
    private readonly Lazy<LoadedData> images;
    private readonly IDisposable? source;
    private readonly bool ownsImages;

    private TransferInputs(string name, int count, Tensor labels, int classCount, ImageShape shape, string identity,
        Lazy<LoadedData> images, IDisposable? source, bool ownsImages)
    {
        Name = name;
        Count = count;
        Labels = labels;
        ClassCount = classCount;
        Shape = shape;
        Identity = identity;
        this.images = images;
        this.source = source;
        this.ownsImages = ownsImages;
    }

    /// <summary>The dataset's name.</summary>
    public string Name { get; }

    /// <summary>Samples.</summary>
    public int Count { get; }

    /// <summary>Class indices, int64 [N] (owned by the source or the images).</summary>
    public Tensor Labels { get; }

    /// <summary>Classes.</summary>
    public int ClassCount { get; }

    /// <summary>The shape of one prepared image.</summary>
    public ImageShape Shape { get; }

    /// <summary>SHA-256 (hex) of what the prepared images are a function of.</summary>
    public string Identity { get; }

    /// <summary>The prepared images, made now if not yet made.</summary>
    public LoadedData Images => images.Value;

    /// <summary>Whether the images have been made.</summary>
    public bool ImagesMade => images.IsValueCreated;

    /// <summary>Images already prepared; <paramref name="owned"/>: disposed with these inputs.</summary>
    public static TransferInputs Prepared(LoadedData data, bool owned = false)
    {
        var dataset = data.Dataset;
        return new TransferInputs(dataset.Name, dataset.Count, dataset.Labels, dataset.ClassCount, data.Shape,
            IdentityOf(dataset), new Lazy<LoadedData>(data), null, owned);
    }

    /// <summary>The identity of images already prepared: a SHA-256 (hex) of their shape, preprocessing and every byte.</summary>
    public static string IdentityOf(LabelledTensors dataset)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"prepared\nshape {string.Join(",", dataset.SampleShape)}\npreprocessing {dataset.Normalisation}\n"));
        using (var scope = NewDisposeScope())
            hash.AppendData(dataset.Features.cpu().contiguous().bytes);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// <paramref name="raw"/> (one channel, pixels 0..255; owned from now on) as <paramref name="size"/>-pixel
    /// RGB squares normalised by <paramref name="normalisation"/>, made when first asked for.
    /// </summary>
    public static TransferInputs FromGreyscale(LabelledTensors raw, int size, Normalisation normalisation)
    {
        if (raw.SampleShape is not [1, _, _])
            throw new DataException($"{raw.Name} has samples of [{string.Join(", ", raw.SampleShape)}], not one-channel images.");
        if (size < 1) throw new DataException($"the image size must be at least 1 pixel (got {size}).");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(
            $"greyscale enlarged bilinear to {size}x{size}, 3 channels\nraw shape {string.Join(",", raw.SampleShape)}\nraw preprocessing {raw.Normalisation}\nnormalisation {Describe(normalisation)}\n"));
        using (var scope = NewDisposeScope())
            hash.AppendData(raw.Features.cpu().contiguous().bytes);
        var images = new Lazy<LoadedData>(() => TransferImages.FromGreyscale(raw, size, normalisation), LazyThreadSafetyMode.ExecutionAndPublication);
        return new TransferInputs($"{raw.Name} ({raw.Count} at {size}×{size}, RGB)", raw.Count, raw.Labels, raw.ClassCount,
            new ImageShape(3, size, size), Convert.ToHexStringLower(hash.GetHashAndReset()), images, raw, ownsImages: true);
    }

    // Every number of the normalisation: a record's own text shows a list as its type name only.
    private static string Describe(Normalisation normalisation) =>
        $"scale {normalisation.Scale:R}, " + normalisation.Standardisation switch
        {
            Standardisation.GivenCase given => $"given means {string.Join("|", given.Means.Select(value => value.ToString("R")))} deviations {string.Join("|", given.StandardDeviations.Select(value => value.ToString("R")))}",
            Standardisation.MeanImageCase mean => $"mean image {mean.Channels}x{mean.Height}x{mean.Width} {string.Join("|", mean.Values.Select(value => value.ToString("R")))}",
            var other => other.GetType().Name,
        };

    /// <summary>Frees what these inputs own.</summary>
    public void Dispose()
    {
        if (ownsImages && images.IsValueCreated) images.Value.Dispose();
        source?.Dispose();
    }
}
