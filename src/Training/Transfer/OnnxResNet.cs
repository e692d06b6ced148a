using Sweep.Training.Models;
using Sweep.Training.Models.Onnx;
using static TorchSharp.torch;

namespace Sweep.Training.Transfer;

/// <summary>
/// The weights of a ResNet of basic blocks stored as an ONNX graph (as CNTK exported ImageNet
/// ResNet-18), mapped onto <see cref="ResNetBody"/>'s state_dict keys by following the graph from its
/// input, never by initializer names (CNTK's are "Parameter91", "Constant98"). The walk checks each
/// node against what <see cref="ResNetBody"/> computes and stops with a <see cref="WeightsException"/>
/// at the first difference:
/// <list type="bullet">
/// <item>stem: Conv 7×7 stride 2 without bias → BatchNormalization → Relu → MaxPool 3×3 stride 2;</item>
/// <item>each block: Conv 3×3 (stride 1 or 2) → BN → Relu → Conv 3×3 → BN → Add → Relu, the Add's
/// other input the block's input (identity) or Conv 1×1 with the block's stride → BN (downsample);
/// a block with a downsample starts a new stage;</item>
/// <item>end: AveragePool whose window is the whole final map (global), then the graph output.</item>
/// </list>
/// Padding: ONNX pads [top, left, bottom, right] of [k/2, k/2, k/2−1, k/2−1] on a stride-2 node (CNTK
/// writes [3,3,2,2] and [1,1,0,0]) give the same windows and output size as PyTorch's symmetric k/2
/// whenever the side entering the node is even, which holds at every node for inputs whose side is a
/// multiple of 32 (224 among them); the walk tracks the sides from the graph's input shape and
/// checks it. Other sizes are then PyTorch's symmetric padding: there the exported graph itself is
/// undefined (at 112 pixels its main path and shortcut disagree in shape). BatchNormalization must
/// use PyTorch's epsilon, 1e-5. BN inputs are (X, scale, B, mean, var), so scale → weight, B → bias.
/// </summary>
public static class OnnxResNet
{
    private const float PyTorchEpsilon = 1e-5f;

    /// <summary>The blocks per stage and the weights by state_dict key, read from <paramref name="graph"/>.</summary>
    public static (IReadOnlyList<int> BlocksPerStage, Dictionary<string, Tensor> Weights) Read(OnnxGraph graph, string source)
    {
        var walk = new Walk(graph, source);
        if (graph.Inputs.Count != 1 || graph.Inputs[0].Dimensions is not [_, 3, var height, var width] || height < 1 || width < 1)
            throw walk.Problem($"expected one image input [N, 3, H, W], found {string.Join(", ", graph.Inputs.Select(input => $"{input.Name} [{string.Join(",", input.Dimensions)}]"))}");
        var (value, side) = Stem(walk, graph.Inputs[0].Name, (height, width));
        var blocksPerStage = new List<int>();
        while (graph.Consuming(value) is var consumers && !(consumers is [{ OpType: "AveragePool" }]))
            (value, side) = Block(walk, consumers, value, side, blocksPerStage);
        CheckGlobalPool(walk, graph, graph.Consuming(value)[0], side);
        return (blocksPerStage, walk.Weights);
    }

    // conv1, bn1, relu, maxpool: the value after the stem and its side.
    private static (string Value, (long Height, long Width) Side) Stem(Walk walk, string input, (long Height, long Width) side)
    {
        var stem = walk.Single(input, "Conv");
        side = walk.Convolution(stem, "conv1", kernel: 7, stride: 2, side);
        var value = walk.Norm(walk.Single(stem.Outputs[0], "BatchNormalization"), "bn1");
        value = walk.Single(value, "Relu").Outputs[0];
        var pool = walk.Single(value, "MaxPool");
        return (pool.Outputs[0], walk.Pooling(pool, kernel: 3, stride: 2, side));
    }

