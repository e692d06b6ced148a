namespace Sweep.Cli;

/// <summary>
/// The model and optimiser as today's <see cref="ExperimentOptions"/> read them, by name.
/// <see cref="ExperimentAdapter"/> turns them into the spec's cases; both go when
/// <see cref="Sweep.Domain.ExperimentSpec"/> replaces the options.
/// </summary>
/// <param name="Model">mlp, cnn, resnet18, resnet34 or resnet18-imagenet.</param>
/// <param name="HiddenWidths">For the mlp; null: the catalogue's default.</param>
/// <param name="Optimizer">sgd, adam or adamw.</param>
/// <param name="Momentum">For sgd.</param>
/// <param name="Nesterov">For sgd.</param>
/// <param name="WeightDecay">For every optimiser.</param>
/// <param name="AccumulationSteps">Micro-batches per step.</param>
public sealed record TrainingRecipe(
    string Model = "mlp",
    IReadOnlyList<int>? HiddenWidths = null,
    string Optimizer = "sgd",
    double Momentum = 0.9,
    bool Nesterov = false,
    double WeightDecay = 0,
    int AccumulationSteps = 1);
