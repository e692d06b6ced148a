using Sweep.Domain;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// The built-in optimisers, one per <see cref="OptimizerSpec"/> case. Any other TorchSharp optimiser
/// deriving from OptimizerHelper works with the runner too.
/// </summary>
public static class Optimizers
{
    /// <summary>The names of the cases, for listings: <see cref="OptimizerSpec.Names"/>.</summary>
    public static IReadOnlyList<string> Names => OptimizerSpec.Names;

    /// <summary>
    /// A new optimiser of the <paramref name="spec"/> case over <paramref name="parameters"/> with
    /// initial rate <paramref name="learningRate"/> (the range test overwrites it every step). Weight
    /// decay is AdamW's decoupled decay and the others' L2 term.
    /// </summary>
    public static optim.Optimizer Create(OptimizerSpec spec, IEnumerable<Parameter> parameters, double learningRate) => spec switch
    {
        OptimizerSpec.SgdCase sgd => optim.SGD(parameters, learningRate, momentum: sgd.Momentum, weight_decay: sgd.WeightDecay, nesterov: sgd.Nesterov),
        OptimizerSpec.AdamCase adam => optim.Adam(parameters, learningRate, weight_decay: adam.WeightDecay),
        OptimizerSpec.AdamWCase adamW => optim.AdamW(parameters, learningRate, weight_decay: adamW.WeightDecay),
        _ => throw new InvalidOperationException("unreachable: OptimizerSpec is closed"),
    };
}
