using System.Runtime.InteropServices;
using Google.Protobuf;
using Sweep.Training.Models.Onnx.Format;

namespace Sweep.Training.Models.Onnx;

/// <summary>
/// Reads an ONNX file (a protobuf ModelProto) into an <see cref="OnnxGraph"/>. The protobuf classes
/// are generated at build time from onnx_subset.proto, which declares only the ONNX messages and
/// fields read here; everything else in the file is skipped by the parser and not kept.
/// The opset is the highest version imported for the default domain ("" or "ai.onnx").
/// Only float32 initializers are kept (data type 1); others are an <see cref="InvalidDataException"/>,
/// as is a file that is not protobuf or has no graph.
/// </summary>
public static class OnnxReader
{
    private const int FloatType = 1;

    // Unknown fields (documentation strings, metadata, value infos of inner tensors) are dropped while parsing, not carried.
    private static readonly MessageParser<ModelProto> Parser = ModelProto.Parser.WithDiscardUnknownFields(true);

    /// <summary>Reads the ONNX file at <paramref name="path"/>.</summary>
    public static OnnxGraph Read(string path)
    {
        ModelProto model;
        try
        {
            model = Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (InvalidProtocolBufferException problem)
        {
            throw new InvalidDataException($"{path} is not a readable ONNX file ({problem.Message}).", problem);
        }

        if (model.Graph is null) throw new InvalidDataException("the ONNX file has no graph.");
        var opset = model.OpsetImport.Where(set => set.Domain is "" or "ai.onnx").Select(set => set.Version).DefaultIfEmpty(0).Max();
        return Graph(model.Graph) with { Producer = model.ProducerName, OpsetVersion = opset };
    }

    private static OnnxGraph Graph(GraphProto graph)
    {
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializer.Select(Tensor)) initializers[tensor.Name] = tensor;
        // A graph input that is also an initializer is a weight with a default, not a real input.
        var inputs = graph.Input.Select(Value).Where(value => !initializers.ContainsKey(value.Name)).ToArray();
        return new OnnxGraph("", 0, graph.Node.Select(Node).ToArray(), initializers, inputs, graph.Output.Select(Value).ToArray());
    }

    private static OnnxNode Node(NodeProto node)
    {
        var attributes = new Dictionary<string, OnnxAttribute>(StringComparer.Ordinal);
        foreach (var attribute in node.Attribute) attributes[attribute.Name] = Attribute(attribute);
        return new OnnxNode(node.OpType, node.Name, node.Input.ToArray(), node.Output.ToArray(), attributes);
    }

    // Presence, not value, says which of the single fields the attribute holds: f = 0 is a value, an absent f is none.
    private static OnnxAttribute Attribute(AttributeProto attribute) => new(
        attribute.HasF ? attribute.F : null,
        attribute.HasI ? attribute.I : null,
        attribute.HasS ? attribute.S.ToStringUtf8() : null,
        attribute.Ints.ToArray(),
        attribute.Floats.ToArray(),
        attribute.T is { } tensor ? Tensor(tensor) : null);

    private static OnnxTensor Tensor(TensorProto tensor)
    {
        if (tensor.DataType != FloatType)
            throw new InvalidDataException($"tensor '{tensor.Name}' has ONNX data type {tensor.DataType}; only float32 (1) tensors are read.");
        // raw_data is little-endian float32, as the ONNX format specifies; so is this machine's float layout on every platform .NET runs.
        var values = tensor.HasRawData ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : tensor.FloatData.ToArray();
        var expected = tensor.Dims.Aggregate(1L, (product, size) => product * size);
        if (values.LongLength != expected)
            throw new InvalidDataException($"tensor '{tensor.Name}' has {values.LongLength} values for dimensions [{string.Join(", ", tensor.Dims)}] ({expected} expected).");
        return new OnnxTensor(tensor.Name, tensor.Dims.ToArray(), values);
    }

    // A symbolic dimension (a name instead of a number) reads as 0; a value that is not a tensor has no dimensions.
    private static OnnxValue Value(ValueInfoProto value) =>
        new(value.Name, value.Type?.TensorType?.Shape?.Dim.Select(dimension => dimension.DimValue).ToArray() ?? []);
}
