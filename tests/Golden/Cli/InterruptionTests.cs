using System.Diagnostics;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// Signals to a real `sweep run` process: a run of 200,000 steps (minutes of work) must stop within
/// a step of SIGINT or SIGTERM, keep the runs already finished, say so in one line and exit 130;
/// a second signal ends it at once. The time bounds are loose (seconds, against minutes), so a
/// loaded machine does not fail them; what they catch is a signal that is ignored until the end.
/// </summary>
public class InterruptionTests
{
    private static Process Start(string output, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("dotnet",
            ["exec", Path.Combine(AppContext.BaseDirectory, "sweep.dll"), "run", .. Tiny(output, "--steps", "200000", "--divergence", "inf", "--batch-sizes", "8", "--seeds", "2")])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    private static void Signal(Process process, string signal) =>
        Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    // Waits for the header line (the folder is claimed and the runs are about to start), then a little more.
    private static void WaitUntilTraining(Process process, List<string> lines)
    {
        var deadline = Stopwatch.StartNew();
        while (!lines.Any(line => line.StartsWith("sweep run:", StringComparison.Ordinal)))
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "no header line within a minute: " + string.Join(" | ", lines));
            Assert.False(process.HasExited, "exited early: " + string.Join(" | ", lines));
            Thread.Sleep(50);
        }

        Thread.Sleep(1500);
    }

    private static (Process Process, List<string> Lines) Launch(string output, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = Start(output, environment);
        var lines = new List<string>();
        process.ErrorDataReceived += (_, line) => { if (line.Data is { } text) lock (lines) lines.Add(text); };
        process.BeginErrorReadLine();
        process.StandardOutput.ReadToEndAsync();
        WaitUntilTraining(process, lines);
        return (process, lines);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void The_first_signal_stops_within_a_step_keeps_what_finished_and_exits_130(string signal)
    {
        using var scratch = new Scratch();
        var output = scratch.Path("out");
        var (process, lines) = Launch(output);
        var clock = Stopwatch.StartNew();
        Signal(process, signal);
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(20)), "still running 20 s after the signal");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:F1} s to stop");
        // The timed wait returns at exit; this one also waits for the last lines of the redirected stderr.
        process.WaitForExit();
        Assert.Equal(130, process.ExitCode);
        string[] said;
        lock (lines) said = [.. lines];
        Assert.Contains(said, line => line.StartsWith("sweep: interrupted;", StringComparison.Ordinal));
        Assert.DoesNotContain(said, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFiles(output, "*.tmp", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(output, "config.json")));
    }

    // It exits while a cell may be inside a libtorch call, so libtorch's exit-time destructors must not run (NativeTeardown).
    [Fact]
    public void A_second_signal_exits_at_once_without_libtorchs_teardown()
    {
        using var scratch = new Scratch();
        var log = scratch.Path("loader");
        var (process, _) = Launch(scratch.Path("out"), LoaderLog.Environment(log));
        Signal(process, "TERM");
        Signal(process, "TERM");
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(20)), "still running 20 s after two signals");
        Assert.Equal(130, process.ExitCode);
        var loader = LoaderLog.Read(log, "after two signals");
        Assert.True(LoaderLog.Names(loader, "init", "libtorch_cpu.so"));
        Assert.False(LoaderLog.Names(loader, "fini", "libtorch_cpu.so"));
    }
}
