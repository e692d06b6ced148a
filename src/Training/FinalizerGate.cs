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
    // One gate per process, shared by whoever holds it (two sweeps in one test host): a second
    // blocker would only queue behind the first, so holders are counted and the last one opens it.
    private static readonly Lock Sync = new();
    private static int holders;
    private static ManualResetEventSlim? opened;
    private int disposed;

    private FinalizerGate() { }

    /// <summary>Finalizable garbage a process may queue while the finalizers are held back.</summary>
    public const long QueueBudgetBytes = 256L << 20;

    /// <summary>
    /// Memory queued per parameter tensor per optimiser step while the finalizers are held back:
    /// measured 136 MB over 280,000 tensor-steps (two cells of 35,000 SGD-with-momentum steps of a
    /// four-tensor MLP: peak resident 435 MB on threads against 299 MB one after the other), about
    /// 490 bytes; doubled for Adam, which makes more Scalars per step.
    /// </summary>
    public const int QueuedBytesPerTensorStep = 1_000;

    /// <summary>Whether <paramref name="tensorSteps"/> (parameter tensors × optimiser steps) queue at most <see cref="QueueBudgetBytes"/> while the gate is shut.</summary>
    public static bool Affords(double tensorSteps) => tensorSteps * QueuedBytesPerTensorStep <= QueueBudgetBytes;

    /// <summary>
    /// Shuts the gate, or joins it when it is already shut: the finalizer thread is blocked once
    /// this returns. Null when the finalizer thread did not reach our object within
    /// <paramref name="wait"/> (then nothing is held back).
    /// </summary>
    public static FinalizerGate? TryShut(TimeSpan wait)
    {
        lock (Sync)
        {
            if (holders == 0)
            {
                var (open, entered) = (new ManualResetEventSlim(false), new ManualResetEventSlim(false));
                Plant(open, entered);
                GC.Collect();
                if (!entered.Wait(wait))
                {
                    open.Set();
                    return null;
                }

                opened = open;
            }

            holders++;
            return new FinalizerGate();
        }
    }

    /// <summary>Leaves the gate; the last holder opens it and the finalizers held back run. Leaving twice is harmless.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        lock (Sync)
        {
            if (--holders > 0) return;
            opened!.Set();
            opened = null;
        }
    }

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
