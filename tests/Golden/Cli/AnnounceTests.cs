using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// `run` and `find` say what they train and where before training, end with the paths of the files
/// to open, and say none of it under --quiet (results and errors still print).
/// </summary>
[Collection(TorchCollection.Name)]
public class AnnounceTests
{
    // blobs: 2048 samples drawn by the seeded generator (Training/Data), fixed by its loader.
    private const string BlobsSamples = "2048 samples";

    [Fact]
    public void Run_header_names_data_size_model_plan_and_output_before_the_first_run()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        // One job: the header says how many run at a time only when more than one does (JobsTests).
        var outcome = Run(["run", .. Tiny(output, "--batch-sizes", "16,8", "--seeds", "2", "--jobs", "1")]);

        Assert.Equal(0, outcome.ExitCode);
        var lines = Lines(outcome.Error);
        var header = lines[0];
        Assert.StartsWith("sweep run: blobs (" + BlobsSamples + ")", header);
        foreach (var part in new[] { "model mlp (hidden 16)", "optimizer sgd", "exponential 0.001 -> 10 over 30 steps", "batch sizes 16,8 x seeds 0,1 (4 runs)", "output " + output })
            Assert.Contains(part, header);
        Assert.StartsWith("[1/4]", lines[1]);
        Assert.Equal(["report:  " + Path.Combine(output, "report.html"), "summary: " + Path.Combine(output, "sweep.json")], lines[^2..]);
        Assert.All(lines[^2..], line => Assert.True(File.Exists(line.Split(' ', 2)[1].Trim()), line));
    }

    [Fact]
    public void Find_header_names_data_size_model_batch_seed_and_output_and_ends_with_its_three_files()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("find");
        var outcome = Run(["find", .. Tiny(output, "--batch-size", "32", "--seed", "3")]);

        Assert.Equal(0, outcome.ExitCode);
        var lines = Lines(outcome.Error);
        Assert.StartsWith("sweep find: blobs (" + BlobsSamples + ")", lines[0]);
        foreach (var part in new[] { "model mlp (hidden 16)", "batch size 32, seed 3", "output " + output })
            Assert.Contains(part, lines[0]);
        string[] files = [Path.Combine(output, "finder.png"), Path.Combine(output, "curve.csv"), Path.Combine(output, "summary.json")];
        Assert.Equal(files, lines[^3..].Select(line => line.Split(' ', 2)[1].Trim()));
        Assert.All(files, file => Assert.True(File.Exists(file), file));
    }

    [Fact]
    public void Quiet_prints_no_header_progress_or_files_but_still_the_results_and_errors()
    {
        using var scratch = new Scratch();
        var run = Run(["run", .. Tiny(scratch.Path("sweep"), "--batch-sizes", "16,8", "--seeds", "1", "--quiet")]);
        var find = Run(["find", .. Tiny(scratch.Path("find"), "--quiet")]);
        var bad = Run(["find", .. Tiny(scratch.Path("bad"), "--batch-size", "999999", "--quiet")]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, find.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal("", find.Error);
        Assert.Contains("median min-loss lr", run.Out);
        Assert.Contains("suggested lr", find.Out);
        Assert.True(File.Exists(scratch.Path("sweep", "report.html")));
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("sweep: --batch-size 999999 is larger than the data", bad.Error);
    }

    [Fact]
    public void A_rerun_with_every_run_done_still_says_what_and_where()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, "--batch-sizes", "8", "--seeds", "1")]).ExitCode);
        var again = Run(["run", .. Tiny(output, "--batch-sizes", "8", "--seeds", "1")]);

        var lines = Lines(again.Error);
        Assert.StartsWith("sweep run: blobs (already run, not loaded)", lines[0]);
        Assert.Contains("[1/1] bs8-seed0: already done, kept", lines[1]);
        Assert.Equal("summary: " + Path.Combine(output, "sweep.json"), lines[^1]);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
