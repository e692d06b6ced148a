using System.Runtime.InteropServices;

namespace Sweep.Training;

/// <summary>
/// The C library when it is glibc, for the process settings only glibc has (<see cref="NativeMemory"/>'s
/// malloc thresholds, the command's exit without native teardown). gnu_get_libc_version exists only
/// in glibc: musl, for one, also exports a mallopt, which ignores everything.
/// </summary>
public static class Glibc
{
    /// <summary>The handle of libc.so.6 when this is Linux with glibc; false anywhere else.</summary>
    public static bool TryLoad(out IntPtr handle)
    {
        handle = IntPtr.Zero;
        return OperatingSystem.IsLinux()
               && NativeLibrary.TryLoad("libc.so.6", out handle)
               && NativeLibrary.TryGetExport(handle, "gnu_get_libc_version", out _);
    }
}
