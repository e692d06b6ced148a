using System.Runtime.InteropServices;
using Sweep.Training;

namespace Sweep.Cli;

/// <summary>
/// Ends the `sweep` process without the native libraries' exit-time destructors. libtorch's static
/// destructors take every operator kernel out of its dispatcher one at a time: about 85 ms after the
/// last file of a 2 s sweep is written, to tidy memory the kernel reclaims anyway.
/// <para><see cref="Skip"/> registers glibc's <c>_exit</c> as an <c>on_exit</c> handler. exit() runs
/// its handlers in the reverse order of registration, and libtorch registered its destructors when it
/// was loaded, so registered at the end of Main this one ends the process, with the status exit() was
/// given, before any handler registered earlier (only the exiting thread's thread-local destructors
/// and handlers registered later run first). on_exit passes the status and an argument; <c>_exit</c>
/// takes the status and, as the Linux calling conventions allow, ignores the second. The .NET
/// runtime's own shutdown, which runs ProcessExit handlers and removes the diagnostics socket and
/// debugger pipes from the temporary folder, has finished before exit() is called. What is skipped
/// is every native library's exit-time teardown, including tools that hook it (leak checkers such as
/// heaptrack or valgrind): SWEEP_NATIVE_TEARDOWN=1 in the environment keeps it.</para>
/// <para>_exit does not flush C stdio buffers, as exit() would after its handlers, so Skip flushes
/// them first, in case a native library left text there (MKL_VERBOSE=1 traces through stdio).</para>
/// <para>Only in the command's own process, never in a host that embeds the library, and only on
/// Linux with glibc; anywhere else it does nothing.</para>
/// </summary>
public static class NativeTeardown
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int OnExit(IntPtr handler, IntPtr argument);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Flush(IntPtr stream);

    /// <summary>Flushes C stdio and makes exit() end the process before the handlers registered so far; true when registered. Calling it again registers it again, which is harmless.</summary>
    public static bool Skip()
    {
        if (Environment.GetEnvironmentVariable("SWEEP_NATIVE_TEARDOWN") == "1") return false;
        try
        {
            if (!Glibc.TryLoad(out var libc)
                || !NativeLibrary.TryGetExport(libc, "on_exit", out var onExit)
                || !NativeLibrary.TryGetExport(libc, "fflush", out var fflush)
                || !NativeLibrary.TryGetExport(libc, "_exit", out var quickExit)) return false;
            Marshal.GetDelegateForFunctionPointer<Flush>(fflush)(IntPtr.Zero);
            return Marshal.GetDelegateForFunctionPointer<OnExit>(onExit)(quickExit, IntPtr.Zero) == 0;
        }
        catch (Exception problem) when (problem is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or MarshalDirectiveException)
        {
            return false;
        }
    }
}
