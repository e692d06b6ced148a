using Sweep.Domain;

namespace Sweep.Training.Transfer;

/// <summary>The backbone a pretrained <see cref="ModelSpec"/> case reads its body from.</summary>
public static class PretrainedBody
{
    /// <summary>
    /// The bundled ImageNet ResNet-18 for <see cref="ModelSpec.PretrainedResNet18Case"/>, the user's
    /// torchvision weights for a <see cref="ModelSpec.ResNetCase"/> with a weights file. A model
    /// trained from scratch has none: <see cref="ArgumentException"/>. Unreadable or mismatched
    /// weights are a <see cref="WeightsException"/>.
    /// </summary>
    public static Backbone Load(ModelSpec model) => model switch
    {
        ModelSpec.PretrainedResNet18Case => BundledWeights.LoadResNet18(),
        ModelSpec.ResNetCase { Weights: { } weights } resNet => TorchvisionWeights.Load(weights.Path, $"resnet{resNet.Depth}"),
        _ => throw new ArgumentException("a model trained from scratch has no pretrained body.", nameof(model)),
    };
}
