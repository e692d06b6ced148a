using Sweep.Domain;
using Sweep.Training.Data;
using Xunit;

namespace Sweep.Golden.Tests.Data;

/// <summary>
/// `DataCatalogue.StartLoading` decodes the shipped Fashion-MNIST on a second thread while the caller
/// loads libtorch: what it gives must be what `Load` gives, bit for bit, and a damaged or missing
/// file must fail with `Load`'s own message when the load is finished, not hang or fail differently.
/// </summary>
public sealed class DataLoadingTests
{
    private static readonly DataSpec FashionMnistSpec = new DataSpec.BuiltInCase("fashion-mnist");

    [Fact]
    public void Loading_alongside_gives_the_dataset_of_Load_bit_for_bit()
    {
        using var alongside = DataCatalogue.StartLoading(FashionMnistSpec, null)();
        using var loaded = DataCatalogue.Load("fashion-mnist");
        Assert.Equal(loaded.Shape, alongside.Shape);
        Assert.Equal(loaded.Dataset.Name, alongside.Dataset.Name);
        var (expected, actual) = (loaded.Dataset.Normalisation, alongside.Dataset.Normalisation);
        Assert.Equal(expected.Scale, actual.Scale);
        Assert.Equal(expected.Means, actual.Means);
        Assert.Equal(expected.StandardDeviations, actual.StandardDeviations);
        Assert.True(loaded.Dataset.Features.data<float>().ToArray().AsSpan().SequenceEqual(alongside.Dataset.Features.data<float>().ToArray()), "features differ");
        Assert.Equal(loaded.Dataset.Labels.data<long>().ToArray(), alongside.Dataset.Labels.data<long>().ToArray());
    }

    [Fact]
    public void Mismatched_files_fail_when_the_load_is_finished_with_the_message_of_Load()
    {
        using var folder = new TemporaryFolder();
        folder.WriteIdx(Path.Combine("fashion-mnist", "t10k-images-idx3-ubyte.gz"), [2, 28, 28], new byte[2 * 784]);
        folder.WriteIdx(Path.Combine("fashion-mnist", "t10k-labels-idx1-ubyte.gz"), [3], [0, 1, 2]);
        var finish = DataCatalogue.StartLoading(FashionMnistSpec, null, folder.Path);
        var alongside = Assert.Throws<DataException>(() => finish());
        var loaded = Assert.Throws<DataException>(() => DataCatalogue.Load("fashion-mnist", dataFolder: folder.Path));
        Assert.Equal(loaded.Message, alongside.Message);
        Assert.Contains("3 labels", alongside.Message);
    }

    [Fact]
    public void A_missing_file_fails_when_the_load_is_finished_with_the_message_of_Load()
    {
        using var folder = new TemporaryFolder();
        folder.WriteIdx(Path.Combine("fashion-mnist", "t10k-images-idx3-ubyte.gz"), [1, 28, 28], new byte[784]);
        var finish = DataCatalogue.StartLoading(FashionMnistSpec, null, folder.Path);
        var alongside = Assert.Throws<DataException>(() => finish());
        var loaded = Assert.Throws<DataException>(() => DataCatalogue.Load("fashion-mnist", dataFolder: folder.Path));
        Assert.Equal(loaded.Message, alongside.Message);
        Assert.Contains("does not exist", alongside.Message);
    }
}