    // One basic block read from the convolutions that consume value; a 1×1 shortcut opens a new stage.
    private static (string Value, (long Height, long Width) Side) Block(Walk walk, IReadOnlyList<OnnxNode> consumers, string value,
        (long Height, long Width) side, List<int> blocksPerStage)
    {
        var convolutions = consumers.Where(node => node.OpType == "Conv").ToList();
        var main = convolutions.SingleOrDefault(node => walk.Kernel(node) == 3) ?? throw walk.Problem($"no 3×3 convolution reads {value}");
        var shortcut = convolutions.SingleOrDefault(node => walk.Kernel(node) == 1);
        if (shortcut is not null || blocksPerStage.Count == 0) blocksPerStage.Add(0);
        var prefix = $"layer{blocksPerStage.Count}.{blocksPerStage[^1]}";
        blocksPerStage[^1]++;

        var stride = (int)main.Ints("strides", [1, 1])[0];
        var expectedStride = blocksPerStage.Count > 1 && blocksPerStage[^1] == 1 ? 2 : 1;
        if (stride != expectedStride) throw walk.Problem($"block {prefix} strides by {stride}, where ResNetBody strides by {expectedStride}");
        var blockSide = walk.Convolution(main, $"{prefix}.conv1", kernel: 3, stride, side);
        var inner = walk.Norm(walk.Single(main.Outputs[0], "BatchNormalization"), $"{prefix}.bn1");
        var second = walk.Single(walk.Single(inner, "Relu").Outputs[0], "Conv");
        walk.Convolution(second, $"{prefix}.conv2", kernel: 3, stride: 1, blockSide);
        var residual = walk.Norm(walk.Single(second.Outputs[0], "BatchNormalization"), $"{prefix}.bn2");

        var identity = value;
        if (shortcut is not null)
        {
            walk.Convolution(shortcut, $"{prefix}.downsample.0", kernel: 1, stride, side);
            identity = walk.Norm(walk.Single(shortcut.Outputs[0], "BatchNormalization"), $"{prefix}.downsample.1");
        }
        else if (stride != 1)
        {
            throw walk.Problem($"block {prefix} strides by {stride} without a downsampling shortcut");
        }

        var add = walk.Single(residual, "Add");
        if (!add.Inputs.Contains(identity)) throw walk.Problem($"block {prefix} adds {string.Join(" and ", add.Inputs)}, not its shortcut {identity}");
        return (walk.Single(add.Outputs[0], "Relu").Outputs[0], blockSide);
    }

    // The body ends in a global average pool whose output is the graph's one output.
    private static void CheckGlobalPool(Walk walk, OnnxGraph graph, OnnxNode average, (long Height, long Width) side)
    {
        if (average.Ints("kernel_shape", []) is not [var kernelHeight, var kernelWidth] || kernelHeight != side.Height || kernelWidth != side.Width || average.Ints("pads", [0, 0, 0, 0]).Any(pad => pad != 0))
            throw walk.Problem($"the final pooling {average.Name} is not global over the {side.Height}×{side.Width} map");
        if (graph.Outputs.Count != 1 || graph.Outputs[0].Name != average.Outputs[0])
            throw walk.Problem($"the graph's output is not the pooled features of {average.Name}");
    }

    // Walks one graph, collecting the weights it meets under their state_dict keys.
    private sealed class Walk(OnnxGraph graph, string source)
    {
        public Dictionary<string, Tensor> Weights { get; } = new(StringComparer.Ordinal);

        public WeightsException Problem(string what) => new($"{source} is not a ResNet of basic blocks as expected: {what}.");

        public OnnxNode Single(string value, string opType) =>
            graph.Consuming(value) is [var node] && node.OpType == opType
                ? node
                : throw Problem($"expected {value} to be read by one {opType} node, found {string.Join(", ", graph.Consuming(value).Select(node => $"{node.OpType} {node.Name}"))}");

        public long Kernel(OnnxNode convolution) => convolution.Ints("kernel_shape", [0, 0]) is [var height, var width] && height == width ? height : -1;

