using Sweep.Training.Models.Onnx;
using Sweep.Training.Transfer;
using Xunit;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Transfer;

/// <summary>
/// Reading the CNTK ResNet-18 export by walking its graph: what the file holds (opset, shapes, 110
/// float tensors), the stages it finds, and graphs that differ from what the body computes refused.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class OnnxResNetTests
{
    [Fact]
    public void Transfer_the_export_is_opset_8_with_110_float_tensors_and_one_224_pixel_input()
    {
        var graph = BundledResNet.Graph;

        Assert.Equal(8, graph.OpsetVersion);
        Assert.Equal("CNTK", graph.Producer);
        Assert.Equal(110, graph.Initializers.Count);
        Assert.Equal([1L, 3, 224, 224], Assert.Single(graph.Inputs).Dimensions);
        Assert.Equal([1L, 512, 1, 1], Assert.Single(graph.Outputs).Dimensions);
    }

    [Fact]
    public void Transfer_the_walk_finds_stages_of_2_2_2_3_and_maps_every_tensor()
    {
        var (blocks, weights) = OnnxResNet.Read(BundledResNet.Graph, "ResNet18.onnx");
        try
        {
            Assert.Equal([2, 2, 2, 3], blocks);
            Assert.Equal(110, weights.Count);
            Assert.Equal([64L, 3, 7, 7], weights["conv1.weight"].shape);
            Assert.Equal([512L, 256, 1, 1], weights["layer4.0.downsample.0.weight"].shape);
            Assert.Equal([512L], weights["layer4.2.bn2.running_var"].shape);
            Assert.Equal(blocks, BundledResNet.Backbone.BlocksPerStage);
        }
        finally
        {
            foreach (var tensor in weights.Values) tensor.Dispose();
        }
    }

    [Fact]
    public void Transfer_other_input_sizes_pool_to_512_features()
    {
        using var scope = NewDisposeScope();
        using var body = BundledResNet.Backbone.Build();
        using var noGradients = no_grad();

        Assert.Equal([2L, 512], body.forward(rand(2, 3, 96, 96)).shape);
        Assert.Equal([1L, 512], body.forward(rand(1, 3, 112, 112)).shape);
    }

    [Fact]
    public void Transfer_a_side_that_is_a_multiple_of_32_keeps_the_export_s_padding_equal_to_pytorch_s()
    {
        var graph = BundledResNet.Graph with { Inputs = [new OnnxValue("Input247", [1, 3, 96, 96])] };

        var problem = Assert.Throws<WeightsException>(() => Dispose(OnnxResNet.Read(graph, "ResNet18.onnx")));

        // 96 passes every padding check; only the fixed 7×7 final pooling is no longer global.
        Assert.Contains("not global over the 3×3 map", problem.Message);
    }

    [Fact]
    public void Transfer_an_odd_side_where_the_asymmetric_padding_differs_from_pytorch_s_is_refused()
    {
        var graph = BundledResNet.Graph with { Inputs = [new OnnxValue("Input247", [1, 3, 225, 225])] };

        var problem = Assert.Throws<WeightsException>(() => Dispose(OnnxResNet.Read(graph, "ResNet18.onnx")));

        Assert.Contains("pads [3, 3, 2, 2] on a 225×225 map", problem.Message);
        Assert.DoesNotContain('\n', problem.Message);
    }

    [Fact]
    public void Transfer_a_batch_normalisation_epsilon_other_than_pytorch_s_is_refused()
    {
        var graph = BundledResNet.Graph;
        var altered = graph with
        {
            Nodes = graph.Nodes.Select(node => node.Name == "BatchNormalization259"
                ? node with { Attributes = new Dictionary<string, OnnxAttribute>(node.Attributes) { ["epsilon"] = new(1e-3f, null, null, [], [], null) } }
                : node).ToArray(),
        };

        var problem = Assert.Throws<WeightsException>(() => Dispose(OnnxResNet.Read(altered, "ResNet18.onnx")));

        Assert.Contains("BatchNormalization259 has epsilon 0.001", problem.Message);
    }

    private static void Dispose((IReadOnlyList<int> Blocks, Dictionary<string, Tensor> Weights) read)
    {
        foreach (var tensor in read.Weights.Values) tensor.Dispose();
    }
}
