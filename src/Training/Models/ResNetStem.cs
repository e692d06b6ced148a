namespace Sweep.Training.Models;

/// <summary>How a ResNet first reduces its input, before the residual stages.</summary>
public enum ResNetStem
{
    /// <summary>
    /// conv1 7x7 stride 2 (padding 3) → BN → ReLU → max-pool 3x3 stride 2: the published stem,
    /// made for 224x224 images, which it shrinks 4x before the first stage.
    /// </summary>
    ImageNet,

    /// <summary>
    /// conv1 3x3 stride 1 (padding 1) → BN → ReLU, no max-pool: for small images (28x28, 32x32), which
    /// the ImageNet stem would shrink to nearly nothing (28x28 would reach the last stage at 1x1).
    /// </summary>
    Small,
}
