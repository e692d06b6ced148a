using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Faults;

/// <summary>A test that needs to mount a tmpfs: skipped, with the reason, where that is impossible (not root, no mount).</summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        var (disk, reason) = SmallDisk.Mount("64k");
        disk?.Dispose();
        return disk is null ? $"needs a tmpfs to fill: {reason}" : null;
    });

    public TmpfsFactAttribute()
    {
        if (Unavailable.Value is { } reason) Skip = reason;
    }
}

/// <summary>
/// A real full disk and a real read-only file system (a small tmpfs), against the real `sweep`
/// process: one line naming the file and the cause, exit 1 for a write that fails at run time and
/// 2 for an output folder that cannot be written from the start, finished runs intact, no temporary file.
/// </summary>
public class RealFileSystemFaultTests
{
    private static string[] Sweep(string output, string seeds) =>
        ["run", .. Tiny(output, "--batch-sizes", "8", "--seeds", seeds, "--quiet")];

    [TmpfsFact]
    public void Run_on_a_full_200k_disk_exits_1_naming_config_json()
    {
        var (disk, _) = SmallDisk.Mount("200k");
        using var mounted = disk!;
        mounted.Fill();
        var output = Path.Combine(mounted.Root, "out");

        var (code, _, error) = SweepProcess.Run(Sweep(output, "1"));

        FaultAssert.OneLine(code, error, 1, $"cannot write {Path.Combine(output, "config.json")}: no space left on device");
        FaultAssert.NoTemporaryFiles(mounted.Root);
        Assert.False(File.Exists(Path.Combine(output, "config.json")));
    }

    [TmpfsFact]
    public void Find_on_a_full_200k_disk_exits_1_naming_its_first_file()
    {
        var (disk, _) = SmallDisk.Mount("200k");
        using var mounted = disk!;
        mounted.Fill();
        var output = Path.Combine(mounted.Root, "out");

        var (code, _, error) = SweepProcess.Run(["find", .. Tiny(output, "--quiet")]);

        FaultAssert.OneLine(code, error, 1, $"cannot write {Path.Combine(output, "curve.csv")}: no space left on device");
        FaultAssert.NoTemporaryFiles(mounted.Root);
    }

    [TmpfsFact]
    public void A_disk_that_fills_mid_sweep_keeps_the_finished_runs()
    {
        var (disk, _) = SmallDisk.Mount("8m");
        using var mounted = disk!;
        var output = Path.Combine(mounted.Root, "out");
        Assert.Equal(0, SweepProcess.Run(Sweep(output, "1")).ExitCode);
        var before = FaultAssert.Snapshot(output)!;
        mounted.Fill();

        var (code, _, error) = SweepProcess.Run(Sweep(output, "2"));

        FaultAssert.OneLine(code, error, 1, $"cannot write {Path.Combine(output, "runs", "bs8-seed1.json")}: no space left on device");
        FaultAssert.NoTemporaryFiles(mounted.Root);
        FaultAssert.Unchanged(output, before);
    }

    [TmpfsFact]
    public void A_read_only_output_folder_is_refused_up_front_with_exit_2_and_left_as_it_was()
    {
        var (disk, _) = SmallDisk.Mount("8m");
        using var mounted = disk!;
        var output = Path.Combine(mounted.Root, "out");
        Assert.Equal(0, SweepProcess.Run(Sweep(output, "1")).ExitCode);
        var before = FaultAssert.Snapshot(output)!;
        mounted.MakeReadOnly();

        var rerun = SweepProcess.Run(Sweep(output, "2"));
        FaultAssert.OneLine(rerun.ExitCode, rerun.Error, 2, $"cannot write to output folder '{output}' (read-only file system)");
        var find = SweepProcess.Run(["find", .. Tiny(Path.Combine(mounted.Root, "find"), "--quiet")]);
        FaultAssert.OneLine(find.ExitCode, find.Error, 2, "read-only file system");
        FaultAssert.Unchanged(output, before);
    }
}
