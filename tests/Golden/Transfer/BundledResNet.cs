using Sweep.Training.Models.Onnx;
using Sweep.Training.Transfer;

namespace Sweep.Golden.Tests.Transfer;

/// <summary>
/// The bundled ResNet-18, loaded once for every test that needs it (reading 64 MB of ONNX and
/// building the body takes a couple of seconds), with its graph for tests that alter it.
/// </summary>
public static class BundledResNet
{
    private static readonly Lazy<Backbone> Loaded = new(() => BundledWeights.LoadResNet18());
    private static readonly Lazy<OnnxGraph> NetworkGraph = new(() => OnnxReader.Read(NetworkPath));

    /// <summary>The backbone (shared: do not dispose).</summary>
    public static Backbone Backbone => Loaded.Value;

    /// <summary>The network's graph as read.</summary>
    public static OnnxGraph Graph => NetworkGraph.Value;

    /// <summary>The copied network file.</summary>
    public static string NetworkPath => Path.Combine(BundledWeights.Folder, BundledWeights.NetworkFile);

    /// <summary>The copied preprocessing file.</summary>
    public static string PreprocessingPath => Path.Combine(BundledWeights.Folder, BundledWeights.PreprocessingFile);
}
