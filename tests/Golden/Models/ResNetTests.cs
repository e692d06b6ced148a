using Sweep.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static Sweep.Golden.Tests.Models.ModelAssertions;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Models;

/// <summary>
/// The ResNet: shapes with both stems, torchvision's parameter counts and state_dict keys, the body
/// and head over shared layers, and torchvision's initialisation.
/// </summary>
public sealed class ResNetTests
{
    [Fact]
    public void ResNet18_with_the_ImageNet_stem_gives_logits_and_512_features()
    {
        using var scope = NewDisposeScope();
        using var resNet = new ResNet(ResNet.ResNet18Blocks, 3, 10, ResNetStem.ImageNet);
        var images = rand(2, 3, 64, 64);

        Assert.Equal([2L, 10L], resNet.forward(images).shape);
        Assert.Equal([2L, 512L], resNet.Body.forward(images).shape);
        Assert.Equal(512, resNet.Body.Features);
    }

    [Fact]
    public void ResNet18_with_the_small_stem_takes_28x28_greyscale()
    {
        using var scope = NewDisposeScope();
        using var resNet = new ResNet(ResNet.ResNet18Blocks, 1, 10, ResNetStem.Small);

        Assert.Equal([2L, 10L], resNet.forward(rand(2, 1, 28, 28)).shape);
        Assert.Equal([64L, 1L, 3L, 3L], resNet.state_dict()["conv1.weight"].shape);
    }

    [Theory]
    [InlineData(18, 11_689_512)]
    [InlineData(34, 21_797_672)]
    public void Parameter_counts_are_torchvisions(int depth, long expected)
    {
        using var resNet = new ResNet(depth == 18 ? ResNet.ResNet18Blocks : ResNet.ResNet34Blocks, 3, 1000, ResNetStem.ImageNet);

        Assert.Equal(expected, ParameterCount(resNet));
    }

    [Fact]
    public void State_dict_keys_are_torchvisions()
    {
        using var resNet = new ResNet(ResNet.ResNet18Blocks, 3, 1000, ResNetStem.ImageNet);
        var keys = resNet.state_dict().Keys.ToList();

        Assert.Contains("conv1.weight", keys);
        Assert.Contains("bn1.running_mean", keys);
        Assert.Contains("bn1.num_batches_tracked", keys);
        Assert.Contains("layer1.0.conv1.weight", keys);
        Assert.Contains("layer1.1.bn2.running_var", keys);
        Assert.Contains("layer2.0.downsample.0.weight", keys);
        Assert.Contains("layer4.1.conv2.weight", keys);
        Assert.Contains("fc.weight", keys);
        Assert.Contains("fc.bias", keys);
        Assert.DoesNotContain("layer1.0.downsample.0.weight", keys);
        Assert.DoesNotContain(keys, key => key.StartsWith("body", StringComparison.Ordinal));
        // torchvision's resnet18().state_dict() has 122 entries (62 parameters, 60 buffers).
        Assert.Equal(122, keys.Count);
        Assert.Equal(keys.Where(key => !key.StartsWith("fc.", StringComparison.Ordinal)), resNet.Body.state_dict().Keys);
    }

    [Fact]
    public void Any_number_of_blocks_per_stage_builds()
    {
        using var scope = NewDisposeScope();
        using var resNet = new ResNet([2, 2, 2, 3], 1, 10, ResNetStem.Small);
        var keys = resNet.state_dict().Keys.ToList();

        Assert.Contains("layer4.2.conv2.weight", keys);
        Assert.DoesNotContain("layer4.3.conv1.weight", keys);
        Assert.Equal([2L, 10L], resNet.forward(rand(2, 1, 16, 16)).shape);
    }

    [Fact]
    public void Body_and_head_share_the_layers_of_the_whole()
    {
        using var scope = NewDisposeScope();
        using var resNet = new ResNet(ResNet.ResNet18Blocks, 1, 10, ResNetStem.Small);

        Assert.Equal(ParameterCount(resNet), ParameterCount(resNet.Body) + ParameterCount(resNet.Head));
        using (no_grad()) resNet.Body.parameters().First().fill_(0.25f);
        Assert.All(Floats(resNet.state_dict()["conv1.weight"]), value => Assert.Equal(0.25f, value));

        resNet.eval();
        Assert.False(resNet.Body.training);
        Assert.All(resNet.Body.modules(), module => Assert.False(module.training));
        resNet.train();
        Assert.True(resNet.Body.training);
    }

    [Fact]
    public void Converting_the_whole_converts_the_body_it_shares()
    {
        // A stand-in for moving to a GPU, which this machine lacks: the conversion must reach the
        // layers the body holds, not copies of them.
        using var scope = NewDisposeScope();
        using var resNet = new ResNet([1, 1], 1, 10, ResNetStem.Small);
        resNet.to(float64);

        Assert.All(resNet.Body.parameters(), parameter => Assert.Equal(float64, parameter.dtype));
        Assert.Equal(float64, resNet.Body.forward(rand(2, 1, 12, 12, dtype: float64)).dtype);
        Assert.Equal(float64, resNet.forward(rand(2, 1, 12, 12, dtype: float64)).dtype);
    }

    [Fact]
    public void A_frozen_body_leaves_only_the_head_to_train()
    {
        using var scope = NewDisposeScope();
        using var resNet = new ResNet([1, 1], 1, 10, ResNetStem.Small);
        foreach (var parameter in resNet.Body.parameters()) parameter.requires_grad = false;

        nn.functional.cross_entropy(resNet.forward(rand(4, 1, 12, 12)), tensor(new long[] { 0, 1, 2, 3 })).backward();

        Assert.All(resNet.Body.parameters(), parameter => Assert.Null(parameter.grad));
        Assert.All(resNet.Head.parameters(), parameter => Assert.NotNull(parameter.grad));
    }

    [Fact]
    public void Initialisation_is_torchvisions()
    {
        using var scope = NewDisposeScope();
        using var resNet = new ResNet(ResNet.ResNet18Blocks, 3, 10, ResNetStem.ImageNet);
        var state = resNet.state_dict();

        // Kaiming normal, fan-out, ReLU gain: std = sqrt(2 / (256·3·3)) for layer3's 3x3 convolutions.
        var weights = state["layer3.0.conv2.weight"];
        Assert.Equal(0.0, weights.mean().item<float>(), 3);
        Assert.InRange(weights.std().item<float>() / Math.Sqrt(2.0 / (256 * 9)), 0.99, 1.01);
        foreach (var norm in resNet.modules().OfType<BatchNorm2d>())
        {
            Assert.All(Floats(norm.weight!), value => Assert.Equal(1f, value));
            Assert.All(Floats(norm.bias!), value => Assert.Equal(0f, value));
        }
    }
}
