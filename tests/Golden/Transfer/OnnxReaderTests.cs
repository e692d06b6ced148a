using Google.Protobuf;
using Sweep.Training.Models.Onnx;
using Xunit;
using static Google.Protobuf.WireFormat;

namespace Sweep.Golden.Tests.Transfer;

/// <summary>
/// The ONNX reader on small models encoded here byte by byte from the ONNX format's field numbers
/// (ModelProto producer_name 2, graph 7, opset_import 8; GraphProto node 1, initializer 5, input 11,
/// output 12; NodeProto input 1, output 2, op_type 4, attribute 5; AttributeProto name 1, f 2, s 4,
/// floats 7, ints 8; TensorProto dims 1, data_type 2, float_data 4, name 8; ValueInfoProto name 1, type 2;
/// TypeProto tensor_type 1 → shape 2 → dim 1 → dim_value 1 or dim_param 2), independently of the
/// .proto the reader is generated from: the cases the bundled ResNet-18 does not exercise.
/// </summary>
public sealed class OnnxReaderTests
{
    [Fact]
    public void Onnx_reader_reads_float_data_both_encodings_of_repeated_numbers_and_attribute_presence()
    {
        var attributes = new[]
        {
            Message(Text(1, "alpha"), Float(2, 0f)),
            Message(Text(1, "scales"), Float(7, 1.5f), Float(7, 2f)),
            Message(Text(1, "kernel_shape"), Bytes(8, Packed(3, 3))),
            Message(Text(1, "pads"), Int(8, 1), Int(8, 0), Int(8, 1), Int(8, 0)),
            Message(Text(1, "auto_pad"), Text(4, "NOTSET")),
        };
        var node = Message([Text(1, "x"), Text(1, "w"), Text(2, "y"), Text(4, "Conv"), Text(6, "skipped documentation"), .. attributes.Select(attribute => Bytes(5, attribute))]);
        var weights = Message(Int(1, 2), Int(1, 2), Int(2, 1), Bytes(4, Fixed32(1f, -2f, 0.5f, 4f)), Text(8, "w"));
        var graph = Message(Bytes(1, node), Bytes(5, weights), Bytes(11, Value("x", Dimension(1), Symbolic("N"))), Bytes(11, Value("w", Dimension(2), Dimension(2))), Bytes(12, Value("y")));
        var model = Message(Int(1, 3), Text(2, "hand"), Bytes(7, graph), Bytes(8, Opset("", 7)), Bytes(8, Opset("ai.onnx", 9)), Bytes(8, Opset("com.microsoft", 99)));

        var read = Read(model);

        Assert.Equal(("hand", 9L), (read.Producer, read.OpsetVersion));
        var conv = Assert.Single(read.Nodes);
        Assert.Equal("Conv", conv.OpType);
        Assert.Equal(["x", "w"], conv.Inputs);
        Assert.Equal(["y"], conv.Outputs);
        Assert.Equal(0f, conv.Attributes["alpha"].Float);
        Assert.Null(conv.Attributes["alpha"].Int);
        Assert.Equal([1.5f, 2f], conv.Attributes["scales"].Floats);
        Assert.Equal([3L, 3], conv.Ints("kernel_shape", []));
        Assert.Equal([1L, 0, 1, 0], conv.Ints("pads", []));
        Assert.Equal("NOTSET", conv.Text("auto_pad", ""));
        Assert.Null(conv.Attributes["auto_pad"].Float);
        var tensor = read.Initializers["w"];
        Assert.Equal([2L, 2], tensor.Dimensions);
        Assert.Equal([1f, -2f, 0.5f, 4f], tensor.Values);
        // "w" is also an initializer, so it is a weight with a default, not an input.
        Assert.Equal("x", Assert.Single(read.Inputs).Name);
        Assert.Equal([1L, 0], read.Inputs[0].Dimensions);
        Assert.Equal("y", Assert.Single(read.Outputs).Name);
        Assert.Empty(read.Outputs[0].Dimensions);
    }

    [Fact]
    public void Onnx_reader_refuses_a_non_float_tensor_a_model_without_a_graph_and_bytes_that_are_not_protobuf()
    {
        var integers = Message(Int(1, 2), Int(2, 7), Text(8, "shape"));
        var graph = Message(Bytes(5, integers));

        var notFloat = Assert.Throws<InvalidDataException>(() => Read(Message(Bytes(7, graph))));
        var noGraph = Assert.Throws<InvalidDataException>(() => Read(Message(Text(2, "empty"))));
        var notProtobuf = Assert.Throws<InvalidDataException>(() => Read([0xFF, 0xFF, 0xFF, 0xFF]));

        Assert.Contains("'shape' has ONNX data type 7", notFloat.Message);
        Assert.Contains("no graph", noGraph.Message);
        Assert.Contains("is not a readable ONNX file", notProtobuf.Message);
    }

    private static OnnxGraph Read(byte[] model)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, model);
            return OnnxReader.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Opset(string domain, long version) => Message(Text(1, domain), Int(2, version));

    private static byte[] Value(string name, params byte[][] dimensions) =>
        Message(Text(1, name), Bytes(2, Message(Bytes(1, Message(Bytes(2, Message(dimensions.Select(dimension => Bytes(1, dimension)).ToArray())))))));

    private static byte[] Dimension(long size) => Message(Int(1, size));

    private static byte[] Symbolic(string name) => Message(Text(2, name));

    private static byte[] Message(params byte[][] fields) => fields.SelectMany(field => field).ToArray();

    private static byte[] Text(int number, string text) => Bytes(number, System.Text.Encoding.UTF8.GetBytes(text));

    private static byte[] Bytes(int number, byte[] bytes) =>
        Encode(output => { output.WriteTag(number, WireType.LengthDelimited); output.WriteBytes(ByteString.CopyFrom(bytes)); });

    private static byte[] Int(int number, long value) =>
        Encode(output => { output.WriteTag(number, WireType.Varint); output.WriteInt64(value); });

    private static byte[] Float(int number, float value) =>
        Encode(output => { output.WriteTag(number, WireType.Fixed32); output.WriteFloat(value); });

    private static byte[] Packed(params long[] values) => Encode(output => { foreach (var value in values) output.WriteInt64(value); });

    private static byte[] Fixed32(params float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static byte[] Encode(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true)) write(output);
        return stream.ToArray();
    }
}
