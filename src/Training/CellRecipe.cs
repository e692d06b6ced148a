using Sweep.Domain;

namespace Sweep.Training;

/// <summary>
/// How every cell of an experiment trains, taken from the experiment's spec: the network, the
/// optimiser and the micro-batches per step. The same recipe serves a catalogue model trained from
/// scratch and a pretrained body with a new head (<see cref="ModelSpec.IsPretrained"/>).
/// </summary>
/// <param name="Model">The network.</param>
/// <param name="Optimizer">The optimiser and its settings.</param>
/// <param name="Accumulation">Micro-batches per optimiser step, ≥ 1.</param>
public sealed record CellRecipe(ModelSpec Model, OptimizerSpec Optimizer, int Accumulation = 1)
{
    /// <summary>The recipe of <paramref name="spec"/>.</summary>
    public static CellRecipe Of(ExperimentSpec spec) => new(spec.Model, spec.Optimizer, spec.Accumulation);
}
