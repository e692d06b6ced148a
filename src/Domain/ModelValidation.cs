using LanguageExt;
using static LanguageExt.Prelude;

namespace Sweep.Domain;

/// <summary>
/// The checks of the network: a known --model; --hidden (mlp only) with widths in
/// 1..<see cref="Specification.MaximumWidth"/>; --weights (resnet18/34 only) naming a file the shell
/// found; --unfreeze only for a pretrained body.
/// </summary>
public static class ModelValidation
{
    /// <summary>The model when none is named.</summary>
    public const string DefaultModel = "mlp";

    /// <summary>The mlp's hidden widths when none are given.</summary>
    public static IReadOnlyList<int> DefaultHidden { get; } = [128];

    /// <summary>The models a torchvision weights file can pretrain.</summary>
    public static IReadOnlyList<string> TakeWeights { get; } = ["resnet18", "resnet34"];

    /// <summary>The model's name as the command line spells it, lower case (unchecked).</summary>
    public static string Name(ExperimentRequest request) => (request.Model ?? DefaultModel).Trim().ToLowerInvariant();

    /// <summary>Whether the request asks for a pretrained body: the bundled one, or a ResNet with weights.</summary>
    public static bool AsksPretrained(ExperimentRequest request) =>
        Name(request) == ModelSpec.BundledName || (TakeWeights.Contains(Name(request)) && request.Weights is not null);

    /// <summary>The model, or every problem of its options.</summary>
    internal static Validation<Problem, ModelSpec> Model(ExperimentRequest request, ExperimentFacts facts)
    {
        var name = Name(request);
        var known = ModelSpec.Names.Contains(name)
            ? Success<Problem, string>(name)
            : Fail<Problem, string>(OptionProblem.Unknown("--model", "model", request.Model ?? "", ModelSpec.Names));
        return (known, Hidden(request, name), Weights(request, facts, name), Unfreeze(request, name)).Apply((model, hidden, weights, unfreeze) => Build(model, hidden, weights, unfreeze));
    }

    private static ModelSpec Build(string name, IReadOnlyList<int> hidden, Option<WeightsFile> weights, bool unfreeze) => name switch
    {
        "mlp" => new ModelSpec.MlpCase(hidden),
        "cnn" => new ModelSpec.CnnCase(),
        ModelSpec.BundledName => new ModelSpec.PretrainedResNet18Case(unfreeze),
        _ => new ModelSpec.ResNetCase(name == "resnet34" ? 34 : 18, weights.MatchUnsafe(file => file, () => null), unfreeze),
    };

    private static Validation<Problem, IReadOnlyList<int>> Hidden(ExperimentRequest request, string name)
    {
        if (request.Hidden is not { } widths) return Success<Problem, IReadOnlyList<int>>(DefaultHidden);
        var applies = name == "mlp" || !ModelSpec.Names.Contains(name)
            ? Success<Problem, Unit>(unit)
            : Fail<Problem, Unit>(OptionProblem.Inapplicable("--hidden", "--model mlp", name));
        var range = widths.Count > 0 && widths.All(width => width >= 1 && width <= Specification.MaximumWidth)
            ? Success<Problem, IReadOnlyList<int>>(widths)
            : Fail<Problem, IReadOnlyList<int>>(new Problem("--hidden widths", $"must be between 1 and {Problem.Show(Specification.MaximumWidth)}, at least one",
                widths.Count == 0 ? "none" : Problem.Show(widths), "e.g. --hidden 128 or --hidden 256,128"));
        return (applies, range).Apply((_, valid) => valid);
    }

    private static Validation<Problem, Option<WeightsFile>> Weights(ExperimentRequest request, ExperimentFacts facts, string name)
    {
        if (request.Weights is not { } path) return Success<Problem, Option<WeightsFile>>(None);
        var applies = TakeWeights.Contains(name) || !ModelSpec.Names.Contains(name)
            ? Success<Problem, Unit>(unit)
            : Fail<Problem, Unit>(OptionProblem.Inapplicable("--weights", "--model resnet18 or resnet34 (torchvision's layout)", name));
        var found = facts.Weights is { } file
            ? Success<Problem, Option<WeightsFile>>(Some(file))
            : Fail<Problem, Option<WeightsFile>>(new Problem("--weights:", $"no such weights file '{path}'", Fix: "give a torchvision state dict (.pt, .pth or .safetensors)"));
        return (applies, found).Apply((_, weights) => weights);
    }

    // --unfreeze=false asks for nothing, so it applies to every model.
    private static Validation<Problem, bool> Unfreeze(ExperimentRequest request, string name) =>
        request.Unfreeze is not true || AsksPretrained(request) || !ModelSpec.Names.Contains(name)
            ? Success<Problem, bool>(request.Unfreeze ?? false)
            : Fail<Problem, bool>(OptionProblem.Inapplicable("--unfreeze", $"pretrained models ({ModelSpec.BundledName}, or resnet18/34 with --weights)", name));
}
