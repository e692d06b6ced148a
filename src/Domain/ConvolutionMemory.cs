namespace Sweep.Domain;

/// <summary>
/// What training the small CNN or a ResNet from scratch holds in memory, estimated from the spec's
/// model and the data's shape (C channels, H × W pixels, K classes) before anything is allocated, in
/// bytes of float32, on the same terms as <see cref="ModelMemory.Mlp"/>: weights = 4·P·(2 + s), and
/// activations = 4·2·B·A where A counts the values of every tensor the forward pass keeps for the
/// backward pass (doubled for their gradients). A convolution of kernel k, stride t and padding p
/// maps a side n to ⌊(n + 2p − k)/t⌋ + 1.
/// <para>CNN (conv 3×3 to 16, relu, pool 2, conv 3×3 to 32, relu, pool 2, average pool to 7×7, linear):
/// P = 16·(9C + 1) + 32·(9·16 + 1) + K·(32·49 + 1);
/// A = CHW + 2·16·HW + 16·H₂W₂ + 2·32·H₂W₂ + 32·H₄W₄ + 32·49 + K, with H₂ = ⌊H/2⌋, H₄ = ⌊H₂/2⌋.</para>
/// <para>ResNet (stages of 64·2ˢ channels, basic blocks): the stem is a 7×7 convolution of stride 2
/// and a 3×3 max pool of stride 2 (ImageNet stem) or a 3×3 convolution of stride 1 (small stem),
/// with batch norm (2 parameters per channel); a block from i to o channels has 9·i·o + 9·o·o + 4·o
/// parameters, plus i·o + 2·o for its shortcut where it changes the shape, and keeps 7 tensors of
/// o·side² (conv, norm, relu, conv, norm, sum, relu) plus 2 for its shortcut; the head has
/// K·(512 + 1). ResNet-18 on 3 × 224 × 224 with 1000 classes has torchvision's 11,689,512 parameters.</para>
/// </summary>
public static class ConvolutionMemory
{
    /// <summary>The estimate for the small CNN on C × H × W inputs of K classes at batch size B.</summary>
    public static ModelMemory.Estimate Cnn(long channels, long height, long width, long classes, long batch, int optimizerSlots)
    {
        var parameters = 16 * (9 * channels + 1) + 32 * (9 * 16 + 1) + classes * (32 * 49 + 1);
        var (height2, width2) = (height / 2, width / 2);
        var (height4, width4) = (height2 / 2, width2 / 2);
        var activations = channels * height * width + 2 * 16 * height * width + 16 * height2 * width2 + 2 * 32 * height2 * width2
            + 32 * height4 * width4 + 32 * 49 + classes;
        return Of(parameters, activations, batch, optimizerSlots);
    }

    /// <summary>The estimate for a ResNet of <paramref name="blocksPerStage"/> (18: 2,2,2,2; 34: 3,4,6,3) on C × H × W inputs of K classes at batch size B.</summary>
    public static ModelMemory.Estimate ResNet(IReadOnlyList<int> blocksPerStage, bool smallStem, long channels, long height, long width, long classes,
        long batch, int optimizerSlots)
    {
        const long baseWidth = 64;
        var kernel = smallStem ? 3 : 7;
        var (side1, side2) = smallStem ? (height, width) : (Side(height, 7, 2, 3), Side(width, 7, 2, 3));
        long parameters = channels * baseWidth * kernel * kernel + 2 * baseWidth;
        long activations = channels * height * width + 3 * baseWidth * side1 * side2;
        if (!smallStem)
        {
            (side1, side2) = (Side(side1, 3, 2, 1), Side(side2, 3, 2, 1));
            activations += baseWidth * side1 * side2;
        }

        var inputs = baseWidth;
        for (var stage = 0; stage < blocksPerStage.Count; stage++)
        {
            var outputs = baseWidth << stage;
            for (var block = 0; block < blocksPerStage[stage]; block++)
            {
                var stride = block == 0 && stage > 0 ? 2 : 1;
                if (stride == 2) (side1, side2) = (Side(side1, 3, 2, 1), Side(side2, 3, 2, 1));
                var shortcut = stride != 1 || inputs != outputs;
                parameters += 9 * inputs * outputs + 9 * outputs * outputs + 4 * outputs + (shortcut ? inputs * outputs + 2 * outputs : 0);
                activations += (shortcut ? 9 : 7) * outputs * side1 * side2;
                inputs = outputs;
            }
        }

        parameters += classes * (inputs + 1);
        activations += inputs + classes;
        return Of(parameters, activations, batch, optimizerSlots);
    }

    /// <summary>⌊(n + 2p − k)/t⌋ + 1, at least 1.</summary>
    public static long Side(long length, int kernel, int stride, int padding) => Math.Max(1, (length + 2 * padding - kernel) / stride + 1);

    private static ModelMemory.Estimate Of(long parameters, long activations, long batch, int optimizerSlots) =>
        new(parameters, 4 * parameters * (2 + optimizerSlots), 4 * 2 * batch * activations);
}
