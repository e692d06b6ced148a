using Sweep.Domain;
using Sweep.Training.Data;
using Sweep.Training.Models;

namespace Sweep.Cli;

/// <summary>
/// Today's checked <see cref="ExperimentOptions"/> as an <see cref="ExperimentSpec"/>, case by case,
/// so that `find` and `run` open the one <see cref="Experiment"/> entry. The options have been
/// checked when this runs; <see cref="Specification.Validate"/> takes over both the checks and the
/// construction when it replaces the options, and this adapter goes.
/// </summary>
public static class ExperimentAdapter
{
    /// <summary>The spec of the options.</summary>
    public static ExperimentSpec SpecOf(ExperimentOptions options)
    {
        var recipe = options.Recipe;
        var settings = options.Finder.Settings().IfLeft(problem => throw new UsageException(problem.Message));
        // Built-in names win over folders, as the loader has it; a folder keeps its path as typed, so messages name it as the user did.
        DataSpec data = DataCatalogue.Names.Contains(options.Data.Trim().ToLowerInvariant()) || !Directory.Exists(options.Data)
            ? new DataSpec.BuiltInCase(options.Data)
            : new DataSpec.ImageFolderCase(options.Data);
        var input = new ImageInput(options.ImageSize, options.Channels == ImageChannels.Rgb ? Channels.Rgb : Channels.Grey);
        return new ExperimentSpec(data, input, ModelOf(recipe.Model, recipe.HiddenWidths, options.Weights, options.Unfreeze),
            OptimizerOf(recipe.Optimizer, recipe.Momentum, recipe.Nesterov, recipe.WeightDecay),
            options.Finder, settings, recipe.AccumulationSteps, options.Threads);
    }

    /// <summary>The model case of a checked name (one of <see cref="ModelSpec.Names"/>).</summary>
    public static ModelSpec ModelOf(string name, IReadOnlyList<int>? hiddenWidths = null, string? weights = null, bool unfreeze = false) =>
        name.Trim().ToLowerInvariant() switch
        {
            "mlp" => new ModelSpec.MlpCase(hiddenWidths ?? ModelCatalogue.DefaultHiddenWidths),
            "cnn" => new ModelSpec.CnnCase(),
            "resnet18" => new ModelSpec.ResNetCase(18, weights is null ? null : new WeightsFile(weights, ""), unfreeze),
            "resnet34" => new ModelSpec.ResNetCase(34, weights is null ? null : new WeightsFile(weights, ""), unfreeze),
            ModelSpec.BundledName => new ModelSpec.PretrainedResNet18Case(unfreeze),
            var other => throw UsageException.Unknown("model", other, ModelSpec.Names),
        };

    /// <summary>The optimiser case of a checked name (one of <see cref="OptimizerSpec.Names"/>).</summary>
    public static OptimizerSpec OptimizerOf(string name, double momentum = 0.9, bool nesterov = false, double weightDecay = 0) =>
        name.Trim().ToLowerInvariant() switch
        {
            "sgd" => new OptimizerSpec.SgdCase(momentum, nesterov, weightDecay),
            "adam" => new OptimizerSpec.AdamCase(weightDecay),
            "adamw" => new OptimizerSpec.AdamWCase(weightDecay),
            var other => throw UsageException.Unknown("optimizer", other, OptimizerSpec.Names),
        };
}
