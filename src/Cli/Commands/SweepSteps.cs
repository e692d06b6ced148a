using Sweep.Cli.Files;
using Sweep.Domain;
using Sweep.Training;

namespace Sweep.Cli.Commands;

/// <summary>The effectful steps of one sweep that `run` puts together: open the experiment, choose an auto range, measure the noise scale, run the cells.</summary>
internal static class SweepSteps
{
    /// <summary>
    /// Runs <paramref name="first"/> (if any), then the cells to do in order, saving each the moment
    /// it finishes; true when interrupted. With <paramref name="threads"/> above one, that many run
    /// side by side (<see cref="ConcurrentCells"/>, whose <see cref="ConcurrentCells.Count"/> says when they may).
    /// </summary>
    internal static bool RunCells(Experiment? experiment, ExperimentSpec spec, IReadOnlyList<SweepCell> cells, IReadOnlySet<SweepCell> todo,
        Action<RunResult> save, Terminal terminal, CancellationToken cancellation, int threads = 1, Action? first = null)
    {
        var progress = new RunProgress(terminal, cells.Count);
        if (threads > 1 && experiment is not null)
        {
            foreach (var cell in cells.Where(cell => !todo.Contains(cell))) progress.Skipped(cell.Key);
            return ConcurrentCells.Run(experiment, spec, cells.Where(todo.Contains).ToArray(), threads, first, save, progress, cancellation);
        }

        first?.Invoke();
        PhaseClock.Mark("noise scale");
        // The batch gatherer's allocations can start a collection during a libtorch call, like a second cell's (FinalizerGate).
        using var gate = ConcurrentCells.Affordable(experiment, spec, todo) ? FinalizerGate.TryShut(TimeSpan.FromSeconds(10)) : null;
        foreach (var cell in cells)
        {
            if (!todo.Contains(cell)) { progress.Skipped(cell.Key); continue; }
            if (cancellation.IsCancellationRequested) return true;
            var result = experiment!.RunCell(spec, cell, progress.Run(cell.Key), cancellation, prefetch: gate is not null);
            if (result.Curve.Stop == StopReason.Cancelled) return true;
            save(result);
            progress.Finished(cell.Key, Outcome(result));
        }

        return false;
    }

    /// <summary>How a finished run ended, for its progress line.</summary>
    internal static string Outcome(RunResult result) => $"{RunFile.StopName(result.Curve.Stop)} after {result.Curve.Points.Count} steps";

    /// <summary>The gradient noise scale, measured once per folder, and again when the batch sizes ask for other sizes than those saved.</summary>
    internal static void MeasureNoiseScale(Experiment experiment, string output, SweepPlan plan)
    {
        if (!experiment.MeasuresNoiseScale) return;
        var planned = NoiseScale.Plan(plan.BatchSizes, experiment.Data.Dataset.Count);
        var saved = NoiseScaleFile.Read(output);
        if (!NoiseScale.NeedsMeasurement(saved is null ? null : (saved.SmallBatch, saved.BigBatch), planned) || planned is not var (small, big)) return;
        NoiseScaleFile.Write(output, experiment.MeasureNoiseScale(small, big, NoiseScale.DefaultGroups * (big / small), plan.Seeds[0]));
    }

    /// <summary>
    /// The spec with the finder's range chosen by coarse passes (<see cref="AutoRange.CoarseFinder"/>
    /// on <see cref="AutoRange.CoarseCells"/>), combined by <see cref="AutoRange.Combine"/>: the request
    /// with that range, checked again. The coarse runs are deterministic, so every shard and every
    /// rerun picks the same range.
    /// </summary>
    internal static ExperimentSpec WithAutoRange(ExperimentRequest request, ExperimentSpec spec, Experiment experiment, SweepPlan plan, Terminal terminal)
    {
        TorchSharp.torch.set_num_threads(spec.Threads);
        var coarse = AutoRange.CoarseFinder(spec.Finder);
        var range = AutoRange.Combine(AutoRange.CoarseCells(plan)
            .Select(cell => AutoRange.Measured(experiment.RunCell(coarse, cell, null, CancellationToken.None).Curve)));
        if (range is null)
        {
            terminal.Error.WriteLine($"sweep: the coarse pass shows no clear fall in the loss; keeping --start {SpecificationText.Number(spec.Finder.Start)} and --end {SpecificationText.Number(spec.Finder.End)}.");
            return spec;
        }

        terminal.Narration.WriteLine($"auto range: the coarse pass puts the interesting range at {SpecificationText.Number(range.Start)} -> {SpecificationText.Number(range.End)}");
        return ExperimentInput.Specify(request with { Start = range.Start, End = range.End });
    }

    /// <summary>The data and model, checked against the plan's largest batch size, its memory and its step budget.</summary>
    internal static Experiment Open(ExperimentSpec spec, SweepPlan plan, string cacheFolder)
    {
        var experiment = Experiment.Open(spec, cacheFolder);
        var (count, largest) = (experiment.Count, plan.BatchSizes.Max());
        try
        {
            if (largest > count)
                throw new UsageException($"batch size {largest} is larger than the data ({count} samples); use batch sizes of at most {count}.");
            if (!spec.Model.IsPretrained) MemoryBudget.Check(spec, experiment.Data, largest);
            BudgetRun.Steps(spec, plan, count);
            return experiment;
        }
        catch
        {
            experiment.Dispose();
            throw;
        }
    }
}
