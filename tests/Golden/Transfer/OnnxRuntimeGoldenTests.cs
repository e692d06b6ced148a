using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sweep.Training.Transfer;
using Xunit;
using Xunit.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Transfer;

/// <summary>
/// The bundled ResNet-18 as Sweep runs it (mean-image normalisation on red-green-blue pixels, then
/// the TorchSharp body) against the ONNX files run by ONNX Runtime (preprocessing graph, then the
/// network), on generated 224×224 pictures: the 512 pooled features must agree within 1e-4.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class OnnxRuntimeGoldenTests(OnnxRuntimeSessions sessions, ITestOutputHelper output) : IClassFixture<OnnxRuntimeSessions>
{
    private const int Size = 224;
    private const int Plane = Size * Size;
    private static readonly int[] Seeds = [11, 12, 13];

    [Fact]
    public void Transfer_bundled_ResNet18_features_match_onnx_runtime_within_1e_4()
    {
        torch.set_num_threads(1);
        var (preprocessing, network) = (sessions.Preprocessing, sessions.Network);
        using var body = BundledResNet.Backbone.Build();
        var largest = 0.0;
        foreach (var seed in Seeds)
        {
            var pixels = GeneratedImages.Rgb(seed, Size);
            var expected = Run(network, Run(preprocessing, pixels));

            var inputs = (float[])pixels.Clone();
            BundledResNet.Backbone.Normalisation.Apply(inputs, 3, Plane);
            float[] actual;
            using (var scope = NewDisposeScope())
            using (no_grad())
                actual = body.forward(tensor(inputs, [1, 3, Size, Size])).data<float>().ToArray();

            Assert.Equal(512, expected.Length);
            Assert.Equal(512, actual.Length);
            var difference = expected.Zip(actual, (left, right) => Math.Abs((double)left - right)).Max();
            output.WriteLine($"image {seed}: max |ours - ONNX Runtime| = {difference:E2} over 512 features (largest feature {expected.Max():F3})");
            largest = Math.Max(largest, difference);
        }

        output.WriteLine($"max abs difference over {Seeds.Length} images: {largest:E2}");
        Assert.True(largest < 1e-4, $"max abs difference {largest:E3} is not below 1e-4");
    }

    [Fact]
    public void Transfer_mean_image_normalisation_is_the_preprocessing_graph_with_channels_swapped()
    {
        var preprocessing = sessions.Preprocessing;
        var pixels = GeneratedImages.Rgb(21, Size);
        var blueGreenRed = Run(preprocessing, pixels);
        var ours = (float[])pixels.Clone();
        BundledResNet.Backbone.Normalisation.Apply(ours, 3, Plane);

        for (var channel = 0; channel < 3; channel++)
            Assert.Equal(blueGreenRed.AsSpan((2 - channel) * Plane, Plane).ToArray(), ours.AsSpan(channel * Plane, Plane).ToArray());
    }

    private static float[] Run(InferenceSession session, float[] values)
    {
        var input = new DenseTensor<float>(values, [1, 3, Size, Size]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), input)]);
        return results.Single().AsTensor<float>().ToArray();
    }
}

/// <summary>
/// The two ONNX Runtime sessions, created once for the test class and disposed after it, with one
/// options object: one intra-op and one inter-op thread, sequential execution, so that a test run
/// does not start a thread pool per session (a session per call once exhausted the machine's threads).
/// </summary>
public sealed class OnnxRuntimeSessions : IDisposable
{
    private readonly SessionOptions options = new()
    {
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
    };

    public OnnxRuntimeSessions()
    {
        Preprocessing = new InferenceSession(BundledResNet.PreprocessingPath, options);
        Network = new InferenceSession(BundledResNet.NetworkPath, options);
    }

    /// <summary>ResNetPreprocess.onnx.</summary>
    public InferenceSession Preprocessing { get; }

    /// <summary>ResNet18.onnx.</summary>
    public InferenceSession Network { get; }

    public void Dispose()
    {
        Preprocessing.Dispose();
        Network.Dispose();
        options.Dispose();
    }
}
