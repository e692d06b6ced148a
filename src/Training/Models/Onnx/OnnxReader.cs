using System.Runtime.InteropServices;
using System.Text;
using Google.Protobuf;

namespace Sweep.Training.Models.Onnx;

/// <summary>
/// Reads an ONNX file (a protobuf ModelProto) into an <see cref="OnnxGraph"/>, field by field with
/// Google.Protobuf's <see cref="CodedInputStream"/>: the handful of onnx.proto messages needed here
/// are read by their field numbers instead of classes generated from onnx.proto, since no protobuf
/// compiler is part of the build. Field numbers are those of onnx.proto (IR version 3 and later):
/// ModelProto producer_name 2, graph 7, opset_import 8; GraphProto node 1, initializer 5, input 11,
/// output 12; NodeProto input 1, output 2, name 3, op_type 4, attribute 5; AttributeProto name 1, f 2,
/// i 3, s 4, t 5, floats 7, ints 8; TensorProto dims 1, data_type 2, float_data 4, name 8, raw_data 9.
/// Repeated numbers are accepted packed and unpacked, as the protobuf rules require of a reader.
/// Only float32 initializers are kept (data type 1); others are a <see cref="InvalidDataException"/>,
/// as is a file that is not protobuf.
/// </summary>
public static class OnnxReader
{
    private const int FloatType = 1;

    /// <summary>Reads the ONNX file at <paramref name="path"/>.</summary>
    public static OnnxGraph Read(string path)
    {
        try
        {
            return Model(File.ReadAllBytes(path));
        }
        catch (InvalidProtocolBufferException problem)
        {
            throw new InvalidDataException($"{path} is not a readable ONNX file ({problem.Message}).", problem);
        }
    }

