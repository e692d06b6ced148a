using Sweep.Domain;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// Cuts batches out of tensors prepared once, following a Domain <see cref="BatchPlan"/>: draw d
/// takes the plan's batch d with <c>index_select</c> on a view of the epoch's index tensor, so no
/// per-sample tensor is ever created and the sample order is a pure function of the draw number.
/// The epoch's index tensor is built once per epoch and lives outside any step's dispose scope.
/// The inputs can also be looked up by a function of the index tensor instead of cut from one
/// tensor: cached features (<see cref="Transfer.FeatureCache"/>) are computed when first drawn.
/// </summary>
public sealed class BatchSource : IDisposable
{
    private readonly Func<Tensor, Tensor> inputsAt;
    private readonly Tensor labels;
    private readonly Device device;
    private int cachedEpoch = -1;
    private int[] epochOrder = [];
    private Tensor? epochIndex;

    /// <summary>A source over <paramref name="features"/> [N, ...] and <paramref name="labels"/> [N], on <paramref name="device"/> (default: the features' device).</summary>
    public BatchSource(Tensor features, Tensor labels, BatchPlan plan, Device? device = null)
    {
        if (features.shape[0] != labels.shape[0])
            throw new ArgumentException($"features have {features.shape[0]} samples but labels {labels.shape[0]}; give one label per sample.");
        inputsAt = index => features.index_select(0, index);
        this.labels = labels;
        this.device = device ?? features.device;
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
    public BatchSource(Data.TensorDataset data, BatchPlan plan, Device? device = null)
        : this(data.Features, data.Labels, plan, device) { }

    /// <summary>The plan this source follows.</summary>
    public BatchPlan Plan { get; }

    /// <summary>Samples available.</summary>
    public long Count => labels.shape[0];

    /// <summary>The inputs and targets of draw <paramref name="draw"/>, on the source's device. Dispose them (or draw inside a dispose scope).</summary>
    public (Tensor Inputs, Tensor Targets) Draw(int draw)
    {
        var epoch = Plan.Epoch(draw);
        if (epoch != cachedEpoch) LoadEpoch(epoch);
        var segment = Plan.Cut(epochOrder, draw);
        using var index = epochIndex!.narrow(0, segment.Offset, segment.Count);
        var inputs = inputsAt(index);
        var targets = labels.index_select(0, index);
        return (inputs.device == device ? inputs : inputs.to(device), targets.device == device ? targets : targets.to(device));
    }

    private void LoadEpoch(int epoch)
    {
        epochOrder = Plan.EpochOrder(epoch);
        epochIndex?.Dispose();
        var largest = epochOrder.Length == 0 ? -1 : epochOrder.Max();
        if (largest >= Count)
            throw new ArgumentException($"the batch plan asks for sample {largest} but there are only {Count}; check the plan against the data.");
        epochIndex = tensor(epochOrder.Select(index => (long)index).ToArray(), device: labels.device).DetachFromDisposeScope();
        cachedEpoch = epoch;
    }

    /// <inheritdoc />
    public void Dispose() => epochIndex?.Dispose();
}
