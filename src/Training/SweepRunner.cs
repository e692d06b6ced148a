using Sweep.Domain;
using Sweep.Training.Data;
using Sweep.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>The model and optimiser of every cell of a sweep, by name.</summary>
/// <param name="Model">A <see cref="ModelCatalogue"/> name.</param>
/// <param name="HiddenWidths">For the mlp; null: the catalogue's default.</param>
/// <param name="Optimizer">An <see cref="Optimizers"/> name.</param>
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
    int AccumulationSteps = 1)
{
    /// <summary>The recipe's model for images of the data's shape and classes, initialised from <paramref name="seed"/>.</summary>
    public nn.Module<Tensor, Tensor> CreateModel(LoadedData data, long seed) =>
        ModelCatalogue.Create(Model, data.Shape, data.Dataset.ClassCount, seed, Model == "mlp" ? HiddenWidths : null);
}

/// <summary>
/// Runs the range test of one sweep cell (batch size, seed) on loaded data: the model is built
/// from the seed, the batches are shuffled by the seed, the finder settings are the same for every
/// cell. Everything a cell does follows from its inputs, so the same cell gives the same bits in
/// any process at the same thread count.
/// </summary>
public static class SweepRunner
{
    /// <summary>The result of one cell: its curve and every rule's suggestion under the preset.</summary>
    public static RunResult RunCell(LoadedData data, TrainingRecipe recipe, FinderOptions finder, SweepCell cell,
        IProgress<StepProgress>? progress = null, CancellationToken cancellation = default)
    {
        var settings = finder.Settings().IfLeft(problem => throw new ArgumentException(problem.Message));
        var plan = BatchPlan.Shuffled(data.Dataset.Count, cell.BatchSize, (ulong)cell.Seed)
            .IfLeft(problem => throw new DataException(problem.Message));
        var device = Devices.Best();
        using var model = recipe.CreateModel(data, cell.Seed);
        model.to(device);
        using var optimizer = Optimizers.Create(recipe.Optimizer, model.parameters(), settings.Schedule.Start, recipe.Momentum, recipe.Nesterov, recipe.WeightDecay);
        using var batches = new BatchSource(data.Dataset, plan, device, prefetch: true);
        var curve = RangeTestRunner.Run(model, optimizer, RangeTestRunner.CrossEntropy, batches, settings,
            new RunnerOptions { AccumulationSteps = recipe.AccumulationSteps, Restore = false }, progress, cancellation);
        return RunResult.Of(cell, curve, finder.Preset, settings.Schedule.Steps);
    }

    /// <summary>
    /// The gradient noise scale at the starting weights of the seed's model (McCandlish's two-batch
    /// estimator, <paramref name="draws"/> batches at each size), on the sweep's own data and loss.
    /// </summary>
    public static NoiseScaleEstimate MeasureNoiseScale(LoadedData data, TrainingRecipe recipe, int smallBatch, int bigBatch, int draws, int seed)
    {
        using var model = recipe.CreateModel(data, seed);
        return GradientNoise.Measure(model, RangeTestRunner.CrossEntropy, data.Dataset.Features, data.Dataset.Labels, smallBatch, bigBatch, draws, (ulong)seed);
    }

    /// <summary>Builds the recipe's model for the data and runs it forward on two samples; throws what the model throws.</summary>
    public static void CheckModel(LoadedData data, TrainingRecipe recipe)
    {
        using var scope = NewDisposeScope();
        using var model = recipe.CreateModel(data, 0);
        var samples = data.Dataset.Features.narrow(0, 0, Math.Min(2, data.Dataset.Count));
        var shaped = samples.reshape([samples.shape[0], data.Shape.Channels, data.Shape.Height, data.Shape.Width]);
        model.eval();
        using var noGradients = torch.no_grad();
        model.forward(shaped);
    }
}
