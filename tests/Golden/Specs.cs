using Sweep.Domain;
using Sweep.Training;

namespace Sweep.Golden.Tests;

/// <summary>
/// The spec's model and optimiser cases for tests, built directly (their constructors are internal
/// to Domain, visible to this assembly): the tests of the training shell need cases, not the
/// command line's checks, which <see cref="Specification.Validate"/> owns.
/// </summary>
internal static class Specs
{
    /// <summary>The case a catalogue name stands for (the mlp with one hidden layer of 128).</summary>
    public static ModelSpec Model(string name) => name switch
    {
        "mlp" => Mlp(128),
        "cnn" => Cnn,
        "resnet18" => ResNet(18),
        "resnet34" => ResNet(34),
        _ => throw new ArgumentException($"no catalogue case is called {name}", nameof(name)),
    };

    /// <summary>An mlp of these hidden widths.</summary>
    public static ModelSpec Mlp(params int[] hiddenWidths) => new ModelSpec.MlpCase(hiddenWidths);

    /// <summary>The small CNN.</summary>
    public static ModelSpec Cnn => new ModelSpec.CnnCase();

    /// <summary>A ResNet of depth 18 or 34 trained from scratch.</summary>
    public static ModelSpec ResNet(int depth) => new ModelSpec.ResNetCase(depth, null, unfreeze: false);

    /// <summary>The bundled pretrained ResNet-18 with a new head; frozen unless asked.</summary>
    public static ModelSpec Pretrained(bool unfreeze = false) => new ModelSpec.PretrainedResNet18Case(unfreeze);

    /// <summary>SGD.</summary>
    public static OptimizerSpec Sgd(double momentum = 0.9, bool nesterov = false, double weightDecay = 0) =>
        new OptimizerSpec.SgdCase(momentum, nesterov, weightDecay);

    /// <summary>Adam.</summary>
    public static OptimizerSpec Adam(double weightDecay = 0) => new OptimizerSpec.AdamCase(weightDecay);

    /// <summary>AdamW.</summary>
    public static OptimizerSpec AdamW(double weightDecay = 0) => new OptimizerSpec.AdamWCase(weightDecay);

    /// <summary>A built-in dataset by name.</summary>
    public static DataSpec BuiltIn(string name) => new DataSpec.BuiltInCase(name);

    /// <summary>A folder of class subfolders.</summary>
    public static DataSpec Folder(string path) => new DataSpec.ImageFolderCase(path);

    /// <summary>A frozen pretrained body with a new head, trained by SGD with momentum 0.9: the command line's defaults.</summary>
    public static CellRecipe Frozen { get; } = new(Pretrained(), Sgd());
}
