using System.Diagnostics;

namespace Sweep.Cli;

/// <summary>
/// Where a command's time goes, for profiling: with SWEEP_TIMINGS=1 in the environment each
/// <see cref="Mark"/> prints "timing: PHASE S s (total T s)" on stderr, the seconds since the
/// previous mark and since the process started; otherwise it does nothing.
/// </summary>
public static class PhaseClock
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("SWEEP_TIMINGS") == "1";
    private static TimeSpan last;

    /// <summary>Reports the phase that has just ended.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled) return;
        var now = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Console.Error.WriteLine(FormattableString.Invariant($"timing: {phase} {(now - last).TotalSeconds:F3} s (process {now.TotalSeconds:F3} s)"));
        last = now;
    }
}
