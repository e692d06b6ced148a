using Sweep.Training.Data;
using Xunit;

namespace Sweep.Golden.Tests.Data;

/// <summary>x = (v / scale − μ_c) / σ_c, computed in float64 and rounded once.</summary>
public sealed class NormalisationTests
{
    [Fact]
    public void Scaling_alone_divides_exactly()
    {
        float[] values = [0, 1, 5, 16];
        var applied = Normalisation.Scaled(16).Apply(values, channels: 1, planeSize: 2);
        Assert.Equal([0f, 1f / 16, 5f / 16, 1f], values);
        Assert.Equal([0.0], applied.Means);
        Assert.Equal([1.0], applied.StandardDeviations);
    }

    [Fact]
    public void Standardising_from_the_data_uses_the_population_mean_and_deviation()
    {
        float[] values = [0, 255, 0, 255];
        var applied = Normalisation.Standardised(255).Apply(values, channels: 1, planeSize: 4);
        Assert.Equal(0.5, applied.Means[0], 12);
        Assert.Equal(0.5, applied.StandardDeviations[0], 12);
        Assert.Equal([-1f, 1f, -1f, 1f], values);
    }

    [Fact]
    public void Given_per_channel_values_apply_to_their_own_channel()
    {
        // Two samples of two channels of two values: [s0c0, s0c0, s0c1, s0c1, s1c0, s1c0, s1c1, s1c1].
        float[] values = [2, 4, 10, 20, 6, 8, 30, 40];
        Normalisation.Given(2, [1.0, 10.0], [1.0, 5.0]).Apply(values, channels: 2, planeSize: 2);
        Assert.Equal([0f, 1f, -1f, 0f, 2f, 3f, 1f, 2f], values);
    }

    [Fact]
    public void Applied_statistics_carry_over_to_another_split()
    {
        float[] train = [0, 10, 20, 30];
        float[] test = [15, 15];
        var applied = Normalisation.Standardised(1).Apply(train, channels: 1, planeSize: 1);
        applied.AsGiven().Apply(test, channels: 1, planeSize: 1);
        Assert.Equal([0f, 0f], test);
    }

    [Fact]
    public void A_constant_buffer_is_only_centred()
    {
        float[] values = [3, 3, 3];
        Normalisation.Standardised(1).Apply(values, channels: 1, planeSize: 3);
        Assert.Equal([0f, 0f, 0f], values);
    }

    [Fact]
    public void Per_channel_values_must_match_the_channels()
    {
        float[] values = new float[6];
        var problem = Assert.Throws<DataException>(() => Normalisation.Given(255, [0.1, 0.2], [1, 1]).Apply(values, channels: 3, planeSize: 2));
        Assert.Contains("3 channel", problem.Message);
    }

    [Fact]
    public void A_non_positive_deviation_is_refused() =>
        Assert.Throws<DataException>(() => Normalisation.Given(255, [0.5], [0.0]));
}
