using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>
/// Everything of a ResNet up to its pooled features: stem, residual stages, adaptive average pool to
/// 1x1, flatten. Returns [N, <see cref="Features"/>] (512 for four stages). A body on its own is what
/// a frozen-backbone run needs: its features can be computed once and cached, and only a head trained.
/// <para>Children carry torchvision's names: "conv1", "bn1", "layer1" ... "layerK", each stage a
/// Sequential of <see cref="BasicBlock"/> numbered from 0, so keys read "layer1.0.conv1.weight".</para>
/// <para>Stage i (from 0) has 64·2^i channels; the first keeps the resolution, each later one halves
/// it with a stride-2 first block.</para>
/// </summary>
public sealed class ResNetBody : nn.Module<Tensor, Tensor>
{
    /// <summary>Channels of the stem and of the first stage.</summary>
    public const int BaseWidth = 64;

    private readonly Conv2d stemConvolution;
    private readonly BatchNorm2d stemNorm;
    private readonly IReadOnlyList<Sequential> stages;

    /// <summary>A body with <paramref name="blocksPerStage"/> blocks in each stage, reading images of <paramref name="inputChannels"/> channels.</summary>
    public ResNetBody(IReadOnlyList<int> blocksPerStage, int inputChannels, ResNetStem stem) : base(nameof(ResNetBody))
    {
        if (blocksPerStage.Count == 0 || blocksPerStage.Any(count => count < 1))
            throw new ArgumentException($"a ResNet needs at least one stage and at least one block per stage, got [{string.Join(", ", blocksPerStage)}].", nameof(blocksPerStage));
        if (inputChannels < 1) throw new ArgumentOutOfRangeException(nameof(inputChannels), inputChannels, "a ResNet needs at least one input channel.");

        Stem = stem;
        BlocksPerStage = blocksPerStage.ToArray();
        stemConvolution = stem == ResNetStem.ImageNet
            ? nn.Conv2d(inputChannels, BaseWidth, 7, stride: 2, padding: 3, bias: false)
            : nn.Conv2d(inputChannels, BaseWidth, 3, stride: 1, padding: 1, bias: false);
        stemNorm = nn.BatchNorm2d(BaseWidth);
        register_module("conv1", stemConvolution);
        register_module("bn1", stemNorm);

        var built = new List<Sequential>();
        var width = BaseWidth;
        for (var stage = 0; stage < blocksPerStage.Count; stage++)
        {
            var stageWidth = BaseWidth << stage;
            var blocks = new List<nn.Module<Tensor, Tensor>>();
            for (var block = 0; block < blocksPerStage[stage]; block++)
            {
                blocks.Add(new BasicBlock(width, stageWidth, block == 0 && stage > 0 ? 2 : 1));
                width = stageWidth;
            }

            var sequential = nn.Sequential(blocks);
            register_module($"layer{stage + 1}", sequential);
            built.Add(sequential);
        }

        stages = built;
        Features = width;
    }

    /// <summary>Width of the pooled feature vector: 64·2^(stages−1), 512 for ResNet-18 and -34.</summary>
    public int Features { get; }

    /// <summary>The stem it was built with.</summary>
    public ResNetStem Stem { get; }

    /// <summary>Blocks in each stage, as built.</summary>
    public IReadOnlyList<int> BlocksPerStage { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var output = nn.functional.relu(stemNorm.forward(stemConvolution.forward(input)));
        if (Stem == ResNetStem.ImageNet) output = nn.functional.max_pool2d(output, 3, stride: 2, padding: 1);
        foreach (var stage in stages) output = stage.forward(output);
        return nn.functional.adaptive_avg_pool2d(output, 1).flatten(1);
    }
}
