using Sweep.Training.Data;
using Xunit;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Data;

/// <summary>The shipped Fashion-MNIST test split, loaded once for the class.</summary>
public sealed class ShippedFashionMnist : IDisposable
{
    public LabelledTensors Dataset { get; } = FashionMnist.LoadTest();

    public void Dispose() => Dataset.Dispose();
}

/// <summary>
/// Fashion-MNIST from its IDX files: the shipped test split whole, and the choice between Debian's
/// train split and the shipped test split, checked on a temporary folder of small synthetic files.
/// </summary>
public sealed class FashionMnistTests(ShippedFashionMnist shipped) : IClassFixture<ShippedFashionMnist>
{
    [Fact]
    public void The_shipped_test_split_has_ten_thousand_28x28_images_of_ten_classes()
    {
        var data = shipped.Dataset;
        Assert.Equal("Fashion-MNIST test", data.Name);
        Assert.Equal(10_000, data.Count);
        Assert.Equal([10_000L, 1, 28, 28], data.Features.shape);
        Assert.Equal([1L, 28, 28], data.SampleShape);
        Assert.Equal(ScalarType.Float32, data.Features.dtype);
        Assert.Equal(ScalarType.Int64, data.Labels.dtype);
        Assert.Equal(10, data.ClassCount);
        Assert.Equal("T-shirt/top", data.ClassNames[0]);
        Assert.Equal("Ankle boot", data.ClassNames[9]);
    }

    [Fact]
    public void Every_class_appears_a_thousand_times()
    {
        var counts = shipped.Dataset.Labels.data<long>().ToArray().CountBy(label => label).OrderBy(pair => pair.Key).ToArray();
        Assert.Equal(Enumerable.Range(0, 10).Select(label => (long)label), counts.Select(pair => pair.Key));
        Assert.All(counts, pair => Assert.Equal(1_000, pair.Value));
    }

    [Fact]
    public void Default_inputs_have_mean_zero_and_standard_deviation_one()
    {
        using var scope = NewDisposeScope();
        var values = shipped.Dataset.Features.to_type(ScalarType.Float64);
        Assert.Equal(0.0, values.mean().item<double>(), 1e-4);
        Assert.Equal(1.0, values.std(unbiased: false).item<double>(), 1e-4);
        var applied = shipped.Dataset.Normalisation;
        Assert.Equal(255.0, applied.Scale);
        Assert.Single(applied.Means);
        Assert.InRange(applied.Means[0], 0.28, 0.29);
        Assert.InRange(applied.StandardDeviations[0], 0.35, 0.36);
    }

    [Fact]
    public void Scaled_only_inputs_are_the_bytes_over_255()
    {
        using var scaled = FashionMnist.LoadTest(Normalisation.Scaled(255));
        using var scope = NewDisposeScope();
        Assert.Equal(0.0, scaled.Features.min().item<float>());
        Assert.Equal(1.0, scaled.Features.max().item<float>());
        // Standardising is affine: the standardised data is (scaled − μ) / σ.
        var applied = shipped.Dataset.Normalisation;
        var expected = (scaled.Features.to_type(ScalarType.Float64) - applied.Means[0]) / applied.StandardDeviations[0];
        Assert.True(expected.allclose(shipped.Dataset.Features.to_type(ScalarType.Float64), rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void The_train_split_is_used_when_its_folder_holds_both_files()
    {
        using var folder = new TemporaryFolder();
        WriteSplit(folder, "debian", "train", samples: 3);
        var files = FashionMnist.TrainWhenPresent(trainFolder: Path.Combine(folder.Path, "debian"));
        Assert.Equal("train", files.Split);
        Assert.Equal(Path.Combine(folder.Path, "debian", "train-images-idx3-ubyte.gz"), files.Images);

        using var data = FashionMnist.Load(files, Normalisation.None);
        Assert.Equal("Fashion-MNIST train", data.Name);
        Assert.Equal([3L, 1, 28, 28], data.Features.shape);
        Assert.Equal([0L, 1, 2], data.Labels.data<long>().ToArray());
        // Sample s has every pixel equal to 10·s + (pixel index mod 7): checked as raw values.
        var values = data.Features.data<float>().ToArray();
        Assert.Equal(20f + 5 % 7, values[2 * 784 + 5]);
    }

    [Fact]
    public void The_shipped_test_split_is_used_when_the_train_folder_is_missing_or_incomplete()
    {
        using var folder = new TemporaryFolder();
        var shippedImages = FashionMnist.ShippedTest().Images;
        Assert.Equal(shippedImages, FashionMnist.TrainWhenPresent(trainFolder: Path.Combine(folder.Path, "missing")).Images);

        // Only the image file: not a usable split.
        folder.WriteIdx(Path.Combine("partial", "train-images-idx3-ubyte.gz"), [1, 28, 28], new byte[784]);
        var files = FashionMnist.TrainWhenPresent(trainFolder: Path.Combine(folder.Path, "partial"));
        Assert.Equal("test", files.Split);
        Assert.Equal(shippedImages, files.Images);
    }

    [Fact]
    public void Debian_installs_the_splits_under_usr_share_datasets() =>
        Assert.Equal("/usr/share/datasets/fashion-mnist", FashionMnist.DebianFolder);

    [Fact]
    public void Mismatched_image_and_label_counts_are_a_clear_error()
    {
        using var folder = new TemporaryFolder();
        WriteSplit(folder, "split", "train", samples: 2);
        folder.WriteIdx(Path.Combine("split", "train-labels-idx1-ubyte.gz"), [3], [0, 1, 2]);
        var problem = Assert.Throws<DataException>(() => FashionMnist.Load(FashionMnist.Train(Path.Combine(folder.Path, "split"))!));
        Assert.Contains("2 images", problem.Message);
        Assert.Contains("3 labels", problem.Message);
    }

    [Fact]
    public void A_label_outside_the_ten_classes_is_a_clear_error()
    {
        using var folder = new TemporaryFolder();
        WriteSplit(folder, "split", "train", samples: 1);
        folder.WriteIdx(Path.Combine("split", "train-labels-idx1-ubyte.gz"), [1], [10]);
        var problem = Assert.Throws<DataException>(() => FashionMnist.Load(FashionMnist.Train(Path.Combine(folder.Path, "split"))!));
        Assert.Contains("label 10", problem.Message);
    }

    private static void WriteSplit(TemporaryFolder folder, string subfolder, string prefix, int samples)
    {
        var pixels = new byte[samples * 784];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(10 * (i / 784) + i % 784 % 7);
        folder.WriteIdx(Path.Combine(subfolder, $"{prefix}-images-idx3-ubyte.gz"), [samples, 28, 28], pixels);
        folder.WriteIdx(Path.Combine(subfolder, $"{prefix}-labels-idx1-ubyte.gz"), [samples], Enumerable.Range(0, samples).Select(label => (byte)label).ToArray());
    }
}
