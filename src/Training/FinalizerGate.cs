using System.Runtime.CompilerServices;

namespace Sweep.Training;

/// <summary>
/// Holds back .NET finalizers while several threads train with TorchSharp. TorchSharp's
/// <c>Scalar</c>, made implicitly from every number an optimiser passes to libtorch (momentum, the
/// step's alpha, the learning rate), frees its native value in its finalizer, and its last use is
/// reading the handle for the native call: from the moment that call starts the Scalar is garbage.
/// A collection started by another thread's allocation during the call queues it for
/// finalization, and the finalizer thread frees the native value while libtorch still reads it
/// (seen as "Expected false to be true" from <c>c10::Scalar::toDouble</c> in SGD's <c>mul_</c>,
/// two cells on two threads). One training thread needs another thread to allocate at that moment,
/// which is rare; two make it routine.
/// <para>While the gate is shut, an object of ours blocks the finalizer thread in its finalizer:
/// garbage is still collected, but nothing is finalized, so no native value is freed under a
/// running call. What waits in the queue (a few Scalars per parameter tensor per step) is freed
/// when the gate opens. Open it as soon as at most one thread still trains.</para>
/// <para>Anything that waits for the finalizers while the gate is shut (TorchSharp's factories do
/// when libtorch returns no tensor, before they report the error) waits until the gate opens.</para>
/// </summary>
public sealed class FinalizerGate : IDisposable
{
    private readonly ManualResetEventSlim opened = new(false);
    private readonly ManualResetEventSlim entered = new(false);

    private FinalizerGate() { }

    /// <summary>
    /// Shuts the gate: the finalizer thread is blocked once this returns. Null when the finalizer
    /// thread did not reach our object within <paramref name="wait"/> (then nothing is held back).
    /// </summary>
    public static FinalizerGate? TryShut(TimeSpan wait)
    {
        var gate = new FinalizerGate();
        Plant(gate.opened, gate.entered);
        GC.Collect();
        if (gate.entered.Wait(wait)) return gate;
        gate.Dispose();
        return null;
    }

    /// <summary>Opens the gate: the finalizers held back run on the finalizer thread. Opening twice is harmless.</summary>
    public void Dispose() => opened.Set();

    // Not inlined, so that no reference to the blocker outlives this frame and the collection finds it garbage.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Plant(ManualResetEventSlim opened, ManualResetEventSlim entered) => _ = new Blocker(opened, entered);

    private sealed class Blocker(ManualResetEventSlim opened, ManualResetEventSlim entered)
    {
        ~Blocker()
        {
            entered.Set();
            opened.Wait();
        }
    }
}
