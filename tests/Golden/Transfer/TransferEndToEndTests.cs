using Sweep.Domain;
using Sweep.Golden.Tests.Data;
using Sweep.Training;
using Sweep.Training.Transfer;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace Sweep.Golden.Tests.Transfer;

/// <summary>
/// The committed pets folder (tests/Golden/data/pets, two classes of four pictures, CC0) through the
/// whole transfer path: decoded, resized and centre-cropped, greyscale made RGB, normalised by the
/// bundled ResNet-18's mean image, features cached on disk, a range test of the head per cell.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TransferEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryFolder cacheFolder = new();

    [Fact]
    public void Transfer_the_pets_folder_runs_end_to_end_with_the_bundled_resnet18()
    {
        torch.set_num_threads(1);
        var pets = Path.Combine(ReferenceData.Folder, "pets");
        Assert.True(File.Exists(Path.Combine(pets, "README.md")), "the pets folder states its licence");
        using var data = TransferImages.LoadFolder(pets, BundledResNet.Backbone, size: 64);

        Assert.Equal(["cats", "dogs"], data.Report!.Classes);
        Assert.Equal([4, 4], data.Report.ImagesPerClass);
        Assert.DoesNotContain(data.Report.Skipped, file => !file.Path.EndsWith("README.md", StringComparison.Ordinal));
        Assert.Equal([3L, 64, 64], data.Dataset.SampleShape);

        var finder = new FinderOptions(Preset.Fastai, Steps: 30);
        using var sweep = CellPipeline.Open(BundledResNet.Backbone, data, Specs.Frozen, cacheFolder.Path);
        var results = new[] { new SweepCell(4, 1), new SweepCell(8, 2) }.Select(cell => sweep.RunCell(finder, cell)).ToArray();

        Assert.All(results, result =>
        {
            Assert.NotEmpty(result.Curve.Points);
            Assert.True(double.IsFinite(result.Curve.Points[0].Loss));
            Assert.True(result.Curve.LearningRates.SequenceEqual(result.Curve.LearningRates.Order()));
            output.WriteLine($"batch {result.Cell.BatchSize} seed {result.Cell.Seed}: {result.Curve.Points.Count} steps, stop {result.Curve.Stop}, "
                + string.Join(", ", result.Suggestions.Select(entry => $"{entry.Key} {entry.Value?.ToString("E2") ?? "none"}")));
        });
        Assert.Equal(8, sweep.Cache!.Available);
        sweep.Cache.Save();
        Assert.True(File.Exists(sweep.Cache.Path));
    }

    public void Dispose() => cacheFolder.Dispose();
}
