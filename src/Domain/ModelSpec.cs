namespace Sweep.Domain;

/// <summary>
/// The network a range test trains, as closed cases. A pretrained body (the bundled ImageNet
/// ResNet-18, or a ResNet with a user's torchvision weights) gets a new head; by default only the
/// head trains, on cached features (<see cref="IsPretrained"/>, <see cref="Unfreezes"/>).
/// Built only by <see cref="Specification.Validate"/>.
/// </summary>
public abstract record ModelSpec
{
    private ModelSpec() { }

    /// <summary>A multi-layer perceptron on the flattened image.</summary>
    public sealed record MlpCase : ModelSpec
    {
        internal MlpCase(IReadOnlyList<int> hiddenWidths) => HiddenWidths = ValueList<int>.Of(hiddenWidths);

        /// <summary>Widths of the hidden layers, each 1..<see cref="Specification.MaximumWidth"/>; at least one.</summary>
        public IReadOnlyList<int> HiddenWidths { get; }
    }

    /// <summary>The small convolutional network.</summary>
    public sealed record CnnCase : ModelSpec
    {
        internal CnnCase() { }
    }

    /// <summary>A ResNet of depth 18 or 34, from scratch or with a body pretrained from a weights file.</summary>
    public sealed record ResNetCase : ModelSpec
    {
        internal ResNetCase(int depth, WeightsFile? weights, bool unfreeze) => (Depth, Weights, Unfreeze) = (depth, weights, unfreeze);

        /// <summary>18 or 34.</summary>
        public int Depth { get; }

        /// <summary>A torchvision state dict for the body; null: trained from scratch.</summary>
        public WeightsFile? Weights { get; }

        /// <summary>With weights: train the body too (false: only the new head, on cached features).</summary>
        public bool Unfreeze { get; }
    }

    /// <summary>The bundled ImageNet-pretrained ResNet-18 body with a new head.</summary>
    public sealed record PretrainedResNet18Case : ModelSpec
    {
        internal PretrainedResNet18Case(bool unfreeze) => Unfreeze = unfreeze;

        /// <summary>Train the body too (false: only the new head, on cached features).</summary>
        public bool Unfreeze { get; }
    }

    /// <summary>The name the command line uses for the bundled pretrained ResNet-18.</summary>
    public const string BundledName = "resnet18-imagenet";

    /// <summary>The model names the command line accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mlp", "cnn", "resnet18", "resnet34", BundledName];

    /// <summary>The command-line name of the case: mlp, cnn, resnet18, resnet34 or <see cref="BundledName"/>.</summary>
    public string Name => this switch
    {
        MlpCase => "mlp",
        CnnCase => "cnn",
        ResNetCase resnet => "resnet" + resnet.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
        PretrainedResNet18Case => BundledName,
        _ => throw new InvalidOperationException("unreachable: ModelSpec is closed"),
    };

    /// <summary>Whether the body comes pretrained (and the head is new).</summary>
    public bool IsPretrained => this is PretrainedResNet18Case or ResNetCase { Weights: not null };

    /// <summary>Whether a pretrained body trains too.</summary>
    public bool Unfreezes => this is PretrainedResNet18Case { Unfreeze: true } or ResNetCase { Weights: not null, Unfreeze: true };
}

/// <summary>A weights file, by its full path and the SHA-256 of its content (lower-case hex), so new weights at the same path are a new experiment.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Sha256">64 lower-case hex digits.</param>
public sealed record WeightsFile(string Path, string Sha256);
