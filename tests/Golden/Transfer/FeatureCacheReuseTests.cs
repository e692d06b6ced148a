using Sweep.Domain;
using Sweep.Golden.Tests.Data;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Transfer;
using TorchSharp;
using Xunit;

namespace Sweep.Golden.Tests.Transfer;

/// <summary>
/// A sweep whose cache file already holds every row its cells draw trains the heads on those rows
/// alone: the body is never built, and the curves are those of the sweep that computed the rows.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class FeatureCacheReuseTests : IDisposable
{
    private const int Size = 32;
    private const int Count = 24;
    private static readonly FinderOptions Finder = new(Preset.Fastai, Start: 1e-4, End: 1, Steps: 20, DivergenceFactor: double.PositiveInfinity);
    private static readonly SweepCell[] Cells = [new(4, 1), new(8, 2)];
    private readonly TemporaryFolder folder = new();

    [Fact]
    public void Transfer_a_complete_cache_does_not_build_the_body_and_gives_the_same_curves()
    {
        torch.set_num_threads(1);
        using var data = TransferData.Generated(BundledResNet.Backbone, Count, Size);

        RunResult[] first;
        using (var computing = CellPipeline.Open(BundledResNet.Backbone, data, Specs.Frozen, folder.Path))
        {
            Assert.False(computing.BodyBuilt);
            first = Cells.Select(cell => computing.RunCell(Finder, cell)).ToArray();
            Assert.True(computing.BodyBuilt);
            Assert.True(computing.Cache!.Computed > 0);
        }

        using var reading = CellPipeline.Open(BundledResNet.Backbone, data, Specs.Frozen, folder.Path);
        var second = Cells.Select(cell => reading.RunCell(Finder, cell)).ToArray();

        Assert.False(reading.BodyBuilt);
        Assert.Equal(0, reading.Cache!.Computed);
        for (var cell = 0; cell < Cells.Length; cell++)
        {
            Assert.Equal(first[cell].Curve.Stop, second[cell].Curve.Stop);
            Assert.Equal(first[cell].Curve.LearningRates, second[cell].Curve.LearningRates);
            Assert.Equal(first[cell].Curve.Losses, second[cell].Curve.Losses);
        }
    }

    [Fact]
    public void Transfer_a_cell_drawing_a_missing_row_builds_the_body()
    {
        torch.set_num_threads(1);
        using var data = TransferData.Generated(BundledResNet.Backbone, Count, Size);
        // Three steps of four draw at most twelve of the 24 samples.
        using (var computing = CellPipeline.Open(BundledResNet.Backbone, data, Specs.Frozen, folder.Path))
            computing.RunCell(Finder with { Steps = 3 }, new SweepCell(4, 1));

        using var extending = CellPipeline.Open(BundledResNet.Backbone, data, Specs.Frozen, folder.Path);
        Assert.InRange(extending.Cache!.Loaded, 1, Count / 2);
        Assert.False(extending.BodyBuilt);
        extending.Cache.Complete();

        Assert.True(extending.BodyBuilt);
        Assert.Equal(Count, extending.Cache.Available);
    }

    [Fact]
    public void Transfer_greyscale_inputs_with_a_complete_cache_make_no_images_and_read_no_weights()
    {
        torch.set_num_threads(1);
        var cell = new SweepCell(4, 1);
        RunResult first;
        using (var inputs = Greyscale(BundledResNet.Backbone))
        using (var computing = CellPipeline.Open(BundledResNet.Backbone, inputs, Specs.Frozen, folder.Path))
        {
            first = computing.RunCell(Finder, cell);
            Assert.True(inputs.ImagesMade);
        }

        using var backbone = BundledWeights.LoadResNet18();
        using var again = Greyscale(backbone);
        using var reading = CellPipeline.Open(backbone, again, Specs.Frozen, folder.Path);
        var second = reading.RunCell(Finder, cell);

        Assert.Equal(0, reading.Cache!.Computed);
        Assert.False(again.ImagesMade);
        Assert.False(backbone.WeightsLoaded);
        Assert.False(reading.BodyBuilt);
        Assert.Equal(first.Curve.LearningRates, second.Curve.LearningRates);
        Assert.Equal(first.Curve.Losses, second.Curve.Losses);
    }

    [Fact]
    public void Transfer_greyscale_inputs_are_keyed_by_their_pixels_and_size()
    {
        using var inputs = Greyscale(BundledResNet.Backbone);
        using var same = Greyscale(BundledResNet.Backbone);
        using var larger = Greyscale(BundledResNet.Backbone, Size + 32);
        using var fewer = Greyscale(BundledResNet.Backbone, count: 40);
        var key = FeatureCacheKey.Of(BundledResNet.Backbone, inputs);

        Assert.Equal(key, FeatureCacheKey.Of(BundledResNet.Backbone, same));
        Assert.NotEqual(key, FeatureCacheKey.Of(BundledResNet.Backbone, larger));
        Assert.NotEqual(key, FeatureCacheKey.Of(BundledResNet.Backbone, fewer));
        Assert.False(inputs.ImagesMade);
    }

    public void Dispose() => folder.Dispose();

    // The first samples of the shipped digits (8×8, pixels 0..16 scaled to 0..255), enlarged when asked.
    private static TransferInputs Greyscale(Backbone backbone, int size = Size, int count = 48)
    {
        using var all = Digits.Load(Normalisation.Scaled(Digits.MaximumPixel / 255.0));
        var first = new LabelledTensors(all.Name, all.Features.narrow(0, 0, count).clone(), all.Labels.narrow(0, 0, count).clone(), all.ClassNames, all.Normalisation);
        return TransferInputs.FromGreyscale(first, size, backbone.Normalisation);
    }
}
