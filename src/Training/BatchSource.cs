using Sweep.Domain;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// Cuts batches out of tensors prepared once, following a Domain <see cref="BatchPlan"/>: draw d
/// takes the plan's batch d with <c>index_select</c> on a view of the epoch's index tensor, so no
/// per-sample tensor is ever created and the sample order is a pure function of the draw number.
/// The epoch's index tensor is built once per epoch and lives outside any step's dispose scope.
/// <para>With prefetching on, drawing d also starts gathering d + 1 on a worker thread, so the
/// gather (a memory-bound copy of random rows, a few percent of a small model's step) overlaps the
/// model's step instead of adding to it. The bits are the same either way.</para>
/// <para>The inputs can also be looked up by a function of the index tensor instead of cut from one
/// tensor: cached features (<see cref="Transfer.FeatureCache"/>) are computed when first drawn.
/// Such a source never prefetches: the lookup may fill a cache, which is not shared across threads.</para>
/// </summary>
public sealed class BatchSource : IBatchSource, IDisposable
{
    private readonly Func<Tensor, Tensor> inputsAt;
    private readonly Tensor labels;
    private readonly Device device;
    private readonly bool prefetch;
    private int cachedEpoch = -1;
    private int[] epochOrder = [];
    private Tensor? epochIndex;
    private Task<(Tensor Inputs, Tensor Targets)>? pending;
    private int pendingDraw = -1;

    /// <summary>A source over <paramref name="features"/> [N, ...] and <paramref name="labels"/> [N], on <paramref name="device"/> (default: the features' device).</summary>
    public BatchSource(Tensor features, Tensor labels, BatchPlan plan, Device? device = null, bool prefetch = false)
    {
        if (features.shape[0] != labels.shape[0])
            throw new ArgumentException($"features have {features.shape[0]} samples but labels {labels.shape[0]}; give one label per sample.");
        inputsAt = index => features.index_select(0, index);
        this.labels = labels;
        this.device = device ?? features.device;
        this.prefetch = prefetch;
        Plan = plan;
    }

    /// <summary>
    /// A source whose inputs are <paramref name="inputsAt"/> of the draw's int64 index tensor (on the
    /// labels' device; the inputs may come back on any device and are moved to <paramref name="device"/>),
    /// with targets cut from <paramref name="labels"/> [N].
    /// </summary>
    public BatchSource(Func<Tensor, Tensor> inputsAt, Tensor labels, BatchPlan plan, Device device)
    {
        this.inputsAt = inputsAt;
        this.labels = labels;
        this.device = device;
        Plan = plan;
    }

    /// <summary>A source over a prepared dataset.</summary>
    public BatchSource(Data.LabelledTensors data, BatchPlan plan, Device? device = null, bool prefetch = false)
        : this(data.Features, data.Labels, plan, device, prefetch) { }

    /// <summary>The plan this source follows.</summary>
    public BatchPlan Plan { get; }

    /// <summary>Samples available.</summary>
    public long Count => labels.shape[0];

    /// <summary>The inputs and targets of draw <paramref name="draw"/>, on the source's device, owned by the caller's dispose scope.</summary>
    public (Tensor Inputs, Tensor Targets) Draw(int draw)
    {
        (Tensor Inputs, Tensor Targets) batch;
        if (pending is not null && pendingDraw == draw)
        {
            // Made on the worker thread, outside any scope: fresh handles made here join the caller's scope.
            var (inputs, targets) = pending.GetAwaiter().GetResult();
            pending = null;
            batch = (inputs.detach(), targets.detach());
            inputs.Dispose();
            targets.Dispose();
        }
        else
        {
            DiscardPending();
            batch = Gather(IndexOf(draw));
        }

        if (prefetch)
        {
            var next = IndexOf(draw + 1).DetachFromDisposeScope();
            pendingDraw = draw + 1;
            pending = Task.Run(() =>
            {
                using (next) return Gather(next);
            });
        }

        return batch;
    }

    // A view of the epoch's index tensor holding draw's sample indices; loads the epoch when it changes.
    private Tensor IndexOf(int draw)
    {
        var epoch = Plan.Epoch(draw);
        if (epoch != cachedEpoch) LoadEpoch(epoch);
        var segment = Plan.Cut(epochOrder, draw);
        return epochIndex!.narrow(0, segment.Offset, segment.Count);
    }

    private (Tensor Inputs, Tensor Targets) Gather(Tensor index)
    {
        var inputs = inputsAt(index);
        var targets = labels.index_select(0, index);
        if (inputs.device == device && targets.device == device) return (inputs, targets);
        // On the worker thread no scope would free the host copies: free them here.
        using (inputs)
        using (targets)
            return (inputs.to(device), targets.to(device));
    }

    private void LoadEpoch(int epoch)
    {
        epochOrder = Plan.EpochOrder(epoch);
        var largest = epochOrder.Length == 0 ? -1 : epochOrder.Max();
        if (largest >= Count)
            throw new ArgumentException($"the batch plan asks for sample {largest} but there are only {Count}; check the plan against the data.");
        // No gather is running here: Draw consumes or discards the pending one before asking for an index.
        epochIndex?.Dispose();
        epochIndex = tensor(epochOrder.Select(index => (long)index).ToArray(), device: labels.device).DetachFromDisposeScope();
        cachedEpoch = epoch;
    }

    private void DiscardPending()
    {
        if (pending is null) return;
        var (inputs, targets) = pending.GetAwaiter().GetResult();
        inputs.Dispose();
        targets.Dispose();
        pending = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        DiscardPending();
        epochIndex?.Dispose();
    }
}
