using Sweep.Domain;
using Sweep.Golden.Tests.Data;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Transfer;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace Sweep.Golden.Tests.Transfer;

/// <summary>
/// The feature cache of a frozen body: the same curves as computing the body for every batch, rows
/// computed lazily and reused across cells and invocations, a damaged or partial file detected and
/// rebuilt, and any change of weights or data giving another key. Small pictures (32 pixels) keep
/// the body cheap.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class FeatureCacheTests(ITestOutputHelper output) : IDisposable
{
    private const int Size = 32;
    private const int Count = 24;
    private static readonly FinderOptions Finder = new(Preset.Fastai, Start: 1e-4, End: 1, Steps: 20, DivergenceFactor: double.PositiveInfinity);
    private readonly TemporaryFolder folder = new();

    [Fact]
    public void Transfer_cached_and_uncached_sweeps_give_the_same_curves()
    {
        torch.set_num_threads(1);
        using var data = TransferData.Generated(BundledResNet.Backbone, Count, Size);
        SweepCell[] cells = [new(4, 1), new(8, 2)];

        var cached = Sweep(data, cache: true, cacheFolder: null, cells);
        var uncached = Sweep(data, cache: false, cacheFolder: null, cells);

        var largest = 0.0;
        for (var cell = 0; cell < cells.Length; cell++)
        {
            Assert.Equal(uncached[cell].Curve.Stop, cached[cell].Curve.Stop);
            Assert.Equal(uncached[cell].Curve.LearningRates, cached[cell].Curve.LearningRates);
            Assert.Equal(Finder.Steps, cached[cell].Curve.Points.Count);
            foreach (var (left, right) in uncached[cell].Curve.Losses.Zip(cached[cell].Curve.Losses))
            {
                Assert.True(double.IsFinite(left) && double.IsFinite(right));
                largest = Math.Max(largest, Math.Abs(left - right) / Math.Max(1, Math.Abs(left)));
            }
        }

        output.WriteLine($"largest relative loss difference cached vs uncached: {largest:E2}");
        Assert.True(largest < 1e-4, $"cached and uncached losses differ by {largest:E3}");
    }

    [Fact]
    public void Transfer_rows_are_computed_once_and_a_second_invocation_reads_them_from_the_file()
    {
        torch.set_num_threads(1);
        using var data = TransferData.Generated(BundledResNet.Backbone, Count, Size);

        using (var first = CellPipeline.Open(BundledResNet.Backbone, data, Specs.Frozen, folder.Path))
        {
            first.RunCell(Finder, new SweepCell(4, 1));
            var afterOne = first.Cache!.Computed;
            first.RunCell(Finder, new SweepCell(8, 2));

            Assert.Null(first.Cache.Discarded);
            Assert.Equal(0, first.Cache.Loaded);
            Assert.InRange(afterOne, 1, Count);
            Assert.Equal(first.Cache.Available, first.Cache.Computed);
            first.Cache.Complete();
            Assert.Equal(Count, first.Cache.Computed);
        }

        using var second = CellPipeline.Open(BundledResNet.Backbone, data, Specs.Frozen, folder.Path);
        second.RunCell(Finder, new SweepCell(4, 3));

        Assert.Equal(Count, second.Cache!.Loaded);
        Assert.Equal(0, second.Cache.Computed);
        Assert.Null(second.Cache.Discarded);
    }

    [Theory]
    [InlineData("damaged", "fails its checksum")]
    [InlineData("partial", "instead of")]
    [InlineData("empty", "instead of")]
    public void Transfer_a_damaged_or_partial_cache_file_is_detected_and_rebuilt(string harm, string reported)
    {
        torch.set_num_threads(1);
        using var data = TransferData.Generated(BundledResNet.Backbone, Count, Size);
        float[] expected;
        string path;
        using (var sweep = CellPipeline.Open(BundledResNet.Backbone, data, Specs.Frozen, folder.Path))
        {
            sweep.Cache!.Complete();
            sweep.Cache.Save();
            path = sweep.Cache.Path!;
            expected = Rows(sweep.Cache);
        }

        var bytes = File.ReadAllBytes(path);
        switch (harm)
        {
            case "damaged": bytes[bytes.Length / 2] ^= 0x40; File.WriteAllBytes(path, bytes); break;
            case "partial": File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]); break;
            default: File.WriteAllBytes(path, []); break;
        }

        using (var rebuilt = CellPipeline.Open(BundledResNet.Backbone, data, Specs.Frozen, folder.Path))
        {
            Assert.Contains(reported, rebuilt.Cache!.Discarded);
            Assert.Contains("rebuilding", rebuilt.Cache.Discarded);
            Assert.Equal(0, rebuilt.Cache.Loaded);
            rebuilt.Cache.Complete();
            Assert.Equal(Count, rebuilt.Cache.Computed);
            Assert.Equal(expected, Rows(rebuilt.Cache));
        }

        using var reopened = CellPipeline.Open(BundledResNet.Backbone, data, Specs.Frozen, folder.Path);
        Assert.Null(reopened.Cache!.Discarded);
        Assert.Equal(Count, reopened.Cache.Loaded);
        Assert.Equal(expected, Rows(reopened.Cache));
    }

    [Fact]
    public void Transfer_changed_data_or_weights_give_another_key_and_the_same_inputs_the_same_key()
    {
        using var data = TransferData.Generated(BundledResNet.Backbone, 6, Size);
        using var same = TransferData.Generated(BundledResNet.Backbone, 6, Size);
        using var otherPixels = TransferData.Generated(BundledResNet.Backbone, 6, Size, firstSeed: 2000);
        using var otherSize = TransferData.Generated(BundledResNet.Backbone, 6, Size + 32);
        using var fewer = TransferData.Generated(BundledResNet.Backbone, 5, Size);
        using var otherWeights = new Backbone("altered", BundledResNet.Backbone.BlocksPerStage,
            BundledResNet.Backbone.Weights.ToDictionary(entry => entry.Key, entry => entry.Value.clone()),
            BundledResNet.Backbone.Normalisation, BundledResNet.Backbone.ImageSize, new string('0', 64));

        var key = FeatureCacheKey.Of(BundledResNet.Backbone, data.Dataset);

        Assert.Equal(64, key.Length);
        Assert.Equal(key, FeatureCacheKey.Of(BundledResNet.Backbone, same.Dataset));
        Assert.NotEqual(key, FeatureCacheKey.Of(BundledResNet.Backbone, otherPixels.Dataset));
        Assert.NotEqual(key, FeatureCacheKey.Of(BundledResNet.Backbone, otherSize.Dataset));
        Assert.NotEqual(key, FeatureCacheKey.Of(BundledResNet.Backbone, fewer.Dataset));
        Assert.NotEqual(key, FeatureCacheKey.Of(otherWeights, data.Dataset));
    }

    [Fact]
    public void Transfer_a_file_written_for_other_inputs_is_not_used()
    {
        torch.set_num_threads(1);
        using var data = TransferData.Generated(BundledResNet.Backbone, 6, Size);
        using var other = TransferData.Generated(BundledResNet.Backbone, 6, Size, firstSeed: 2000);
        string path;
        using (var sweep = CellPipeline.Open(BundledResNet.Backbone, data, Specs.Frozen, folder.Path))
        {
            sweep.Cache!.Complete();
            sweep.Cache.Save();
            path = sweep.Cache.Path!;
        }

        // Another dataset's file copied under this one's name: right length and checksum, wrong key.
        var otherKey = FeatureCacheKey.Of(BundledResNet.Backbone, other.Dataset);
        File.Copy(path, FeatureCacheFile.PathOf(folder.Path, otherKey));
        using var misplaced = CellPipeline.Open(BundledResNet.Backbone, other, Specs.Frozen, folder.Path);

        Assert.Contains("was written for other inputs", misplaced.Cache!.Discarded);
        Assert.Equal(0, misplaced.Cache.Loaded);
    }

    public void Dispose() => folder.Dispose();

    private static RunResult[] Sweep(LoadedData data, bool cache, string? cacheFolder, SweepCell[] cells)
    {
        using var sweep = CellPipeline.Open(BundledResNet.Backbone, data, Specs.Frozen, cacheFolder, cacheFeatures: cache);
        return cells.Select(cell => sweep.RunCell(Finder, cell)).ToArray();
    }

    private static float[] Rows(FeatureCache cache)
    {
        using var scope = torch.NewDisposeScope();
        return cache.Rows(torch.arange(cache.Count, dtype: torch.int64)).data<float>().ToArray();
    }
}
