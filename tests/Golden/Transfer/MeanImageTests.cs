using Sweep.Training.Data;
using Xunit;

namespace Sweep.Golden.Tests.Transfer;

/// <summary>The mean image resampled by area, and its subtraction as a normalisation.</summary>
public sealed class MeanImageTests
{
    // One channel 4×4: 0..15 row by row.
    private static readonly Standardisation.MeanImageCase Ramp =
        (Standardisation.MeanImageCase)Standardisation.MeanImage(Enumerable.Range(0, 16).Select(value => (float)value).ToArray(), 1, 4, 4);

    [Fact]
    public void Transfer_at_its_own_size_the_mean_image_is_unchanged()
    {
        Assert.Equal(Ramp.Values, MeanImage.Resample(Ramp, 4, 4));
    }

    [Fact]
    public void Transfer_at_half_size_each_pixel_is_the_mean_of_its_2x2_block()
    {
        Assert.Equal([2.5f, 4.5f, 10.5f, 12.5f], MeanImage.Resample(Ramp, 2, 2));
    }

    [Fact]
    public void Transfer_at_one_pixel_it_is_the_plane_mean()
    {
        Assert.Equal([7.5f], MeanImage.Resample(Ramp, 1, 1));
    }

    [Fact]
    public void Transfer_at_a_size_that_does_not_divide_the_windows_overlap_as_adaptive_pooling_s()
    {
        // Rows 0..1 and 1..3 (⌊i·4/3⌋ .. ⌈(i+1)·4/3⌉−1), likewise columns.
        var resampled = MeanImage.Resample(Ramp, 3, 3);

        Assert.Equal(2.5f, resampled[0]);
        Assert.Equal((5f + 6 + 9 + 10) / 4, resampled[4]);
    }

    [Fact]
    public void Transfer_subtracting_a_mean_image_divides_by_nothing_and_is_reported()
    {
        float[] values = [10, 20, 30, 40, 50, 60, 70, 80];
        var normalisation = Normalisation.MinusMeanImage(1.0, Ramp.Values, 1, 4, 4);

        var applied = normalisation.Apply(values, channels: 1, planeSize: 4);

        Assert.Equal([7.5f, 15.5f, 19.5f, 27.5f, 47.5f, 55.5f, 59.5f, 67.5f], values);
        Assert.Equal([7.5], applied.Means);
        Assert.Equal(normalisation, applied.AsGiven());
        Assert.Contains("mean image", applied.ToString());
    }

    [Fact]
    public void Transfer_a_mean_image_of_other_channels_or_a_plane_that_is_not_square_is_refused()
    {
        var normalisation = Normalisation.MinusMeanImage(1.0, Ramp.Values, 1, 4, 4);

        Assert.Throws<DataException>(() => normalisation.Apply(new float[6], channels: 3, planeSize: 2));
        Assert.Throws<DataException>(() => normalisation.Apply(new float[6], channels: 1, planeSize: 6));
    }
}
