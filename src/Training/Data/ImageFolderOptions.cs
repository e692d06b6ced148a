namespace Sweep.Training.Data;

/// <summary>The colour channels an image becomes: one grey channel, or red, green and blue.</summary>
public enum ImageChannels
{
    /// <summary>One channel: luma Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, the weights of PIL's "L" mode).</summary>
    Grey = 1,

    /// <summary>Three channels, in the order red, green, blue.</summary>
    Rgb = 3,
}

/// <summary>
/// How <see cref="ImageFolder"/> turns pictures into inputs: every image becomes
/// <see cref="Channels"/> × <see cref="Size"/> × <see cref="Size"/> (shorter side resized to Size,
/// then the centre square cut out), normalised by <see cref="Normalisation"/>, by default pixels
/// scaled to [0, 1], then standardised by the dataset's single mean and standard deviation.
/// </summary>
public sealed record ImageFolderOptions(int Size, ImageChannels Channels)
{
    /// <summary>How pixel values 0..255 become inputs.</summary>
    public Normalisation Normalisation { get; init; } = Normalisation.Standardised(255);

    /// <summary>
    /// The largest image decoded, in pixels (width × height as its header declares, read before any
    /// pixel is): 50 megapixels by default, 200 MB of RGBA while decoding. A larger file (a camera's
    /// panorama, or a 100-byte PNG claiming 100000 × 100000) is skipped and reported, not decoded.
    /// </summary>
    public long MaximumPixels { get; init; } = ImageDecoding.DefaultMaximumPixels;

    /// <summary>How many images to decode at once (decoding dominates the time; the order of the result does not depend on it).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
