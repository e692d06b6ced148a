using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// A kill in the middle of an atomic write leaves a hidden ".NAME.PID.GUID.tmp" beside the file. The
/// next `sweep run` of that folder removes the ones older than any write could be, and leaves a
/// fresh one alone: it may belong to a shard on another machine writing at this moment.
/// </summary>
public class StaleTemporaryFileTests
{
    [Fact]
    public void A_rerun_removes_temporary_files_left_by_a_kill_and_keeps_fresh_ones()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("out");
        string[] command = ["run", .. Tiny(output), "--batch-sizes", "8", "--seeds", "1"];
        Assert.Equal(0, Run(command).ExitCode);
        var stale = new[] { Path.Combine(output, "runs", ".bs8-seed0.json.4242.0123456789abcdef.tmp"), Path.Combine(output, ".curves.csv.4242.fedcba9876543210.tmp") };
        var fresh = Path.Combine(output, "runs", ".bs8-seed1.json.77.00112233445566778899.tmp");
        foreach (var path in stale.Append(fresh)) File.WriteAllText(path, "{\"half\":");
        foreach (var path in stale) File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));

        Assert.Equal(0, Run(command).ExitCode);
        Assert.All(stale, path => Assert.False(File.Exists(path), path));
        Assert.True(File.Exists(fresh));
    }
}

/// <summary>`sweep find` refused for its input creates no output folder.</summary>
public class FindLeavesNothingTests
{
    [Theory]
    [InlineData("--batch-size", "100000")]
    [InlineData("--data", "no-such-dataset-or-folder")]
    public void Find_refused_for_its_input_creates_no_output_folder(string option, string value)
    {
        using var scratch = new Scratch();
        var output = scratch.Path("find-out");
        var outcome = Run(["find", .. Tiny(output), option, value]);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(output), "the refused command left its output folder behind");
    }
}
