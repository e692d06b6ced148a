using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Sweep.Training;

/// <summary>
/// libtorch's CPU matrix products run on Intel's MKL, linked into libtorch_cpu.so, and MKL chooses its
/// kernels by the vendor the processor names: anything but "GenuineIntel" gets its generic code,
/// whatever the processor can do. On the AMD EPYC (Zen 5, AVX-512) of docs/performance.md the
/// default MLP's training step at batch 256 took 1.5 ms on those kernels and 0.8 ms on the AVX-512
/// ones the same MKL picks once it takes the processor for one of Intel's.
/// <para>The vendor test is MKL's <c>mkl_serv_intel_cpu_true</c>, which asks CPUID once and keeps the
/// answer in a word of libtorch's data, negative until asked. Its callers inside libtorch reach it
/// without the dynamic symbol table, so no other definition can stand in for it, and
/// <c>MKL_DEBUG_CPU_TYPE</c> went with MKL 2020. <see cref="Enable"/> writes 1 to that word, after
/// checking that the exported function's code is exactly the caching test it expects
/// (<c>mov eax, [rip + d]; test eax, eax; js; ret</c>: 11 bytes) and that the word still holds −1,
/// "not asked yet": once MKL has asked (0 here), it has fixed its kernels, and writing the word would
/// only make the answer lie.
/// MKL still picks among its kernels by the processor's feature bits, so it never runs an instruction
/// the processor lacks; only the vendor's name stops counting.</para>
/// <para>The kernels decide the bits of every product, so a process calls this before its first one;
/// <c>sweep</c> does wherever it loads libtorch to train, and so does <see cref="CellPipeline"/>.</para>
/// </summary>
public static class MklDispatch
{
    private const string VendorTest = "mkl_serv_intel_cpu_true";

    // mov eax, [rip + d32] ... test eax, eax; js +1; ret
    private static readonly byte[] Prologue = [0x8B, 0x05];
    private static readonly byte[] Epilogue = [0x85, 0xC0, 0x78, 0x01, 0xC3];

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Test();

    private static readonly Lazy<bool> Enabled = new(Apply, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Lets MKL choose its kernels by what the processor can do rather than by its vendor, for this
    /// process (once; later calls do nothing), and says whether MKL now takes the processor as one it
    /// optimises for. Loads libtorch if it is not loaded yet. Where the test cannot be reached (not
    /// Linux on x64, a libtorch without MKL or with another build of it) it changes nothing and returns
    /// false, as it does when MKL has already chosen its kernels; on an Intel processor it changes
    /// nothing MKL would not have done. It never throws.
    /// </summary>
    public static bool Enable() => Enabled.Value;

    private static bool Apply()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return false;
        try
        {
            if (!LibTorchCpu.TryHandle(out var handle)) return false;
            if (!NativeLibrary.TryGetExport(handle, VendorTest, out var function)) return false;
            var code = new byte[11];
            Marshal.Copy(function, code, 0, code.Length);
            if (!code.AsSpan(0, 2).SequenceEqual(Prologue) || !code.AsSpan(6).SequenceEqual(Epilogue)) return false;
            var word = function + 6 + BinaryPrimitives.ReadInt32LittleEndian(code.AsSpan(2, 4));
            var answer = Marshal.ReadInt32(word);
            if (answer == 1) return true;  // an Intel processor, already asked
            if (answer != -1) return false;
            Marshal.WriteInt32(word, 1);
            return Marshal.GetDelegateForFunctionPointer<Test>(function)() == 1;
        }
        catch (Exception problem) when (problem is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
                                           or MarshalDirectiveException or TypeInitializationException or ExternalException)
        {
            return false;
        }
    }
}
