using Sweep.Training;

namespace Sweep.Cli;

/// <summary>
/// Loads libtorch on a second thread while the main thread parses, validates and reads the data.
/// Loading it costs about 0.4 s of one core (460 MB of relocations and operator registrations),
/// as much as reading and standardising the shipped data, and a sweep's main thread needs it only
/// when it makes its first tensor; on a machine with a spare core the two overlap.
/// <para>The thread runs <see cref="Nnpack.Disable"/>, which loads libtorch through TorchSharp and
/// is computed once (a lazy value that makes a second caller wait for the first), so a caller on
/// the main thread that needs the switch set simply calls it again. The dynamic loader serialises
/// the loads themselves, so a tensor made on the main thread meanwhile waits for the library.</para>
/// <para><see cref="Dispose"/> waits for the thread: a process that exits while a library's
/// constructors are still running on another thread can crash in them, and bad input exits early.</para>
/// </summary>
public sealed class TorchPreload : IDisposable
{
    private readonly Thread thread;

    private TorchPreload()
    {
        thread = new Thread(() => Nnpack.Disable()) { IsBackground = true, Name = "libtorch load" };
        thread.Start();
    }

    /// <summary>Starts loading libtorch on another thread.</summary>
    public static TorchPreload Start() => new();

    /// <summary>Waits until the load has finished.</summary>
    public void Dispose() => thread.Join();
}
