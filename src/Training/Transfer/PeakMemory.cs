namespace Sweep.Training.Transfer;

/// <summary>
/// The most memory this process has held at once (resident set, Linux's VmHWM), which is what a
/// benchmark of native tensors must read: the .NET heap does not see libtorch's allocations. On
/// Linux the mark can be reset (writing 5 to /proc/self/clear_refs), so one process can measure
/// several phases; elsewhere, or when the reset is refused, the peak counts from the process's start
/// and <see cref="Reset"/> says so by returning false.
/// </summary>
public static class PeakMemory
{
    /// <summary>Starts a new peak from the memory held now; false when the platform does not allow it.</summary>
    public static bool Reset()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The peak resident memory in bytes since the start or the last <see cref="Reset"/>.</summary>
    public static long Bytes()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(text => text.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line["VmHWM:".Length..].Trim().Split(' ')[0], out var kilobytes)) return kilobytes * 1024;
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            // Not Linux: fall through to what .NET reports.
        }

        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
