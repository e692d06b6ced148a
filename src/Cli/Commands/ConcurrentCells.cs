using System.Runtime.ExceptionServices;
using Sweep.Domain;
using Sweep.Training;

namespace Sweep.Cli.Commands;

/// <summary>
/// Cells trained side by side on threads of this process (<see cref="Experiment.RunsCellsConcurrently"/>):
/// each thread takes the next cell in the plan's order until none is left, so the runs finish
/// roughly in order and an interruption leaves the earliest cells done. A cell is the same bits on
/// any thread; saving and progress happen one thread at a time. Threads rather than processes:
/// a worker process pays its own start-up (runtime, libtorch, data: about 1 s of CPU), as much as
/// the default sweep's range tests take on a core.
/// <para>Finalizers are held back while two or more threads train (<see cref="FinalizerGate"/>), so
/// the garbage they queue must fit in <see cref="FinalizerGate.QueueBudgetBytes"/>: a sweep whose steps would queue
/// more runs its cells one at a time.</para>
/// </summary>
internal static class ConcurrentCells
{
    /// <summary>How many of <paramref name="todo"/> run at once with <paramref name="jobs"/> jobs: up to <paramref name="jobs"/> on threads where allowed and affordable, else one.</summary>
    internal static int Count(Experiment? experiment, ExperimentSpec spec, IReadOnlyCollection<SweepCell> todo, int jobs) =>
        jobs >= 2 && todo.Count >= 2 && Affordable(experiment, spec, todo) ? Math.Min(jobs, todo.Count) : 1;

    /// <summary>Whether <paramref name="todo"/> may train with the finalizers held back: a catalogue model whose steps queue at most <see cref="FinalizerGate.QueueBudgetBytes"/>.</summary>
    internal static bool Affordable(Experiment? experiment, ExperimentSpec spec, IReadOnlyCollection<SweepCell> todo)
    {
        if (experiment is not { RunsCellsConcurrently: true }) return false;
        var steps = todo.Sum(cell => (double)experiment.Steps(spec, cell));
        return FinalizerGate.Affords(steps * experiment.ParameterTensors());
    }

    /// <summary>
    /// Runs <paramref name="first"/> (if any) and then the cells on <paramref name="threads"/>
    /// threads, calling <paramref name="save"/> for each finished run; true when interrupted. The
    /// first exception stops the threads from taking more cells and is rethrown as it was thrown.
    /// </summary>
    internal static bool Run(Experiment experiment, ExperimentSpec spec, IReadOnlyList<SweepCell> cells, int threads, Action? first,
        Action<RunResult> save, RunProgress progress, CancellationToken cancellation)
    {
        using var gate = FinalizerGate.TryShut(TimeSpan.FromSeconds(10));
        var (lockSave, next, interrupted) = (new Lock(), -1, false);
        var active = gate is null ? 1 : Math.Max(1, Math.Min(threads, cells.Count));
        ExceptionDispatchInfo? failure = null;
        var pendingFirst = first;

        void Work()
        {
            try
            {
                if (Interlocked.Exchange(ref pendingFirst, null) is { } action) action();
                int index;
                while (Volatile.Read(ref failure) is null && (index = Interlocked.Increment(ref next)) < cells.Count)
                {
                    var cell = cells[index];
                    if (cancellation.IsCancellationRequested) { Volatile.Write(ref interrupted, true); return; }
                    var result = experiment.RunCell(spec, cell, progress.Run(cell.Key), cancellation, prefetch: false);
                    if (result.Curve.Stop == StopReason.Cancelled) { Volatile.Write(ref interrupted, true); return; }
                    using var held = lockSave.EnterScope();
                    save(result);
                    progress.Finished(cell.Key, SweepSteps.Outcome(result));
                }
            }
            catch (Exception error)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(error), null);
            }
            finally
            {
                // One thread left training is no more exposed than a lone cell: let the queued finalizers run.
                if (Interlocked.Decrement(ref active) <= 1) gate?.Dispose();
            }
        }

        var workers = Enumerable.Range(0, active).Select(number => new Thread(Work) { Name = $"cells {number}" }).ToArray();
        foreach (var worker in workers) worker.Start();
        foreach (var worker in workers) worker.Join();
        failure?.Throw();
        return interrupted;
    }
}
