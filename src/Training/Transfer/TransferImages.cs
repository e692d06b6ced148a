using Sweep.Training.Data;
using Sweep.Training.Models;
using static TorchSharp.torch;

namespace Sweep.Training.Transfer;

/// <summary>
/// Images as a pretrained backbone reads them: three channels (red, green, blue) of
/// <c>size</c> × <c>size</c>, normalised by the backbone's own <see cref="Backbone.Normalisation"/>.
/// A folder is decoded, resized and centre-cropped by <see cref="ImageFolder"/> (greyscale pictures
/// come out with three equal channels); a greyscale dataset of raw pixels (such as Fashion-MNIST
/// loaded with <see cref="Normalisation.None"/>) is enlarged by bilinear interpolation and its one
/// channel repeated three times.
/// </summary>
public static class TransferImages
{
    /// <summary>The image folder <paramref name="folder"/> at <paramref name="size"/> (default: the backbone's own size).</summary>
    /// <remarks>At most <paramref name="parallelism"/> images are decoded at once (bounded: 2 by default).</remarks>
    public static LoadedData LoadFolder(string folder, Backbone backbone, int? size = null, int parallelism = 2)
    {
        var side = size ?? backbone.ImageSize;
        var options = new ImageFolderOptions(side, ImageChannels.Rgb)
        {
            Normalisation = backbone.Normalisation,
            Parallelism = Math.Clamp(parallelism, 1, Environment.ProcessorCount),
        };
        var (dataset, report) = ImageFolder.Load(folder, options);
        return new LoadedData(dataset, new ImageShape(3, side, side), report);
    }

    /// <summary>
    /// The first <paramref name="count"/> samples (all when null) of <paramref name="raw"/>, one channel
    /// of pixel values 0..255, as three-channel <paramref name="size"/>-pixel squares normalised by
    /// <paramref name="normalisation"/>. A new dataset; <paramref name="raw"/> is left as it is.
    /// </summary>
    public static LoadedData FromGreyscale(LabelledTensors raw, int size, Normalisation normalisation, int? count = null)
    {
        if (raw.SampleShape is not [1, _, _])
            throw new DataException($"{raw.Name} has samples of [{string.Join(", ", raw.SampleShape)}], not one-channel images.");
        if (size < 1) throw new DataException($"the image size must be at least 1 pixel (got {size}).");
        var samples = Math.Min(count ?? raw.Count, raw.Count);
        float[] values;
        long[] labels;
        using (var scope = NewDisposeScope())
        {
            var pixels = raw.Features.narrow(0, 0, samples);
            var enlarged = nn.functional.interpolate(pixels, [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
            values = enlarged.expand(samples, 3, size, size).contiguous().cpu().data<float>().ToArray();
            labels = raw.Labels.narrow(0, 0, samples).cpu().data<long>().ToArray();
        }

        var applied = normalisation.Apply(values, 3, size * size);
        var dataset = LabelledTensors.FromBuffers($"{raw.Name} ({samples} at {size}×{size}, RGB)", values, [3, size, size], labels, raw.ClassNames, applied);
        return new LoadedData(dataset, new ImageShape(3, size, size), null);
    }
}
