using System.Diagnostics;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Faults;

/// <summary>A test that needs tmux (installed with apt-get when missing): skipped, with the reason, where it can be neither found nor installed.</summary>
public sealed class TmuxFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        if (Found()) return null;
        if (SweepProcess.IsRoot)
        {
            SweepProcess.Tool("apt-get", ["install", "-y", "-q", "tmux"], TimeSpan.FromMinutes(5));
            if (!Found()) SweepProcess.Tool("sh", ["-c", "apt-get update -q && apt-get install -y -q tmux"], TimeSpan.FromMinutes(5));
        }

        return Found() ? null : "needs tmux for a pseudo-terminal, and 'apt-get install -y tmux' did not provide it";
    });

    private static bool Found()
    {
        try
        {
            return SweepProcess.Tool("tmux", ["-V"]).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public TmuxFactAttribute()
    {
        if (Unavailable.Value is { } reason) Skip = reason;
    }
}

/// <summary>
/// Ctrl-C typed at a real terminal (a tmux pseudo-terminal, the key sent with send-keys), not a
/// signal sent by kill: `sweep run` stops within seconds, prints one line, exits 130 and keeps the
/// runs that finished before the key, byte for byte.
/// </summary>
public class CtrlCTests
{
    [TmuxFact]
    public void Ctrl_C_at_a_terminal_exits_130_in_one_line_and_keeps_finished_runs()
    {
        using var scratch = new Cli.Scratch();
        var output = scratch.Path("out");
        var session = $"sweep-fault-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32];
        // Many short cells: several finish within seconds, the rest would take minutes.
        var sweep = string.Join(' ', SweepProcess.Command.Concat(["run", .. Tiny(output, "--steps", "3000", "--divergence", "inf", "--batch-sizes", "8", "--seeds", "300", "--quiet")])
            .Select(Quote));
        var shell = $"{sweep} 2> {Quote(scratch.Path("stderr.txt"))}; echo $? > {Quote(scratch.Path("exit.txt"))}";
        Assert.Equal(0, SweepProcess.Tool("tmux", ["new-session", "-d", "-s", session, "-x", "120", "-y", "40", shell]).ExitCode);
        try
        {
            var runs = Path.Combine(output, "runs");
            var waiting = Stopwatch.StartNew();
            while (!Directory.Exists(runs) || Directory.GetFiles(runs, "*.json").Length < 2)
            {
                Assert.True(waiting.Elapsed < TimeSpan.FromMinutes(2), "no two finished runs within two minutes: " + Read(scratch.Path("stderr.txt")));
                Assert.False(File.Exists(scratch.Path("exit.txt")), "sweep ended early: " + Read(scratch.Path("stderr.txt")));
                Thread.Sleep(100);
            }

            var finished = FaultAssert.Snapshot(runs)!;
            var clock = Stopwatch.StartNew();
            Assert.Equal(0, SweepProcess.Tool("tmux", ["send-keys", "-t", session, "C-c"]).ExitCode);
            while (!File.Exists(scratch.Path("exit.txt")) || Read(scratch.Path("exit.txt")).Length == 0)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "still running 20 s after Ctrl-C");
                Thread.Sleep(50);
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:F1} s to stop");
            Assert.Equal("130", Read(scratch.Path("exit.txt")));
            FaultAssert.OneLine(130, Read(scratch.Path("stderr.txt")), 130, "sweep: interrupted;");
            var after = FaultAssert.Snapshot(runs)!;
            Assert.All(finished, pair => Assert.Equal(pair.Value, after.GetValueOrDefault(pair.Key)));
            FaultAssert.NoTemporaryFiles(output);
        }
        finally
        {
            SweepProcess.Tool("tmux", ["kill-session", "-t", session]);
        }
    }

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : "";

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
