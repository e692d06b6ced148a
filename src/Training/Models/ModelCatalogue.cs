using Sweep.Domain;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>
/// The models a range test can train from scratch, one per <see cref="ModelSpec"/> case: the mlp
/// (<see cref="ModelSpec.MlpCase"/>), the small CNN and the ResNets of depth 18 and 34 without
/// weights. Every model is built from a seed (see <see cref="SeededConstruction"/>): the same seed
/// gives bit-identical parameters, and building one leaves torch's default generator as it found it.
/// With the same seed an mlp has exactly the weights PyTorch gives
/// `nn.Sequential(Linear, ReLU, Linear)` after `torch.manual_seed(seed)`.
/// </summary>
public static class ModelCatalogue
{
    /// <summary>The names of the cases trained from scratch, for listings (<see cref="ModelSpec.Names"/> less the bundled body).</summary>
    public static IReadOnlyList<string> Names { get; } = ModelSpec.Names.Where(name => name != ModelSpec.BundledName).ToArray();

    /// <summary>Hidden widths of an mlp when none are asked for: one layer of 128 (784-128-10 on 28x28 greyscale).</summary>
    public static IReadOnlyList<int> DefaultHiddenWidths { get; } = [128];

    /// <summary>
    /// Images whose shorter side is below this get the <see cref="ResNetStem.Small"/> stem unless one is
    /// given: the ImageNet stem and four stages divide each side by 32, so a 28x28 or 32x32 image would
    /// reach the last stage as a single pixel; from 64x64 up it keeps at least 2x2.
    /// </summary>
    public const int SmallStemBelow = 64;

    /// <summary>
    /// Builds the <paramref name="model"/> case for images of <paramref name="input"/> shape and
    /// <paramref name="classes"/> classes, initialised from <paramref name="seed"/>.
    /// <paramref name="stem"/> is for the ResNets only (null: chosen by image size, see
    /// <see cref="SmallStemBelow"/>). A pretrained body is not built here but from its
    /// <see cref="Transfer.Backbone"/>: asking for one is an <see cref="ArgumentException"/>.
    /// </summary>
    public static nn.Module<Tensor, Tensor> Create(ModelSpec model, ImageShape input, int classes, long seed, ResNetStem? stem = null)
    {
        if (model.IsPretrained)
            throw new ArgumentException("a pretrained body is built from its backbone's weights, not from the catalogue.", nameof(model));
        if (input.Channels < 1 || input.Height < 1 || input.Width < 1)
            throw new ArgumentException($"an image needs at least one channel and one pixel, got {input}.", nameof(input));
        if (stem is not null && model is not ModelSpec.ResNetCase)
            throw new ArgumentException($"a stem applies to the ResNets only, not to {model.GetType().Name}.", nameof(stem));

        var resNetStem = stem ?? StemFor(input);
        return SeededConstruction.Build<nn.Module<Tensor, Tensor>>(seed, () => model switch
        {
            ModelSpec.MlpCase mlp => new Mlp(input.Features, mlp.HiddenWidths, classes),
            ModelSpec.CnnCase => new SmallCnn(input.Channels, classes),
            ModelSpec.ResNetCase resNet => new ResNet(BlocksOf(resNet.Depth), input.Channels, classes, resNetStem),
            _ => throw new InvalidOperationException("unreachable: ModelSpec is closed and pretrained cases were refused"),
        });
    }

    /// <summary>The stem a ResNet gets for images of this shape when none is asked for.</summary>
    public static ResNetStem StemFor(ImageShape input) =>
        Math.Min(input.Height, input.Width) < SmallStemBelow ? ResNetStem.Small : ResNetStem.ImageNet;

    private static IReadOnlyList<int> BlocksOf(int depth) => depth switch
    {
        18 => ResNet.ResNet18Blocks,
        34 => ResNet.ResNet34Blocks,
        _ => throw new ArgumentException($"a ResNet has depth 18 or 34, not {depth}.", nameof(depth)),
    };
}
