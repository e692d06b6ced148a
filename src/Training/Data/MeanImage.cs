namespace Sweep.Training.Data;

/// <summary>
/// A mean image at another size than it was computed at. Resizing pictures is linear in their
/// pixels, so the mean of the resized pictures is the resized mean picture: subtracting the resized
/// mean image at 112 pixels does to 112-pixel inputs what the original does at 224. The resampling
/// is area averaging (adaptive average pooling): output pixel (i, j) of an h × w result is the
/// mean of the input rows ⌊i·H/h⌋ .. ⌈(i+1)·H/h⌉−1 and columns ⌊j·W/w⌋ .. ⌈(j+1)·W/w⌉−1, which is
/// the identity at the original size, an exact block mean at integer factors (112, 56), and
/// repeats pixels when enlarging. Sums are in float64, each result rounded to float32 once.
/// </summary>
public static class MeanImage
{
    /// <summary>The mean image of <paramref name="mean"/> at <paramref name="height"/> × <paramref name="width"/>, channel-major.</summary>
    public static float[] Resample(Standardisation.MeanImageCase mean, int height, int width)
    {
        if (height < 1 || width < 1)
            throw new DataException($"a mean image cannot be resampled to {height}×{width}.");
        var result = new float[mean.Channels * height * width];
        var source = mean.Values;
        for (var channel = 0; channel < mean.Channels; channel++)
        {
            var sourcePlane = channel * mean.Height * mean.Width;
            var targetPlane = channel * height * width;
            for (var row = 0; row < height; row++)
            {
                var (top, bottom) = Span(row, height, mean.Height);
                for (var column = 0; column < width; column++)
                {
                    var (left, right) = Span(column, width, mean.Width);
                    var sum = 0.0;
                    for (var y = top; y < bottom; y++)
                        for (var x = left; x < right; x++)
                            sum += source[sourcePlane + y * mean.Width + x];
                    result[targetPlane + row * width + column] = (float)(sum / ((bottom - top) * (right - left)));
                }
            }
        }

        return result;
    }

    // The source cells [start, end) that output cell `index` of `outputs` averages over `inputs`.
    private static (int Start, int End) Span(int index, int outputs, int inputs) =>
        ((int)((long)index * inputs / outputs), (int)(((long)(index + 1) * inputs + outputs - 1) / outputs));
}
