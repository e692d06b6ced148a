namespace Sweep.Training.Models.Onnx;

/// <summary>
/// The parts of an ONNX model that weights are read from: the opset, the graph's nodes in order,
/// its initializers (the stored tensors) by name, and its input and output names with their shapes.
/// Only what <see cref="OnnxReader"/> needs to rebuild a network is kept; the rest of the file
/// (documentation strings, metadata, value infos of inner tensors) is skipped.
/// </summary>
public sealed record OnnxGraph(
    string Producer,
    long OpsetVersion,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyDictionary<string, OnnxTensor> Initializers,
    IReadOnlyList<OnnxValue> Inputs,
    IReadOnlyList<OnnxValue> Outputs)
{
    /// <summary>The node that writes <paramref name="output"/>, if any (an input or initializer has none).</summary>
    public OnnxNode? Producing(string output) => Nodes.FirstOrDefault(node => node.Outputs.Contains(output));

    /// <summary>Every node that reads <paramref name="value"/>, in graph order.</summary>
    public IReadOnlyList<OnnxNode> Consuming(string value) => Nodes.Where(node => node.Inputs.Contains(value)).ToArray();
}

/// <summary>One operation: its type ("Conv", "BatchNormalization", ...), what it reads and writes, its attributes.</summary>
public sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyDictionary<string, OnnxAttribute> Attributes)
{
    /// <summary>The integer list attribute <paramref name="name"/>, or <paramref name="fallback"/> when the node has none (ONNX's default).</summary>
    public IReadOnlyList<long> Ints(string name, IReadOnlyList<long> fallback) =>
        Attributes.TryGetValue(name, out var attribute) ? attribute.Ints : fallback;

    /// <summary>The integer attribute <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public long Int(string name, long fallback) =>
        Attributes.TryGetValue(name, out var attribute) && attribute.Int is { } value ? value : fallback;

    /// <summary>The float attribute <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public float Float(string name, float fallback) =>
        Attributes.TryGetValue(name, out var attribute) && attribute.Float is { } value ? value : fallback;

    /// <summary>The string attribute <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public string Text(string name, string fallback) =>
        Attributes.TryGetValue(name, out var attribute) && attribute.Text is { } value ? value : fallback;
}

/// <summary>A node attribute: whichever of a float, an integer, a string, integers, floats or a tensor it holds.</summary>
public sealed record OnnxAttribute(float? Float, long? Int, string? Text, IReadOnlyList<long> Ints, IReadOnlyList<float> Floats, OnnxTensor? Tensor);

/// <summary>A float tensor: its name, its dimensions and its values in row-major order.</summary>
public sealed record OnnxTensor(string Name, long[] Dimensions, float[] Values);

/// <summary>A graph input or output: its name and its dimensions (0 for a symbolic one).</summary>
public sealed record OnnxValue(string Name, long[] Dimensions);
