using Sweep.Training.Data;
using Xunit;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Data;

/// <summary>Synthetic clusters: a pure function of the seed, balanced, and clustered as asked.</summary>
public sealed class BlobsTests
{
    private static float[] Values(LabelledTensors data) => data.Features.data<float>().ToArray();

    [Fact]
    public void The_same_seed_gives_the_same_bits()
    {
        using var first = Blobs.Make(200, 5, 4, seed: 7);
        using var second = Blobs.Make(200, 5, 4, seed: 7);
        Assert.Equal(Values(first), Values(second));
        Assert.Equal(first.Labels.data<long>().ToArray(), second.Labels.data<long>().ToArray());
    }

    [Fact]
    public void Another_seed_gives_other_numbers()
    {
        using var first = Blobs.Make(200, 5, 4, seed: 7);
        using var second = Blobs.Make(200, 5, 4, seed: 8);
        Assert.NotEqual(Values(first), Values(second));
    }

    [Fact]
    public void Blobs_are_tabular_and_balanced()
    {
        using var blobs = Blobs.Make(103, 3, 4, seed: 1);
        Assert.Equal([103L, 3], blobs.Features.shape);
        Assert.Equal([3L], blobs.SampleShape);
        Assert.Equal(4, blobs.ClassCount);
        var counts = blobs.Labels.data<long>().ToArray().CountBy(label => label).OrderBy(pair => pair.Key).Select(pair => pair.Value);
        Assert.Equal([26, 26, 26, 25], counts);
    }

    [Fact]
    public void Samples_scatter_around_their_class_centre_with_the_given_spread()
    {
        using var blobs = Blobs.Make(4_000, 2, 2, seed: 3, spread: 0.5);
        using var scope = NewDisposeScope();
        for (var label = 0; label < 2; label++)
        {
            var members = blobs.Features.index_select(0, nonzero(blobs.Labels == label).flatten()).to_type(ScalarType.Float64);
            var deviation = members.std(dimensions: [0L], unbiased: false).data<double>().ToArray();
            Assert.All(deviation, value => Assert.InRange(value, 0.47, 0.53));
        }
    }

    [Fact]
    public void Impossible_sizes_are_a_clear_error() =>
        Assert.Throws<DataException>(() => Blobs.Make(0, 2, 2, seed: 0));
}
