using System.Runtime.InteropServices;

namespace Sweep.Training;

/// <summary>
/// libtorch's NNPACK convolutions, switched off. libtorch asks NNPACK for every CPU convolution of a
/// batch of 16 or more, and where NNPACK does not recognise the processor (here a virtual AMD EPYC,
/// AVX2 and all) each such convolution logs "Could not initialize NNPACK! Reason: Unsupported hardware."
/// to stderr and falls back to its own kernels: dozens of lines for one ResNet forward, and nothing
/// gained. With the user switch off (PyTorch's <c>torch.backends.nnpack.set_flags(False)</c>)
/// libtorch goes to those same kernels without asking. TorchSharp does not expose the switch, so it is
/// set through libtorch's exported C++ functions <c>at::globalContext()</c> and
/// <c>at::Context::setUserEnabledNNPACK(bool)</c> (Itanium mangled names, a member function taking
/// the context as its first argument: Linux on x64 and arm64).
/// </summary>
public static class Nnpack
{

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetEnabled(IntPtr context, [MarshalAs(UnmanagedType.I1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.I1)]
    private delegate bool GetEnabled(IntPtr context);

    private static readonly Lazy<bool> Disabled = new(Apply, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Switches NNPACK off for this process (once; later calls do nothing) and says whether it is off.
    /// Loads libtorch if it is not loaded yet. Where the switch cannot be reached (another platform, a
    /// libtorch without those exports) it does nothing and returns false; it never throws.
    /// </summary>
    public static bool Disable() => Disabled.Value;

    private static bool Apply()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64)) return false;
        try
        {
            if (!LibTorchCpu.TryHandle(out var handle)) return false;
            if (!NativeLibrary.TryGetExport(handle, "_ZN2at13globalContextEv", out var global)
                || !NativeLibrary.TryGetExport(handle, "_ZN2at7Context20setUserEnabledNNPACKEb", out var set)
                || !NativeLibrary.TryGetExport(handle, "_ZNK2at7Context17userEnabledNNPACKEv", out var get)) return false;
            var context = Marshal.GetDelegateForFunctionPointer<GlobalContext>(global)();
            Marshal.GetDelegateForFunctionPointer<SetEnabled>(set)(context, false);
            return !Marshal.GetDelegateForFunctionPointer<GetEnabled>(get)(context);
        }
        catch (Exception problem) when (problem is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
                                           or MarshalDirectiveException or TypeInitializationException)
        {
            return false;
        }
    }
}
