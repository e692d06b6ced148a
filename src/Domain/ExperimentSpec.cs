namespace Sweep.Domain;

/// <summary>
/// Everything a run's bits depend on, validated: the data, the images' shape, the model, the
/// optimiser, the finder (with its <see cref="Settings"/> computed once) and its step budget, micro-batches per step and
/// torch's thread count. Batch sizes and seeds are not part of it (a <see cref="SweepPlan"/> holds
/// them), so more seeds reuse the runs of the same experiment. Built only by
/// <see cref="Specification.Validate"/>, which returns every problem of a request at once.
/// </summary>
public sealed record ExperimentSpec
{
    internal ExperimentSpec(DataSpec data, ImageInput? input, ModelSpec model, OptimizerSpec optimizer,
        FinderOptions finder, RangeTestSettings settings, StepBudget budget, int accumulation, int threads) =>
        (Data, Input, Model, Optimizer, Finder, Settings, Budget, Accumulation, Threads) = (data, input, model, optimizer, finder, settings, budget, accumulation, threads);

    /// <summary>What it trains on.</summary>
    public DataSpec Data { get; }

    /// <summary>The square images become (image folders, pretrained bodies); null: the data's own shape.</summary>
    public ImageInput? Input { get; }

    /// <summary>The network.</summary>
    public ModelSpec Model { get; }

    /// <summary>The optimiser.</summary>
    public OptimizerSpec Optimizer { get; }

    /// <summary>Preset, schedule and overrides as asked.</summary>
    public FinderOptions Finder { get; }

    /// <summary>The finder's settings, computed once from <see cref="Finder"/>.</summary>
    public RangeTestSettings Settings { get; }

    /// <summary>
    /// How many steps each batch size's range test takes: <see cref="StepBudget.FixedCase"/> with
    /// <see cref="FinderOptions.Steps"/> (then <see cref="Settings"/> are every cell's), or the same
    /// samples (<see cref="CellFinder.Of"/> gives each batch size its own schedule).
    /// </summary>
    public StepBudget Budget { get; }

    /// <summary>Micro-batches accumulated per optimiser step, ≥ 1.</summary>
    public int Accumulation { get; }

    /// <summary>Torch's CPU threads, 1..processors: the same seed and thread count give the same bits.</summary>
    public int Threads { get; }
}
