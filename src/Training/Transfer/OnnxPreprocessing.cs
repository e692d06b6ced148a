using Sweep.Training.Models.Onnx;

namespace Sweep.Training.Transfer;

/// <summary>
/// The preprocessing graph of ML.NET's ResNet featurizer (ResNetPreprocess.onnx), read by walking it:
/// Split the image's channels → Concat them in another order → Sub a stored mean image. In that file
/// the input is red, green, blue (0..255), the concatenation is blue, green, red, and the mean image
/// [1, 3, 224, 224] is in that blue-green-red order (plane means about 103.06, 115.90, 123.15); no
/// division follows. <see cref="Steps.ChannelOrder"/>[c] is the input channel that the network's channel c
/// reads; the mean image comes back in the input's own channel order, so that the same subtraction
/// can be applied to red-green-blue images before any reordering.
/// </summary>
public static class OnnxPreprocessing
{
    /// <summary>The channel order and the mean image (input order, channel-major) of a preprocessing graph.</summary>
    public sealed record Steps(IReadOnlyList<int> ChannelOrder, float[] MeanImage, int Height, int Width);

    /// <summary>Reads the steps of <paramref name="graph"/>, or throws a <see cref="WeightsException"/> naming <paramref name="source"/>.</summary>
    public static Steps Read(OnnxGraph graph, string source)
    {
        WeightsException Problem(string what) => new($"{source} is not the expected preprocessing (split channels, reorder, subtract a mean image): {what}.");

        if (graph.Inputs is not [var input] || input.Dimensions is not [_, 3, var height, var width])
            throw Problem("expected one input [N, 3, H, W]");
        if (graph.Consuming(input.Name) is not [{ OpType: "Split" } split] || split.Int("axis", 0) != 1 || split.Outputs.Count != 3)
            throw Problem("the input is not split into its three channels");
        if (graph.Consuming(split.Outputs[0]) is not [{ OpType: "Concat" } concat] || concat.Int("axis", 0) != 1 || concat.Inputs.Count != 3)
            throw Problem("the channels are not concatenated again");
        var order = concat.Inputs.Select(name => split.Outputs.ToList().IndexOf(name)).ToArray();
        if (order.Order().SequenceEqual([0, 1, 2]) is false)
            throw Problem("the concatenation is not a reordering of the three channels");
        if (graph.Consuming(concat.Outputs[0]) is not [{ OpType: "Sub" } subtract] || subtract.Inputs[0] != concat.Outputs[0]
            || !graph.Initializers.TryGetValue(subtract.Inputs[1], out var mean) || !mean.Dimensions.SequenceEqual([1L, 3, height, width]))
            throw Problem($"the reordered image is not reduced by a stored [1, 3, {height}, {width}] mean image");
        if (graph.Outputs is not [var output] || output.Name != subtract.Outputs[0])
            throw Problem("the subtraction is not the graph's output");

        var plane = (int)(height * width);
        var inInputOrder = new float[3 * plane];
        for (var channel = 0; channel < 3; channel++)
            Array.Copy(mean.Values, channel * plane, inInputOrder, order[channel] * plane, plane);
        return new Steps(order, inInputOrder, (int)height, (int)width);
    }
}
