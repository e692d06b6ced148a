using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>
/// The models a range test can run, by name: "mlp", "cnn", "resnet18", "resnet34". Every model is
/// built from a seed (see <see cref="SeededConstruction"/>): the same seed gives bit-identical
/// parameters, and building one leaves torch's default generator as it found it. With the same seed
/// an "mlp" has exactly the weights PyTorch gives `nn.Sequential(Linear, ReLU, Linear)` after
/// `torch.manual_seed(seed)`.
/// </summary>
public static class ModelCatalogue
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mlp", "cnn", "resnet18", "resnet34"];

    /// <summary>Hidden widths of an "mlp" when none are given: one layer of 128 (784-128-10 on 28x28 greyscale).</summary>
    public static IReadOnlyList<int> DefaultHiddenWidths { get; } = [128];

    /// <summary>
    /// Images whose shorter side is below this get the <see cref="ResNetStem.Small"/> stem unless one is
    /// given: the ImageNet stem and four stages divide each side by 32, so a 28x28 or 32x32 image would
    /// reach the last stage as a single pixel; from 64x64 up it keeps at least 2x2.
    /// </summary>
    public const int SmallStemBelow = 64;

    /// <summary>
    /// Builds the model called <paramref name="name"/> (case-insensitive) for images of
    /// <paramref name="input"/> shape and <paramref name="classes"/> classes, initialised from
    /// <paramref name="seed"/>. <paramref name="hiddenWidths"/> is for "mlp" only (null: the default);
    /// <paramref name="stem"/> for the ResNets only (null: chosen by image size, see
    /// <see cref="SmallStemBelow"/>). Throws <see cref="UnknownModelException"/> for any other name.
    /// </summary>
    public static nn.Module<Tensor, Tensor> Create(
        string name, ImageShape input, int classes, long seed, IReadOnlyList<int>? hiddenWidths = null, ResNetStem? stem = null)
    {
        var key = name.Trim().ToLowerInvariant();
        if (!Names.Contains(key)) throw new UnknownModelException(name, Names);
        if (input.Channels < 1 || input.Height < 1 || input.Width < 1)
            throw new ArgumentException($"an image needs at least one channel and one pixel, got {input}.", nameof(input));
        if (hiddenWidths is not null && key != "mlp")
            throw new ArgumentException($"hidden widths apply to the mlp only, not to '{key}'.", nameof(hiddenWidths));
        if (stem is not null && !key.StartsWith("resnet", StringComparison.Ordinal))
            throw new ArgumentException($"a stem applies to the ResNets only, not to '{key}'.", nameof(stem));

        var resNetStem = stem ?? StemFor(input);
        return SeededConstruction.Build<nn.Module<Tensor, Tensor>>(seed, () => key switch
        {
            "mlp" => new Mlp(input.Features, hiddenWidths ?? DefaultHiddenWidths, classes),
            "cnn" => new SmallCnn(input.Channels, classes),
            "resnet18" => new ResNet(ResNet.ResNet18Blocks, input.Channels, classes, resNetStem),
            "resnet34" => new ResNet(ResNet.ResNet34Blocks, input.Channels, classes, resNetStem),
            _ => throw new UnknownModelException(name, Names),
        });
    }

    /// <summary>The stem a ResNet gets for images of this shape when none is asked for.</summary>
    public static ResNetStem StemFor(ImageShape input) =>
        Math.Min(input.Height, input.Width) < SmallStemBelow ? ResNetStem.Small : ResNetStem.ImageNet;
}
