using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>
/// The residual block of ResNet-18 and -34: relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x)),
/// both convolutions 3x3 without bias (the BatchNorm after each has one). The shortcut is the
/// identity, or, where the block changes width or stride, a "downsample" of conv 1x1 (stride s, no
/// bias) and BN, registered as the Sequential torchvision has, so its keys read
/// "downsample.0.weight", "downsample.1.running_mean".
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d firstConvolution;
    private readonly BatchNorm2d firstNorm;
    private readonly Conv2d secondConvolution;
    private readonly BatchNorm2d secondNorm;
    private readonly Sequential? downsample;

    /// <summary>A block from <paramref name="inputChannels"/> to <paramref name="outputChannels"/>, striding its first convolution by <paramref name="stride"/>.</summary>
    public BasicBlock(int inputChannels, int outputChannels, int stride) : base(nameof(BasicBlock))
    {
        // Created first, registered last: torchvision builds the shortcut before the block and assigns
        // it last, and both orders matter for drawing the same random numbers and listing the same keys.
        downsample = stride != 1 || inputChannels != outputChannels
            ? nn.Sequential(
                nn.Conv2d(inputChannels, outputChannels, 1, stride: stride, bias: false),
                nn.BatchNorm2d(outputChannels))
            : null;
        firstConvolution = nn.Conv2d(inputChannels, outputChannels, 3, stride: stride, padding: 1, bias: false);
        firstNorm = nn.BatchNorm2d(outputChannels);
        secondConvolution = nn.Conv2d(outputChannels, outputChannels, 3, padding: 1, bias: false);
        secondNorm = nn.BatchNorm2d(outputChannels);

        register_module("conv1", firstConvolution);
        register_module("bn1", firstNorm);
        register_module("conv2", secondConvolution);
        register_module("bn2", secondNorm);
        if (downsample is not null) register_module("downsample", downsample);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var output = nn.functional.relu(firstNorm.forward(firstConvolution.forward(input)));
        output = secondNorm.forward(secondConvolution.forward(output));
        var shortcut = downsample is null ? input : downsample.forward(input);
        return nn.functional.relu(output + shortcut);
    }
}
