using Sweep.Golden.Tests.Faults;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// The `sweep` process ends without the native libraries' exit-time destructors (NativeTeardown):
/// glibc's loader, asked to log (LD_DEBUG=files), names every library whose initialisers it calls
/// and, at a normal exit, every library whose finalisers it calls, libtorch's and the runtime's
/// (libcoreclr.so) among them. A process that skipped them logs the initialisers and no such
/// finaliser (`dotnet exec` unloads its host resolver, libhostfxr, before the end, and the loader
/// logs that one), and still exits with its own code, having removed the runtime's diagnostics
/// files.
/// </summary>
public class NativeTeardownTests
{
    private static (int ExitCode, string Out, string Loader) RunLogged(Scratch scratch, params string[] args)
    {
        var log = scratch.Path("loader");
        var (code, output, error) = SweepProcess.Tool(SweepProcess.Command[0], [.. SweepProcess.Command[1..], .. args], TimeSpan.FromMinutes(2),
            LoaderLog.Environment(log));
        return (code, output + error, LoaderLog.Read(log, error));
    }

    private static bool Finalised(string loader, string library) => LoaderLog.Names(loader, "fini", library);

    [Fact]
    public void A_finished_sweep_exits_0_without_running_libtorchs_or_the_runtimes_finalisers()
    {
        using var scratch = new Scratch();
        var (code, output, loader) = RunLogged(scratch, ["run", .. Tiny(scratch.Path("sweep"), "--batch-sizes", "8", "--seeds", "1", "--jobs", "1")]);
        Assert.True(code == 0, output);
        Assert.True(LoaderLog.Names(loader, "init", "libtorch_cpu.so"));
        Assert.False(Finalised(loader, "libtorch_cpu.so"));
        Assert.False(Finalised(loader, "libcoreclr.so"));
        Assert.True(File.Exists(scratch.Path("sweep", "report.html")), output);
    }

    [Fact]
    public void Bad_input_still_exits_2_through_the_same_ending()
    {
        using var scratch = new Scratch();
        var (code, output, loader) = RunLogged(scratch, ["run", .. Tiny(scratch.Path("sweep"), "--batch-sizes", "0")]);
        Assert.Equal(2, code);
        Assert.Contains("batch sizes must be positive", output);
        Assert.False(Finalised(loader, "libcoreclr.so"));
    }

    [Fact]
    public void The_runtime_removes_its_diagnostics_socket_and_debugger_pipes_before_the_ending()
    {
        using var scratch = new Scratch();
        var temporary = scratch.Path("tmp");
        Directory.CreateDirectory(temporary);
        var (code, output, _) = SweepProcess.Tool(SweepProcess.Command[0],
            [.. SweepProcess.Command[1..], "run", .. Tiny(scratch.Path("sweep"), "--batch-sizes", "8", "--seeds", "1", "--jobs", "1")],
            TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["TMPDIR"] = temporary, ["DOTNET_EnableDiagnostics"] = "1" });
        Assert.True(code == 0, output);
        // While it ran, the runtime kept dotnet-diagnostic-PID-*-socket and clr-debug-pipe-PID-*-{in,out} here
        // (diagnostics on, whatever this test's own environment says).
        Assert.Empty(Directory.GetFileSystemEntries(temporary));
    }
}

/// <summary>The C loader's log of one process (LD_DEBUG=files, LD_DEBUG_OUTPUT=PATH): which libraries it initialised and finalised.</summary>
internal static class LoaderLog
{
    /// <summary>The environment that makes the loader write its log to <paramref name="path"/> (it appends the process id).</summary>
    public static Dictionary<string, string> Environment(string path) => new() { ["LD_DEBUG"] = "files", ["LD_DEBUG_OUTPUT"] = path };

    /// <summary>The one log written at <paramref name="path"/>.PID; <paramref name="context"/> goes into the failure message.</summary>
    public static string Read(string path, string context)
    {
        // `dotnet exec` runs sweep in its own process: one log.
        var logs = Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".*");
        Assert.True(logs.Length == 1, $"expected one loader log, found {logs.Length}; {context}");
        return File.ReadAllText(logs[0]);
    }

    /// <summary>Whether the log says the loader called <paramref name="library"/>'s "init" or "fini" functions ("calling init: /path/libtorch_cpu.so", "calling fini: /path/libtorch_cpu.so [0]").</summary>
    public static bool Names(string loader, string what, string library) =>
        loader.Split('\n').Any(line => line.Contains($"calling {what}: ", StringComparison.Ordinal)
                                        && (line.TrimEnd().EndsWith($"/{library}", StringComparison.Ordinal) || line.Contains($"/{library} ", StringComparison.Ordinal)));
}
