using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>
/// A small two-convolution network for 28x28 greyscale digits and clothes, fast enough on a CPU for a
/// range test of a few hundred steps:
/// conv1 (C→16, 3x3, padding 1) → ReLU → max-pool 2 → conv2 (16→32, 3x3, padding 1) → ReLU →
/// max-pool 2 → adaptive average pool to 7x7 → flatten (32·7·7 = 1568) → fc (1568→classes).
/// <para>Why 7x7 rather than a global pool: on 28x28 input the two poolings leave exactly 7x7, so
/// the adaptive pool is the identity and the network is the classic conv-pool-conv-pool-linear one,
/// keeping where on the image a stroke was; a global pool would throw that away and leave the head
/// only 32 numbers. On other sizes the adaptive pool still yields 7x7, so any input works.
/// 20,490 parameters for 1 channel and 10 classes.</para>
/// </summary>
public sealed class SmallCnn : nn.Module<Tensor, Tensor>
{
    /// <summary>Side of the feature map the head reads (the map a 28x28 input has after two poolings).</summary>
    public const int PooledSide = 7;

    private readonly Conv2d firstConvolution;
    private readonly Conv2d secondConvolution;
    private readonly Linear head;

    /// <summary>A small CNN for images with <paramref name="inputChannels"/> channels and <paramref name="classes"/> classes.</summary>
    public SmallCnn(int inputChannels, int classes) : base(nameof(SmallCnn))
    {
        if (inputChannels < 1) throw new ArgumentOutOfRangeException(nameof(inputChannels), inputChannels, "a CNN needs at least one input channel.");
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "a CNN needs at least one class.");
        firstConvolution = nn.Conv2d(inputChannels, 16, 3, padding: 1);
        secondConvolution = nn.Conv2d(16, 32, 3, padding: 1);
        head = nn.Linear(32 * PooledSide * PooledSide, classes);
        register_module("conv1", firstConvolution);
        register_module("conv2", secondConvolution);
        register_module("fc", head);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var first = nn.functional.max_pool2d(nn.functional.relu(firstConvolution.forward(input)), 2);
        var second = nn.functional.max_pool2d(nn.functional.relu(secondConvolution.forward(first)), 2);
        // On 28x28 input the map is already 7x7: the adaptive pool would average windows of one value,
        // the identity in value and in gradient, yet took 8.5% of a CNN sweep's CPU (perf, docs/performance.md).
        var pooled = second.shape[2] == PooledSide && second.shape[3] == PooledSide
            ? second
            : nn.functional.adaptive_avg_pool2d(second, [PooledSide, PooledSide]);
        return head.forward(pooled.flatten(1));
    }
}
