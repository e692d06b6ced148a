using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// Batches read from a sequence (a list, an iterator, TorchSharp's <c>DataLoader</c>) in order:
/// draw d is the sequence's d-th batch. When the sequence runs out it is enumerated again from the
/// start (a new epoch; a shuffling loader gives its next order), for as many draws as the schedule
/// needs. Asking for an earlier draw than the last (a new run, or a held-out source read again after
/// every step) enumerates it again from the start and skips ahead, so each run sees the sequence
/// from its first batch.
/// <para>Repeatable runs need a sequence that gives the same batches each time it is enumerated
/// (a list, a loader without shuffling or with a fixed order). An empty sequence, or one that gives
/// nothing when enumerated a second time (a one-shot iterator), is an
/// <see cref="InvalidOperationException"/> naming the fix.</para>
/// <para>Tensors the sequence makes while giving a batch join the caller's dispose scope (freed
/// with the step); anything else it makes meanwhile (a loader's own index tensors) stays the
/// sequence's. Batches are used where they are: move them to the model's device in the sequence
/// (or the loader's device argument).</para>
/// </summary>
/// <typeparam name="TBatch">What the sequence gives: a pair, a dictionary, a list of tensors.</typeparam>
public sealed class SequenceBatches<TBatch> : IBatchSource, IDisposable
{
    private readonly IEnumerable<TBatch> sequence;
    private readonly Func<TBatch, (Tensor Inputs, Tensor Targets)> select;
    private IEnumerator<TBatch>? enumerator;
    private int next;          // the draw the enumerator gives next
    private int passLength;    // batches given in the current pass
    private int firstPassLength = -1;

    /// <summary>Batches of <paramref name="sequence"/>, each read as inputs and targets by <paramref name="select"/>.</summary>
    public SequenceBatches(IEnumerable<TBatch> sequence, Func<TBatch, (Tensor Inputs, Tensor Targets)> select)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(select);
        this.sequence = sequence;
        this.select = select;
    }

    /// <summary>Batches in one pass of the sequence, once a pass has ended; null before.</summary>
    public int? BatchesPerPass => firstPassLength < 0 ? null : firstPassLength;

    /// <inheritdoc />
    public (Tensor Inputs, Tensor Targets) Draw(int draw)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(draw);
        if (enumerator is null || draw < next) Restart();
        while (next < draw) Advance(keep: false);
        return Advance(keep: true)!.Value;
    }

    // Moves to the next batch (starting a new pass when the sequence ends); returns it when kept.
    private (Tensor Inputs, Tensor Targets)? Advance(bool keep)
    {
        using var own = NewDisposeScope();
        if (!enumerator!.MoveNext())
        {
            EndPass();
            if (!enumerator.MoveNext()) throw NotRestartable();
        }

        passLength++;
        next++;
        var (inputs, targets) = select(enumerator.Current);
        Settle(own, [inputs, targets], keep);
        return keep ? (inputs, targets) : null;
    }

    // Tensors of the batch made in this scope go to the caller's scope when kept (freed here when
    // skipped); everything else made meanwhile is the sequence's own state and stays alive.
    private static void Settle(DisposeScope own, Tensor[] batch, bool keep)
    {
        var made = batch.Where(own.Contains).Distinct().ToArray();
        var rest = own.DisposablesView.Where(disposable => disposable is not Tensor tensor || !made.Contains(tensor)).ToArray();
        if (rest.Length > 0) own.Detach(rest);
        if (keep && made.Length > 0) own.MoveToOuter(made);
    }

    private void EndPass()
    {
        if (passLength == 0) throw NotRestartable();
        if (firstPassLength < 0) firstPassLength = passLength;
        passLength = 0;
        Open();
    }

    private void Restart()
    {
        Open();
        next = 0;
        passLength = 0;
    }

    private void Open()
    {
        enumerator?.Dispose();
        enumerator = null;
        // The enumerator's own state (a loader's order) outlives any step: made outside the caller's scope.
        using var own = NewDisposeScope();
        enumerator = sequence.GetEnumerator();
        own.Detach(own.DisposablesView.ToArray());
    }

    private InvalidOperationException NotRestartable() => firstPassLength < 0 && next == 0
        ? new("the batch sequence is empty: give at least one batch (a DataLoader over a non-empty dataset, or a list of (input, target) pairs).")
        : new($"the batch sequence gave nothing when enumerated again after {next} draws, so it cannot be restarted: give one that can be enumerated more than once (a List, an array, a DataLoader) instead of a one-shot iterator.");

    /// <summary>Ends the current enumeration; the sequence itself stays the caller's.</summary>
    public void Dispose()
    {
        enumerator?.Dispose();
        enumerator = null;
    }
}
