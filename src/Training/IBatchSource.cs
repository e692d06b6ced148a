using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// Where a range test reads its batches: draw d is the d-th batch of the run, counted from 0 across
/// optimiser steps and micro-batches (with accumulation k, step s reads draws s·k … s·k + k − 1).
/// A run starts at draw 0 and asks for them in order; a held-out source is asked for draws
/// 0 … n − 1 again after every step. The same draw number must give the same batch for a run to be
/// repeatable.
/// <para>Implementations: <see cref="BatchSource"/> (in-memory tensors cut by a Domain
/// <see cref="Domain.BatchPlan"/>) and the adapters of <see cref="Batches"/> (any sequence of
/// batches, TorchSharp's <c>DataLoader</c>).</para>
/// </summary>
public interface IBatchSource
{
    /// <summary>
    /// The inputs and targets of draw <paramref name="draw"/> (≥ 0). Tensors made by the draw join
    /// the caller's dispose scope; the device is the source's, never changed by the range test.
    /// </summary>
    (Tensor Inputs, Tensor Targets) Draw(int draw);
}
