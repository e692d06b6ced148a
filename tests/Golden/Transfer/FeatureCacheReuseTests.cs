using Sweep.Domain;
using Sweep.Golden.Tests.Data;
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
        using (var computing = TransferSweep.Start(BundledResNet.Backbone, data, new TransferRecipe(), folder.Path))
        {
            Assert.False(computing.BodyBuilt);
            first = Cells.Select(cell => computing.RunCell(Finder, cell)).ToArray();
            Assert.True(computing.BodyBuilt);
            Assert.True(computing.Cache!.Computed > 0);
        }

        using var reading = TransferSweep.Start(BundledResNet.Backbone, data, new TransferRecipe(), folder.Path);
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
        using (var computing = TransferSweep.Start(BundledResNet.Backbone, data, new TransferRecipe(), folder.Path))
            computing.RunCell(Finder, new SweepCell(4, 1));

        using var extending = TransferSweep.Start(BundledResNet.Backbone, data, new TransferRecipe(), folder.Path);
        extending.Cache!.Complete();

        Assert.True(extending.BodyBuilt);
        Assert.Equal(Count, extending.Cache.Available);
    }

    public void Dispose() => folder.Dispose();
}
