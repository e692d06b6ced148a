using Sweep.Training.Models;
using TorchSharp;
using Xunit;
using static Sweep.Golden.Tests.Models.ModelAssertions;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Models;

/// <summary>The MLP: its shapes, its keys, and that loaded weights give hand-computed logits.</summary>
public sealed class MlpTests
{
    [Fact]
    public void Loaded_weights_give_the_hand_computed_logits()
    {
        using var scope = NewDisposeScope();
        using var mlp = new Mlp(inputs: 4, hiddenWidths: [2], classes: 2);
        mlp.LoadLinearWeights(
        [
            ([1f, 0f, -1f, 2f, 0.5f, 1f, 0f, -1f], [0.5f, -1f]),
            ([1f, -1f, 2f, 0.5f], [0f, 1f]),
        ]);

        // Three 2x2 images, flattened row by row:
        // [1,2,3,4]:   hidden = relu([1-3+8+0.5, 0.5+2-4-1]) = [6.5, 0];  logits = [6.5, 13+1]
        // [0,0,0,0]:   hidden = relu([0.5, -1]) = [0.5, 0];               logits = [0.5, 1+1]
        // [-1,0,1,0]:  hidden = relu([-1-1+0.5, -0.5-1]) = [0, 0];        logits = [0, 1]
        var images = tensor(new float[] { 1, 2, 3, 4, 0, 0, 0, 0, -1, 0, 1, 0 }, [3, 1, 2, 2]);

        var logits = mlp.forward(images);

        Assert.Equal([3L, 2L], logits.shape);
        Assert.Equal([6.5f, 14f, 0.5f, 2f, 0f, 1f], Floats(logits));
    }

    [Fact]
    public void Flat_and_image_shaped_input_give_the_same_logits()
    {
        using var scope = NewDisposeScope();
        using var mlp = new Mlp(64, [32], 10);
        var images = rand(5, 1, 8, 8);

        Assert.Equal(Floats(mlp.forward(images)), Floats(mlp.forward(images.reshape(5, 64))));
    }

    [Fact]
    public void Loading_reaches_a_converted_mlp()
    {
        using var scope = NewDisposeScope();
        using var mlp = new Mlp(2, [], 1);
        mlp.to(float64);
        mlp.LoadLinearWeights([([3f, -2f], [0.5f])]);

        Assert.Equal(float64, mlp.Linears[0].weight!.dtype);
        Assert.Equal(3 * 1.0 - 2 * 4.0 + 0.5, mlp.forward(tensor(new[] { 1.0, 4.0 }, [1, 2])).item<double>());
    }

    [Fact]
    public void Mlp_784_128_10_has_its_shape_and_parameter_count()
    {
        using var scope = NewDisposeScope();
        using var mlp = new Mlp(ImageShape.Greyscale28.Features, [128], 10);

        Assert.Equal([3L, 10L], mlp.forward(rand(3, 1, 28, 28)).shape);
        Assert.Equal(784 * 128 + 128 + 128 * 10 + 10, ParameterCount(mlp));
    }

    [Fact]
    public void No_hidden_widths_is_logistic_regression()
    {
        using var scope = NewDisposeScope();
        using var mlp = new Mlp(784, [], 10);

        Assert.Single(mlp.Linears);
        Assert.Equal([3L, 10L], mlp.forward(rand(3, 1, 28, 28)).shape);
        Assert.Equal(784 * 10 + 10, ParameterCount(mlp));
    }

    [Fact]
    public void State_dict_keys_are_those_of_a_PyTorch_sequential()
    {
        using var mlp = new Mlp(64, [32], 10);

        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], mlp.state_dict().Keys);
        Assert.Equal(["0", "1", "2"], mlp.named_children().Select(child => child.name));
    }

    [Fact]
    public void Weights_that_do_not_fit_are_refused_before_anything_changes()
    {
        using var scope = NewDisposeScope();
        using var mlp = new Mlp(4, [2], 2);
        var before = StateDigests(mlp);

        Assert.Throws<ArgumentException>(() => mlp.LoadLinearWeights([(new float[8], new float[2])]));
        Assert.Throws<ArgumentException>(() => mlp.LoadLinearWeights([(new float[8], new float[2]), (new float[5], new float[2])]));
        Assert.Throws<ArgumentException>(() => mlp.LoadLinearWeights([(new float[8], new float[2]), (new float[4], new float[3])]));
        Assert.Equal(before, StateDigests(mlp));
    }
}
