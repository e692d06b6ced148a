using System.Runtime.InteropServices;

namespace Sweep.Training;

/// <summary>
/// glibc's malloc settings for a training process. By default glibc serves a request of 128 KiB or
/// more with its own mmap and gives it back with munmap when freed, and it raises that threshold only
/// up to the largest block freed so far; it also trims the heap top once 128 KiB lie free there. A
/// training step allocates and frees the same few large buffers (activations, gradients, im2col
/// scratch) every step, so each step maps fresh pages and faults every one of them in again: on a
/// 2-core machine the CNN at batch 64 spent more time in the kernel than in arithmetic (27 ms per
/// step, about 50 s of system time per bench). Keeping freed blocks in the heap makes the next step
/// reuse pages that are already resident:
/// <list type="bullet">
/// <item>M_MMAP_THRESHOLD = 32 MiB (glibc's upper bound on 64-bit): blocks below it come from the heap;</item>
/// <item>M_TRIM_THRESHOLD = 256 MiB: free memory at the heap top is returned only beyond that;</item>
/// <item>M_TOP_PAD = 16 MiB: each heap extension asks the kernel for that much more, so fewer brk calls.</item>
/// </list>
/// Setting any of them turns off glibc's dynamic threshold, so the values hold for the whole
/// process. The cost is that up to <see cref="TrimThreshold"/> of freed memory stays mapped.
/// </summary>
public static class NativeMemory
{
    /// <summary>Requests below this many bytes are served from the heap rather than mapped one by one.</summary>
    public const int MmapThreshold = 32 << 20;

    /// <summary>Free bytes at the heap top kept rather than returned to the kernel.</summary>
    public const int TrimThreshold = 256 << 20;

    /// <summary>Extra bytes asked of the kernel whenever the heap grows.</summary>
    public const int TopPad = 16 << 20;

    // mallopt's parameter numbers (malloc.h).
    private const int MTrimThreshold = -1;
    private const int MTopPad = -2;
    private const int MMmapThreshold = -3;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Mallopt(int parameter, int value);

    private static readonly Lazy<bool> Tuned = new(Apply, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Applies the settings above once per process and says whether they are in force. Call it at
    /// start-up, before large tensors are allocated (later calls do nothing). Only on Linux with
    /// glibc; anywhere else (Windows, macOS, musl) it does nothing and returns false, and it never
    /// throws.
    /// </summary>
    public static bool TuneAllocator() => Tuned.Value;

    private static bool Apply()
    {
        try
        {
            if (!Glibc.TryLoad(out var libc) || !NativeLibrary.TryGetExport(libc, "mallopt", out var address)) return false;
            var mallopt = Marshal.GetDelegateForFunctionPointer<Mallopt>(address);
            // mallopt returns 1 on success and 0 for a value it refuses.
            return (mallopt(MMmapThreshold, MmapThreshold) & mallopt(MTrimThreshold, TrimThreshold) & mallopt(MTopPad, TopPad)) == 1;
        }
        catch (Exception problem) when (problem is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or MarshalDirectiveException)
        {
            return false;
        }
    }
}
