using SkiaSharp;

namespace Sweep.Training.Data;

/// <summary>
/// One picture file to one sample's values, with SkiaSharp: decode (JPEG, PNG and whatever else
/// Skia reads), resize so the shorter side is <c>size</c>, cut out the centre size × size square,
/// and lay the pixels out channel-major ([C, size, size], values 0..255) for the tensor.
/// The geometry is torchvision's <c>Resize(size)</c> then <c>CenterCrop(size)</c>: for a w × h image
/// with w ≤ h the resized image is size × ⌊size·h/w⌋ (and symmetrically), and the crop starts at
/// round((resized − size) / 2) with halves to even. Sampling is bilinear between mipmap levels, so
/// shrinking a large photo averages its pixels instead of aliasing. Transparent pixels count as
/// if over black. The header's dimensions are read first (<see cref="SKCodec.Info"/> decodes no
/// pixel): an image over the pixel budget, or one whose pixels cannot be allocated, is a problem of
/// that file, never of the whole load.
/// </summary>
public static class ImageDecoding
{
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>The sample's values, or why the file cannot be one.</summary>
    public sealed record Outcome(float[]? Values, string? Problem);

    /// <summary>The resized size (width, height) whose shorter side is <paramref name="size"/>.</summary>
    public static (int Width, int Height) ResizedSize(int width, int height, int size) =>
        width <= height ? (size, (int)((long)size * height / width)) : ((int)((long)size * width / height), size);

    /// <summary>Where the centre crop starts along a side of <paramref name="length"/>.</summary>
    public static int CropStart(int length, int size) => (int)Math.Round((length - size) / 2.0, MidpointRounding.ToEven);

    /// <summary>The default pixel budget of one image: 50 megapixels.</summary>
    public const long DefaultMaximumPixels = 50_000_000;

    /// <summary>Decodes <paramref name="path"/> into <paramref name="channels"/> × size × size values, unless it declares more than <paramref name="maximumPixels"/> pixels.</summary>
    public static Outcome Decode(string path, int size, ImageChannels channels, long maximumPixels = DefaultMaximumPixels)
    {
        try
        {
            using var codec = SKCodec.Create(path, out var opened);
            if (codec is null)
                return new Outcome(null, Describe(opened));
            var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
            if (info.Width < 1 || info.Height < 1)
                return new Outcome(null, "the image has no pixels");
            var pixels = (long)info.Width * info.Height;
            if (pixels > maximumPixels)
                return new Outcome(null, FormattableString.Invariant($"the image declares {info.Width}x{info.Height} pixels ({pixels / 1e6:0.#} megapixels, {pixels * 4 / 1e9:0.##} GB to decode), over the budget of {maximumPixels / 1e6:0.#} megapixels; shrink it or remove it"));
            using var decoded = new SKBitmap();
            if (!decoded.TryAllocPixels(info))
                return new Outcome(null, FormattableString.Invariant($"no memory for its {info.Width}x{info.Height} pixels ({pixels * 4 / 1e9:0.##} GB); shrink it or remove it"));
            var result = codec.GetPixels(info, decoded.GetPixels());
            if (result != SKCodecResult.Success)
                return new Outcome(null, Describe(result));

            var (width, height) = ResizedSize(info.Width, info.Height, size);
            using var resized = decoded.Resize(info.WithSize(width, height), Sampling);
            if (resized is null)
                return new Outcome(null, $"the image could not be resized to {width}×{height}");
            return new Outcome(CentreCrop(resized, size, channels), null);
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            return new Outcome(null, $"the file could not be read ({problem.Message})");
        }
    }

    /// <summary>The centre size × size square of an RGBA bitmap, channel-major, values 0..255.</summary>
    private static float[] CentreCrop(SKBitmap bitmap, int size, ImageChannels channels)
    {
        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        int left = CropStart(bitmap.Width, size), top = CropStart(bitmap.Height, size), plane = size * size;
        var values = new float[(int)channels * plane];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var at = (top + y) * rowBytes + (left + x) * 4;
                byte red = pixels[at], green = pixels[at + 1], blue = pixels[at + 2];
                var index = y * size + x;
                if (channels == ImageChannels.Grey)
                {
                    values[index] = (float)(0.299 * red + 0.587 * green + 0.114 * blue);
                }
                else
                {
                    values[index] = red;
                    values[plane + index] = green;
                    values[2 * plane + index] = blue;
                }
            }
        }

        return values;
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "the image is truncated",
        SKCodecResult.ErrorInInput or SKCodecResult.InvalidInput => "the image is damaged",
        SKCodecResult.Unimplemented => "not an image in a format this program reads (JPEG, PNG, GIF, BMP, WebP, ...)",
        _ => $"the image could not be decoded ({result})",
    };
}