        public (long Height, long Width) Convolution(OnnxNode node, string key, int kernel, int stride, (long Height, long Width) side)
        {
            if (node.Inputs.Count != 2) throw Problem($"convolution {node.Name} has a bias or no weight ({node.Inputs.Count} inputs)");
            if (node.Int("group", 1) != 1 || node.Ints("dilations", [1, 1]).Any(dilation => dilation != 1))
                throw Problem($"convolution {node.Name} is grouped or dilated");
            var weight = Initializer(node.Inputs[1], node);
            if (weight.Dimensions is not [_, _, var height, var width] || height != kernel || width != kernel)
                throw Problem($"convolution {node.Name} for {key} has a weight of [{string.Join(", ", weight.Dimensions)}], not {kernel}×{kernel}");
            Weights[$"{key}.weight"] = tensor(weight.Values, weight.Dimensions);
            return Pooling(node, kernel, stride, side);
        }

        public (long Height, long Width) Pooling(OnnxNode node, int kernel, int stride, (long Height, long Width) side)
        {
            if (node.Ints("kernel_shape", []) is not [var height, var width] || height != kernel || width != kernel)
                throw Problem($"{node.OpType} {node.Name} has a window of [{string.Join(", ", node.Ints("kernel_shape", []))}], not {kernel}×{kernel}");
            if (node.Ints("strides", [1, 1]) is not [var down, var across] || down != stride || across != stride)
                throw Problem($"{node.OpType} {node.Name} has strides [{string.Join(", ", node.Ints("strides", [1, 1]))}], not {stride}");
            if (node.Text("auto_pad", "NOTSET") != "NOTSET") throw Problem($"{node.OpType} {node.Name} pads automatically");
            var pads = node.Ints("pads", [0, 0, 0, 0]);
            var half = kernel / 2;
            if (pads is not [var top, var left, var bottom, var right] || top != half || left != half
                || !Matches(bottom, half, stride, side.Height) || !Matches(right, half, stride, side.Width))
                throw Problem($"{node.OpType} {node.Name} pads [{string.Join(", ", pads)}] on a {side.Height}×{side.Width} map, which PyTorch's symmetric padding of {half} does not reproduce");
            return ((side.Height + 2 * half - kernel) / stride + 1, (side.Width + 2 * half - kernel) / stride + 1);
        }

        public string Norm(OnnxNode node, string key)
        {
            if (node.Inputs.Count != 5) throw Problem($"batch normalisation {node.Name} has {node.Inputs.Count} inputs, not 5");
            if (node.Int("spatial", 1) != 1) throw Problem($"batch normalisation {node.Name} is not spatial");
            if (Math.Abs(node.Float("epsilon", PyTorchEpsilon) - PyTorchEpsilon) > 1e-9f)
                throw Problem($"batch normalisation {node.Name} has epsilon {node.Float("epsilon", PyTorchEpsilon)}, not PyTorch's {PyTorchEpsilon}");
            string[] names = ["weight", "bias", "running_mean", "running_var"];
            for (var i = 0; i < names.Length; i++)
            {
                var values = Initializer(node.Inputs[i + 1], node);
                Weights[$"{key}.{names[i]}"] = tensor(values.Values, values.Dimensions);
            }

            return node.Outputs[0];
        }

        // Bottom/right padding `pad` matches PyTorch's symmetric `half` on a side of `length`: equal, or
        // one less on a stride-2 node where the last row of padding falls outside every window.
        // (n + 2h − k)/s and (n + 2h − 1 − k)/s, k = 2h + 1, s = 2, round down to the same whole number iff n is even.
        private static bool Matches(long pad, int half, int stride, long length) =>
            pad == half || (stride == 2 && pad == half - 1 && length % 2 == 0);

        private OnnxTensor Initializer(string name, OnnxNode node) =>
            graph.Initializers.TryGetValue(name, out var value) ? value : throw Problem($"{node.OpType} {node.Name} reads {name}, which is not a stored tensor");
    }
}
