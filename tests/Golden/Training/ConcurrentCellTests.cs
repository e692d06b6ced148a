using System.Runtime.CompilerServices;
using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;
using TorchSharp;
using Xunit;

namespace Sweep.Golden.Tests.Training;

/// <summary>
/// Cells of a catalogue model on two threads (what `run --jobs` does for one) give the bits they give
/// one after the other, and survive collections during libtorch calls while the finalizers are held
/// back (<see cref="FinalizerGate"/>). Without the gate, two such cells with collections back to
/// back crashed (about one run in two) in SGD's mul_ on a Scalar the finalizer had freed ("Expected false to be true", "Unknown scalar type").
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ConcurrentCellTests
{
    private static readonly FinderOptions Finder = new(Preset.Fastai, Start: 1e-3, End: 1e-2, Steps: 5_000, DivergenceFactor: double.PositiveInfinity);

    [Fact]
    public void Cells_on_two_threads_under_constant_collections_give_the_bits_of_cells_one_after_the_other()
    {
        torch.set_num_threads(1);
        using var data = DataCatalogue.Load("blobs");
        using var pipeline = CellPipeline.Open(data, new CellRecipe(Specs.Mlp(16), Specs.Sgd()));
        Assert.True(pipeline.RunsCellsConcurrently);
        SweepCell[] cells = [new(8, 0), new(8, 1)];
        var alone = cells.Select(cell => pipeline.RunCell(Finder, cell)).ToArray();

        var together = new RunResult[cells.Length];
        using (var gate = FinalizerGate.TryShut(TimeSpan.FromSeconds(10)))
        {
            Assert.NotNull(gate);
            var stop = false;
            // Young-generation collections back to back from a third thread: far more than a sweep's own threads cause.
            var collector = new Thread(() =>
            {
                while (!Volatile.Read(ref stop)) GC.Collect(0);
            });
            collector.Start();
            var threads = cells.Select((cell, index) => new Thread(() => together[index] = pipeline.RunCell(Finder, cell, prefetch: false))).ToArray();
            foreach (var thread in threads) thread.Start();
            foreach (var thread in threads) thread.Join();
            Volatile.Write(ref stop, true);
            collector.Join();
        }

        for (var index = 0; index < cells.Length; index++)
        {
            Assert.Equal(Finder.Steps, together[index].Curve.Points.Count);
            Assert.Equal(alone[index].Curve.Points.Select(point => point.Loss), together[index].Curve.Points.Select(point => point.Loss));
            Assert.Equal(alone[index].Curve.Points.Select(point => point.SmoothedLoss), together[index].Curve.Points.Select(point => point.SmoothedLoss));
        }
    }

    [Fact]
    public void While_the_gate_is_shut_no_finalizer_runs_and_opening_it_runs_them()
    {
        var finalized = new StrongBox<int>();
        var gate = FinalizerGate.TryShut(TimeSpan.FromSeconds(10));
        Assert.NotNull(gate);
        try
        {
            Assert.Equal(0, FinalizedAfterCollecting(finalized, 100));
        }
        finally
        {
            gate.Dispose();
        }

        GC.WaitForPendingFinalizers();
        Assert.Equal(100, Volatile.Read(ref finalized.Value));
    }

    [Fact]
    public void A_gate_shut_twice_holds_the_finalizers_until_both_holders_have_left()
    {
        var finalized = new StrongBox<int>();
        var first = FinalizerGate.TryShut(TimeSpan.FromSeconds(10));
        var second = FinalizerGate.TryShut(TimeSpan.FromSeconds(10));
        Assert.NotNull(first);
        Assert.NotNull(second);
        try
        {
            first.Dispose();
            first.Dispose();  // leaving twice counts once
            Assert.Equal(0, FinalizedAfterCollecting(finalized, 50));
        }
        finally
        {
            first.Dispose();
            second.Dispose();
        }

        GC.WaitForPendingFinalizers();
        Assert.Equal(50, Volatile.Read(ref finalized.Value));
    }

    [Fact]
    public void A_prefetching_cell_holds_the_finalizers_back_while_it_trains_and_not_after()
    {
        // RunCell's gatherer is a second thread allocating during the step's libtorch calls: RunCell
        // itself shuts the gate for the cell (its 30 steps of a four-tensor MLP fit the budget), so
        // garbage made and collected mid-cell is not finalized until the cell ends.
        var finalized = new StrongBox<int>();
        var duringCell = -1;
        using var data = DataCatalogue.Load("blobs");
        using var pipeline = CellPipeline.Open(data, new CellRecipe(Specs.Mlp(16), Specs.Sgd(0.9)));
        var finder = new FinderOptions(Preset.Fastai, Start: 1e-3, End: 1e-2, Steps: 30, DivergenceFactor: double.PositiveInfinity);
        var progress = new Inline(step =>
        {
            if (step.Step != 10) return;
            duringCell = FinalizedAfterCollecting(finalized, 20);
        });

        var result = pipeline.RunCell(finder, new SweepCell(16, 1), progress);

        Assert.Equal(30, result.Curve.Points.Count);
        Assert.Equal(0, duringCell);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(20, Volatile.Read(ref finalized.Value));
    }

    // Reports on the training thread, as it happens (Progress<T> would post to a context).
    private sealed class Inline(Action<StepProgress> report) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => report(value);
    }

    // Makes count finalizable objects, collects them and gives the finalizer thread 200 ms: how many
    // it finalized (all of them with the gate open, none while it is shut).
    private static int FinalizedAfterCollecting(StrongBox<int> counter, int count)
    {
        MakeGarbage(counter, count);
        GC.Collect();
        Thread.Sleep(200);
        return Volatile.Read(ref counter.Value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MakeGarbage(StrongBox<int> counter, int count)
    {
        for (var index = 0; index < count; index++) _ = new Counted(counter);
    }

    private sealed class Counted(StrongBox<int> counter)
    {
        ~Counted() => Interlocked.Increment(ref counter.Value);
    }
}
