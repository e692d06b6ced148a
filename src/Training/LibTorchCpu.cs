using System.Runtime.InteropServices;
using TorchSharp;

namespace Sweep.Training;

/// <summary>
/// The handle of the libtorch_cpu.so already in the process, for the settings TorchSharp does not
/// expose (<see cref="Nnpack"/>, <see cref="MklDispatch"/>): by name first, then beside the
/// application, where the packages put it.
/// </summary>
internal static class LibTorchCpu
{
    private const string Library = "libtorch_cpu.so";

    /// <summary>Loads TorchSharp's natives if needed, then finds libtorch_cpu.so; false when it cannot be found.</summary>
    public static bool TryHandle(out IntPtr handle)
    {
        // Loads TorchSharp's natives, so that the name below finds the libtorch already in the process.
        torch.get_num_threads();
        return NativeLibrary.TryLoad(Library, out handle)
               || NativeLibrary.TryLoad(Path.Combine(AppContext.BaseDirectory, Library), out handle);
    }
}
