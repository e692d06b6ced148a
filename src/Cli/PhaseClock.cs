using System.Diagnostics;

namespace Sweep.Cli;

/// <summary>
/// Where a command's time goes, for profiling: with SWEEP_TIMINGS=1 in the environment each
/// <see cref="Mark"/> prints "timing: PHASE S s, CPU C s, JIT J s, M methods (process T s, CPU P s)" on stderr, the seconds since the
/// previous mark and since the process started, and the JIT's share ("JIT J s, M methods": compilation
/// time on all threads and methods compiled since the previous mark); otherwise it does nothing.
/// </summary>
public static class PhaseClock
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("SWEEP_TIMINGS") == "1";
    private static TimeSpan last;
    private static TimeSpan lastProcessor;
    private static TimeSpan lastJit;
    private static long lastMethods;

    /// <summary>Reports the phase that has just ended.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled) return;
        using var process = Process.GetCurrentProcess();
        var (now, processor) = (DateTime.Now - process.StartTime, process.TotalProcessorTime);
        var (jit, methods) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
        Console.Error.WriteLine(FormattableString.Invariant(
            $"timing: {phase} {(now - last).TotalSeconds:F3} s, CPU {(processor - lastProcessor).TotalSeconds:F3} s, JIT {(jit - lastJit).TotalSeconds:F3} s, {methods - lastMethods} methods (process {now.TotalSeconds:F3} s, CPU {processor.TotalSeconds:F3} s)"));
        (last, lastProcessor, lastJit, lastMethods) = (now, processor, jit, methods);
    }
}
