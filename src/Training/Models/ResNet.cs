using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>
/// A ResNet of <see cref="BasicBlock"/>s (He et al. 2016) with any number of blocks per stage:
/// [2,2,2,2] is ResNet-18, [3,4,6,3] ResNet-34. logits = Head(Body(x)).
/// <para>Its parameters and buffers carry torchvision's state_dict keys ("conv1.weight",
/// "bn1.running_mean", "layer1.0.conv1.weight", "layer2.0.downsample.0.weight", "fc.weight"), so
/// torchvision weights can be mapped onto it by name: the body's children are registered on the ResNet
/// itself, not under a "body." prefix. <see cref="Body"/> is a second module over the same layers (the
/// same parameter tensors), for freezing it or caching its features; <see cref="Head"/> is "fc".</para>
/// <para>Initialised as torchvision does: every convolution Kaiming-normal (fan-out, ReLU gain),
/// BatchNorm weight 1 and bias 0, the head PyTorch's Linear default, all after construction.</para>
/// </summary>
public sealed class ResNet : nn.Module<Tensor, Tensor>
{
    /// <summary>Blocks per stage of ResNet-18.</summary>
    public static IReadOnlyList<int> ResNet18Blocks { get; } = [2, 2, 2, 2];

    /// <summary>Blocks per stage of ResNet-34.</summary>
    public static IReadOnlyList<int> ResNet34Blocks { get; } = [3, 4, 6, 3];

    /// <summary>A ResNet for images of <paramref name="inputChannels"/> channels with <paramref name="classes"/> classes.</summary>
    public ResNet(IReadOnlyList<int> blocksPerStage, int inputChannels, int classes, ResNetStem stem) : base(nameof(ResNet))
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "a ResNet needs at least one class.");
        Body = new ResNetBody(blocksPerStage, inputChannels, stem);
        Head = nn.Linear(Body.Features, classes);
        foreach (var (name, child) in Body.named_children()) register_module(name, child);
        register_module("fc", Head);
        InitialiseAsTorchvision();
    }

    /// <summary>Stem, stages and pooling: images to [N, Body.Features].</summary>
    public ResNetBody Body { get; }

    /// <summary>The classifier on the pooled features ("fc").</summary>
    public Linear Head { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input) => Head.forward(Body.forward(input));

    /// <summary>Keeps the body's own flag in step; its layers are shared and switch with this module's.</summary>
    public override void train(bool train = true)
    {
        base.train(train);
        Body.train(train);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // The layers are shared: disposing them twice is harmless in TorchSharp.
        if (disposing) Body.Dispose();
        base.Dispose(disposing);
    }

    private void InitialiseAsTorchvision()
    {
        using var noGrad = no_grad();
        foreach (var module in modules())
        {
            switch (module)
            {
                case Conv2d convolution:
                    nn.init.kaiming_normal_(convolution.weight!, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
                    break;
                case BatchNorm2d norm:
                    nn.init.ones_(norm.weight!);
                    nn.init.zeros_(norm.bias!);
                    break;
            }
        }
    }
}