    private static OnnxGraph Model(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        string producer = "";
        long opset = 0;
        OnnxGraph? graph = null;
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 2: producer = input.ReadString(); break;
                case 7: graph = Graph(input.ReadBytes()); break;
                case 8: opset = Math.Max(opset, OpsetVersion(input.ReadBytes())); break;
                default: input.SkipLastField(); break;
            }
        }

        if (graph is null) throw new InvalidDataException("the ONNX file has no graph.");
        return graph with { Producer = producer, OpsetVersion = opset };
    }

    private static long OpsetVersion(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        string domain = "";
        long version = 0;
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: domain = input.ReadString(); break;
                case 2: version = input.ReadInt64(); break;
                default: input.SkipLastField(); break;
            }
        }

        return domain is "" or "ai.onnx" ? version : 0;
    }

    private static OnnxGraph Graph(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        var nodes = new List<OnnxNode>();
        var initializers = new Dictionary<string, OnnxTensor>(StringComparer.Ordinal);
        var inputs = new List<OnnxValue>();
        var outputs = new List<OnnxValue>();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: nodes.Add(Node(input.ReadBytes())); break;
                case 5:
                    var tensor = Tensor(input.ReadBytes());
                    initializers[tensor.Name] = tensor;
                    break;
                case 11: inputs.Add(Value(input.ReadBytes())); break;
                case 12: outputs.Add(Value(input.ReadBytes())); break;
                default: input.SkipLastField(); break;
            }
        }

        // A graph input that is also an initializer is a weight with a default, not a real input.
        return new OnnxGraph("", 0, nodes, initializers, inputs.Where(value => !initializers.ContainsKey(value.Name)).ToArray(), outputs);
    }

    private static OnnxNode Node(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new Dictionary<string, OnnxAttribute>(StringComparer.Ordinal);
        string name = "", opType = "";
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: inputs.Add(input.ReadString()); break;
                case 2: outputs.Add(input.ReadString()); break;
                case 3: name = input.ReadString(); break;
                case 4: opType = input.ReadString(); break;
                case 5:
                    var (attributeName, attribute) = Attribute(input.ReadBytes());
                    attributes[attributeName] = attribute;
                    break;
                default: input.SkipLastField(); break;
            }
        }

        return new OnnxNode(opType, name, inputs, outputs, attributes);
    }

    private static (string Name, OnnxAttribute Attribute) Attribute(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        string name = "";
        float? single = null;
        long? integer = null;
        string? text = null;
        OnnxTensor? tensor = null;
        var integers = new List<long>();
        var floats = new List<float>();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: name = input.ReadString(); break;
                case 2: single = input.ReadFloat(); break;
                case 3: integer = input.ReadInt64(); break;
                case 4: text = Encoding.UTF8.GetString(input.ReadBytes().Span); break;
                case 5: tensor = Tensor(input.ReadBytes()); break;
                case 7: ReadFloats(input, tag, floats); break;
                case 8: ReadInt64s(input, tag, integers); break;
                default: input.SkipLastField(); break;
            }
        }

        return (name, new OnnxAttribute(single, integer, text, integers, floats, tensor));
    }

    private static OnnxTensor Tensor(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        var dimensions = new List<long>();
        var values = new List<float>();
        ByteString? raw = null;
        string name = "";
        var dataType = 0;
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: ReadInt64s(input, tag, dimensions); break;
                case 2: dataType = input.ReadInt32(); break;
                case 4: ReadFloats(input, tag, values); break;
                case 8: name = input.ReadString(); break;
                case 9: raw = input.ReadBytes(); break;
                default: input.SkipLastField(); break;
            }
        }

        if (dataType != FloatType)
            throw new InvalidDataException($"tensor '{name}' has ONNX data type {dataType}; only float32 (1) tensors are read.");
        // raw_data is little-endian float32, as onnx.proto specifies; so is this machine's float layout on every platform .NET runs.
        var floats = raw is null ? values.ToArray() : MemoryMarshal.Cast<byte, float>(raw.Span).ToArray();
        var expected = dimensions.Aggregate(1L, (product, size) => product * size);
        if (floats.LongLength != expected)
            throw new InvalidDataException($"tensor '{name}' has {floats.LongLength} values for dimensions [{string.Join(", ", dimensions)}] ({expected} expected).");
        return new OnnxTensor(name, dimensions.ToArray(), floats);
    }

    private static OnnxValue Value(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        string name = "";
        var dimensions = new List<long>();
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: name = input.ReadString(); break;
                case 2: Dimensions(input.ReadBytes(), dimensions); break;
                default: input.SkipLastField(); break;
            }
        }

        return new OnnxValue(name, dimensions.ToArray());
    }

    // TypeProto.tensor_type (1) → TypeProto.Tensor.shape (2) → TensorShapeProto.dim (1) → dim_value (1).
    private static void Dimensions(ByteString type, List<long> dimensions)
    {
        foreach (var tensorType in Fields(type, 1))
            foreach (var shape in Fields(tensorType, 2))
                foreach (var dimension in Fields(shape, 1))
                    dimensions.Add(Fields(dimension, 1, varint: true).Select(value => BitConverter.ToInt64(value.Span)).FirstOrDefault());
    }

    // The length-delimited fields numbered `number` of a message (or, with varint, each value as 8 bytes).
    private static IEnumerable<ByteString> Fields(ByteString message, int number, bool varint = false)
    {
        var input = message.CreateCodedInput();
        var found = new List<ByteString>();
        while (input.ReadTag() is var tag and not 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != number) input.SkipLastField();
            else if (varint) found.Add(ByteString.CopyFrom(BitConverter.GetBytes(input.ReadInt64())));
            else found.Add(input.ReadBytes());
        }

        return found;
    }

    private static void ReadFloats(CodedInputStream input, uint tag, List<float> values)
    {
        if (WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
        {
            values.Add(input.ReadFloat());
            return;
        }

        values.AddRange(MemoryMarshal.Cast<byte, float>(input.ReadBytes().Span).ToArray());
    }

    private static void ReadInt64s(CodedInputStream input, uint tag, List<long> values)
    {
        if (WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
        {
            values.Add(input.ReadInt64());
            return;
        }

        var packed = input.ReadBytes().CreateCodedInput();
        while (!packed.IsAtEnd) values.Add(packed.ReadInt64());
    }
}
