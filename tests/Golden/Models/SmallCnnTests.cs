using Sweep.Training.Models;
using Xunit;
using static Sweep.Golden.Tests.Models.ModelAssertions;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Models;

/// <summary>The small CNN: logits of the right shape for any image size, the network it stands for, and its documented size.</summary>
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

    [Theory]
    [InlineData(28)]
    [InlineData(32)]
    public void Gives_the_bits_and_gradients_of_the_network_written_out_with_its_adaptive_pool(int side)
    {
        // On 28x28 input forward leaves the adaptive pool out (7x7 to 7x7 is the identity); the
        // network written out here keeps it. Images with zero backgrounds, like the data's, make ties
        // in the max pools, so the gradients check that the pools route them the same way too.
        using var scope = NewDisposeScope();
        using var cnn = new SmallCnn(1, 10);
        var images = rand(4, 1, side, side) * (rand(4, 1, side, side) > 0.5f);
        var targets = tensor(new long[] { 1, 4, 7, 9 });
        var parameters = cnn.parameters().ToArray();

        Tensor WrittenOut(Tensor input)
        {
            var first = nn.functional.max_pool2d(nn.functional.relu(nn.functional.conv2d(input, parameters[0], parameters[1], padding: [1, 1])), 2);
            var second = nn.functional.max_pool2d(nn.functional.relu(nn.functional.conv2d(first, parameters[2], parameters[3], padding: [1, 1])), 2);
            var pooled = nn.functional.adaptive_avg_pool2d(second, [SmallCnn.PooledSide, SmallCnn.PooledSide]);
            return nn.functional.linear(pooled.flatten(1), parameters[4], parameters[5]);
        }

        float[][] LossAndGradients(Func<Tensor, Tensor> network)
        {
            cnn.zero_grad();
            var loss = nn.functional.cross_entropy(network(images), targets);
            loss.backward();
            return [[loss.item<float>()], .. parameters.Select(parameter => parameter.grad!.data<float>().ToArray())];
        }

        var written = LossAndGradients(WrittenOut);
        var module = LossAndGradients(cnn.forward);
        Assert.Equal(written.Length, module.Length);
        for (var index = 0; index < written.Length; index++) Assert.Equal(written[index], module[index]);
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
