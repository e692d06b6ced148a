using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// Adapters that give a range test its batches from what a TorchSharp user already has (see
/// <see cref="SequenceBatches{TBatch}"/> for how a sequence is read, restarted and freed). Device
/// placement is the caller's: the batches are used on the device they come on.
/// </summary>
public static class Batches
{
    /// <summary>
    /// (input, target) pairs: a list, an iterator method, or a <c>DataLoader</c> whose collate
    /// function gives tensor pairs.
    /// </summary>
    public static SequenceBatches<(Tensor Input, Tensor Target)> From(IEnumerable<(Tensor Input, Tensor Target)> batches) =>
        new(batches, batch => (batch.Input, batch.Target));

    /// <summary>
    /// Dictionary batches, as TorchSharp's <c>torch.utils.data.DataLoader</c> over a <c>Dataset</c>
    /// gives them: the inputs under <paramref name="inputKey"/>, the targets under <paramref name="targetKey"/>.
    /// A missing key is a <see cref="KeyNotFoundException"/> naming the keys the batch has.
    /// </summary>
    public static SequenceBatches<Dictionary<string, Tensor>> From(IEnumerable<Dictionary<string, Tensor>> batches, string inputKey = "data", string targetKey = "label") =>
        new(batches, batch => (Lookup(batch, inputKey), Lookup(batch, targetKey)));

    /// <summary>
    /// Lists of tensors, as TorchSharp's <c>DataLoader</c> over a <c>TensorDataset</c> or an
    /// <c>IterableDataset</c> gives them: the inputs at <paramref name="inputIndex"/>, the targets at
    /// <paramref name="targetIndex"/>.
    /// </summary>
    public static SequenceBatches<IList<Tensor>> From(IEnumerable<IList<Tensor>> batches, int inputIndex = 0, int targetIndex = 1) =>
        new(batches, batch => (At(batch, inputIndex), At(batch, targetIndex)));

    /// <summary>Any batches, read as (inputs, targets) by <paramref name="select"/>.</summary>
    public static SequenceBatches<TBatch> From<TBatch>(IEnumerable<TBatch> batches, Func<TBatch, (Tensor Inputs, Tensor Targets)> select) =>
        new(batches, select);

    private static Tensor Lookup(Dictionary<string, Tensor> batch, string key) =>
        batch.TryGetValue(key, out var tensor)
            ? tensor
            : throw new KeyNotFoundException($"the batch has no \"{key}\" (it has {string.Join(", ", batch.Keys.Select(name => $"\"{name}\""))}); name the right keys in Batches.From.");

    private static Tensor At(IList<Tensor> batch, int index) =>
        index >= 0 && index < batch.Count
            ? batch[index]
            : throw new ArgumentOutOfRangeException(nameof(index), $"the batch has {batch.Count} tensors, so there is none at {index}; name the right positions in Batches.From.");
}
