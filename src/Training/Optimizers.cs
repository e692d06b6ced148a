using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// The built-in optimisers by name, for the command line and for callers who prefer a name to a
/// constructor. Any other TorchSharp optimiser deriving from OptimizerHelper works with the runner too.
/// </summary>
public static class Optimizers
{
    /// <summary>The names <see cref="Create"/> knows: sgd (momentum and Nesterov by option), adam, adamw.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "adam", "adamw"];

    /// <summary>
    /// A new optimiser over <paramref name="parameters"/> with initial rate <paramref name="learningRate"/>
    /// (the range test overwrites it every step). Momentum and Nesterov apply to sgd; weight decay to all
    /// (adamw's decoupled, the others' L2).
    /// </summary>
    public static optim.Optimizer Create(string name, IEnumerable<Parameter> parameters, double learningRate,
        double momentum = 0, bool nesterov = false, double weightDecay = 0) =>
        name.Trim().ToLowerInvariant() switch
        {
            "sgd" => optim.SGD(parameters, learningRate, momentum: momentum, weight_decay: weightDecay, nesterov: nesterov),
            "adam" => optim.Adam(parameters, learningRate, weight_decay: weightDecay),
            "adamw" => optim.AdamW(parameters, learningRate, weight_decay: weightDecay),
            _ => throw new ArgumentException($"unknown optimiser '{name}'; known optimisers: {string.Join(", ", Names)}."),
        };
}
