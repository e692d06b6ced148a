using Sweep.Domain;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>What a sweep run from code gives back: every cell's result and the scaling report.</summary>
/// <param name="Results">One per cell, batch sizes in the order given, seeds within each.</param>
/// <param name="Report">How the suggestions scale with the batch size: the report `sweep run` prints and writes to sweep.json.</param>
public sealed record SweepResult(IReadOnlyList<RunResult> Results, ScalingReport Report)
{
    /// <summary>Every cell's result, in order; equal when the results are.</summary>
    public IReadOnlyList<RunResult> Results { get; init => field = ValueList<RunResult>.Of(value); } = ValueList<RunResult>.Of(Results);
}

/// <summary>
/// The batch-size sweep of `sweep run`, from code, on the caller's own model and data: for every
/// (batch size, seed) cell a fresh model and optimiser from <c>model</c>(seed), the cell's batches
/// from <c>data</c>, one range test, the preset's suggestions; then <see cref="ScalingReport.Of"/>
/// with the CLI's bootstrap seed (<see cref="BootstrapSeed"/>), so the same curves give the same
/// report as the command.
/// <para>torch's generator is seeded with the cell's seed before <c>model</c> is called, so weights
/// drawn from it, and dropout, repeat per cell. The model and optimiser are disposed after their
/// cell, and the batches too when they are disposable; devices are the caller's choice.</para>
/// <para>The library returns the report rather than writing a sweep folder: a folder's sweep.json
/// records the experiment as the CLI's specification (a catalogue model, a named data set), which a
/// model of one's own has no form for, and its figures and report.html are drawn by the CLI.</para>
/// </summary>
public static class SweepRunner
{
    /// <summary>The seed of every bootstrap interval, the one `sweep run` uses.</summary>
    public const ulong BootstrapSeed = 0;

    /// <summary>
    /// Runs every cell of <paramref name="batchSizes"/> × <paramref name="seeds"/>. Invalid lists or
    /// finder options are an <see cref="ArgumentException"/> with the problems' messages.
    /// </summary>
    /// <param name="model">A cell's seed → its model and the optimiser that trains it (any starting LR: the test sets it).</param>
    /// <param name="data">A cell's (batch size, seed) → its batches; see <see cref="Batches"/> for DataLoader and sequence adapters.</param>
    /// <param name="batchSizes">The batch sizes to compare (at least two for a fit).</param>
    /// <param name="seeds">The seeds of every batch size.</param>
    /// <param name="finder">The range test: preset, schedule, steps.</param>
    /// <param name="loss">The loss of a batch (default: cross-entropy on logits).</param>
    /// <param name="accumulation">Micro-batches per optimiser step.</param>
    /// <param name="cellDone">Told each cell's result as it finishes.</param>
    /// <param name="cancellation">Stops between steps; the cells so far are reported.</param>
    public static SweepResult Run(
        Func<int, (nn.Module<Tensor, Tensor> Model, optim.Optimizer Optimizer)> model,
        Func<SweepCell, IBatchSource> data,
        IReadOnlyList<int> batchSizes,
        IReadOnlyList<int> seeds,
        FinderOptions finder,
        Func<Tensor, Tensor, Tensor>? loss = null,
        int accumulation = 1,
        IProgress<RunResult>? cellDone = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var plan = Validated.SweepPlanOf(batchSizes, seeds);
        var settings = Validated.Settings(finder);
        if (!plan.IsValid || !settings.IsValid)
            throw new ArgumentException(string.Join("\n", plan.Problems.Concat(settings.Problems).Select(problem => problem.Message)));
        var options = new RunnerOptions { AccumulationSteps = accumulation, Restore = false };

        var results = new List<RunResult>();
        foreach (var cell in plan.Value.Cells)
        {
            if (cancellation.IsCancellationRequested) break;
            var result = RunCell(model, data, cell, finder, settings.Value, loss ?? RangeTestRunner.CrossEntropy, options, cancellation);
            results.Add(result);
            cellDone?.Report(result);
        }

        return new SweepResult(results, ScalingReport.Of(results, BootstrapSeed));
    }

    /// <summary>As above, with batches that depend on the batch size only.</summary>
    public static SweepResult Run(
        Func<int, (nn.Module<Tensor, Tensor> Model, optim.Optimizer Optimizer)> model,
        Func<int, IBatchSource> data,
        IReadOnlyList<int> batchSizes,
        IReadOnlyList<int> seeds,
        FinderOptions finder,
        Func<Tensor, Tensor, Tensor>? loss = null,
        int accumulation = 1,
        IProgress<RunResult>? cellDone = null,
        CancellationToken cancellation = default) =>
        Run(model, cell => data(cell.BatchSize), batchSizes, seeds, finder, loss, accumulation, cellDone, cancellation);

    private static RunResult RunCell(Func<int, (nn.Module<Tensor, Tensor> Model, optim.Optimizer Optimizer)> factory, Func<SweepCell, IBatchSource> data,
        SweepCell cell, FinderOptions finder, RangeTestSettings settings, Func<Tensor, Tensor, Tensor> loss, RunnerOptions options, CancellationToken cancellation)
    {
        manual_seed(cell.Seed);
        var (model, optimizer) = factory(cell.Seed);
        var batches = data(cell);
        try
        {
            var curve = RangeTestRunner.Run(model, optimizer, loss, batches, settings, options, cancellation: cancellation);
            return RunResult.Of(cell, curve, finder.Preset, settings.Schedule.Steps);
        }
        finally
        {
            (batches as IDisposable)?.Dispose();
            optimizer.Dispose();
            model.Dispose();
        }
    }
}
