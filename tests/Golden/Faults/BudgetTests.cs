using Sweep.Domain;
using Sweep.Training.Data;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Faults;

/// <summary>
/// Budgets checked before anything is allocated: cells in a sweep, a model's memory, an image's pixels.
/// Expected numbers are worked out by hand from the formulas in the doc comments.
/// </summary>
[Collection(TorchCollection.Name)]
public class BudgetTests
{
    [Fact]
    public void An_mlp_of_two_65536_wide_layers_on_fashion_mnist_holds_52_GB_with_sgd_momentum()
    {
        // P = 785·65536 + 65537·65536 + 65537·10 = 4,347,133,962; weights 4·P·(2 + 1) bytes.
        var estimate = ModelMemory.Mlp(784, [65536, 65536], 10, batch: 64, optimizerSlots: 1);
        Assert.Equal(4_347_133_962, estimate.Parameters);
        Assert.Equal(52_165_607_544, estimate.WeightBytes);
        // 4·2·64·(784 + 2·131072 + 2·10) bytes.
        Assert.Equal(4L * 2 * 64 * (784 + 2 * 131_072 + 20), estimate.ActivationBytes);
        Assert.Equal("52.2 GB", ModelMemory.Show(estimate.WeightBytes));
    }

    [Fact]
    public void The_small_default_mlp_on_blobs_is_hundreds_of_parameters()
    {
        // 33·16 + 17·4 = 596 parameters; adam keeps two moments: 4·596·4 bytes.
        var estimate = ModelMemory.Mlp(32, [16], 4, batch: 8, optimizerSlots: ModelMemory.OptimizerSlots("adam", 0.9));
        Assert.Equal(596, estimate.Parameters);
        Assert.Equal(4 * 596 * 4, estimate.WeightBytes);
        Assert.Equal(0, ModelMemory.OptimizerSlots("sgd", 0));
        Assert.Equal(1, ModelMemory.OptimizerSlots("sgd", 0.9));
    }

    [Fact]
    public void A_sweep_of_more_than_10000_cells_is_refused_with_its_count()
    {
        var problem = SweepPlan.Create([8, 16, 32], Enumerable.Range(0, 5000).ToArray()).Match(_ => null, problem => problem);
        Assert.NotNull(problem);
        Assert.Equal("a sweep must have at most 10000 cells (batch sizes x seeds), got 3 x 5000 = 15000; give fewer seeds or batch sizes.", problem!.Message);
        Assert.True(SweepPlan.Create([8, 16], Enumerable.Range(0, 5000).ToArray()).IsRight);
    }

    [Fact]
    public void A_hundred_million_seeds_are_refused_at_once()
    {
        using var scratch = new Cli.Scratch();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = Run(["run", .. Tiny(scratch.Path("out"), "--batch-sizes", "8,16", "--seeds", "100000000")]);
        FaultAssert.Refused(outcome, 2, "--seeds 100000000 asks for more cells than a sweep may have (10000); give a count of at most 5000.");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_png_declaring_20000_by_20000_pixels_is_skipped_and_counted_not_decoded()
    {
        using var scratch = new Cli.Scratch();
        foreach (var label in new[] { "cats", "dogs" })
            for (var i = 0; i < 2; i++) Pictures.WriteSmall(scratch.Path("pets", label, $"{i}.png"), (byte)(40 + 80 * i));
        var bomb = Pictures.Bomb(20_000, 20_000);
        Assert.True(bomb.Length < 200, $"{bomb.Length} bytes");
        File.WriteAllBytes(scratch.Path("pets", "cats", "bomb.png"), bomb);

        var (dataset, report) = ImageFolder.Load(scratch.Path("pets"), new ImageFolderOptions(8, ImageChannels.Grey));
        using var _ = dataset;

        Assert.Equal(4, report.Loaded);
        var skipped = Assert.Single(report.Skipped);
        Assert.Equal("bomb.png", Path.GetFileName(skipped.Path));
        Assert.Equal("the image declares 20000x20000 pixels (400 megapixels, 1.6 GB to decode), over the budget of 50 megapixels; shrink it or remove it", skipped.Reason);
    }

    [Fact]
    public void The_pixel_budget_is_an_option_of_the_folder()
    {
        using var scratch = new Cli.Scratch();
        foreach (var label in new[] { "cats", "dogs" }) Pictures.WriteSmall(scratch.Path("pets", label, "a.png"), 90);
        // 12 × 12 = 144 pixels: a budget of 100 skips both, so the folder has nothing to learn from.
        var error = Assert.Throws<DataException>(() => ImageFolder.Load(scratch.Path("pets"), new ImageFolderOptions(8, ImageChannels.Grey) { MaximumPixels = 100 }));
        Assert.Contains("over the budget of 0 megapixels", error.Message);
    }

    [Fact]
    public void One_png_declaring_100000_by_100000_pixels_costs_one_line_not_the_run()
    {
        using var scratch = new Cli.Scratch();
        foreach (var label in new[] { "cats", "dogs" })
            for (var i = 0; i < 4; i++) Pictures.WriteSmall(scratch.Path("pets", label, $"{i}.png"), (byte)(30 + 50 * i));
        File.WriteAllBytes(scratch.Path("pets", "dogs", "huge.png"), Pictures.Bomb(100_000, 100_000));

        var outcome = Run(["find", "--data", scratch.Path("pets"), "--image-size", "8", "--hidden", "8", "--steps", "20", "--batch-size", "4",
            "--out", scratch.Path("out"), "--quiet"]);

        Assert.Equal(0, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sweep: skipped 1 of 9 files in ", line, StringComparison.Ordinal);
        Assert.Contains("huge.png: the image declares 100000x100000 pixels (10000 megapixels, 40 GB to decode), over the budget of 50 megapixels", line);
        Assert.True(File.Exists(scratch.Path("out", "curve.csv")));
    }
}
