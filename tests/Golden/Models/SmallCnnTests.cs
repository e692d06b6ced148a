using Sweep.Training.Models;
using Xunit;
using static Sweep.Golden.Tests.Models.ModelAssertions;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Models;

/// <summary>The small CNN: logits of the right shape for any image size, and its documented size.</summary>
public sealed class SmallCnnTests
{
    [Theory]
    [InlineData(1, 28, 28)]
    [InlineData(3, 32, 32)]
    [InlineData(1, 8, 8)]
    [InlineData(3, 45, 61)]
    public void Gives_one_logit_per_class_for_any_image_size(int channels, int height, int width)
    {
        using var scope = NewDisposeScope();
        using var cnn = new SmallCnn(channels, 10);

        Assert.Equal([2L, 10L], cnn.forward(rand(2, channels, height, width)).shape);
    }

    [Fact]
    public void Has_20490_parameters_for_greyscale_and_ten_classes()
    {
        using var cnn = new SmallCnn(1, 10);

        // conv1 1·16·9+16, conv2 16·32·9+32, fc 1568·10+10
        Assert.Equal(160 + 4640 + 15690, ParameterCount(cnn));
        Assert.Equal(["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc.weight", "fc.bias"], cnn.state_dict().Keys);
    }
}
