using Sweep.Training.Data;
using Sweep.Training.Models.Onnx;
using static TorchSharp.torch;

namespace Sweep.Training.Transfer;

/// <summary>
/// The ImageNet-pretrained ResNet-18 that ships with Sweep, offline: the ONNX files of ML.NET's
/// featurizer package (Microsoft.ML.DnnImageFeaturizer.ResNet18, MIT licence), copied by the build
/// to models/resnet18-imagenet/ beside the assemblies. It is CNTK's ResNet-18 with three blocks in
/// its last stage ([2, 2, 2, 3]), trained on blue-green-red 224×224 images minus a mean image.
/// <para>Loaded as a <see cref="Backbone"/> that reads red-green-blue: the stem convolution's input
/// channels are put in the order the preprocessing graph feeds them (<see cref="OnnxPreprocessing"/>),
/// which computes exactly the same sums as swapping the image's channels, so images load the same way
/// for every backbone. The normalisation subtracts the file's mean image (in red-green-blue order),
/// resampled by area to the image size when it is not 224 (see <see cref="MeanImage"/>), and divides
/// by nothing.</para>
/// </summary>
public static class BundledWeights
{
    /// <summary>The model name of the bundled weights.</summary>
    public const string ResNet18ImageNet = "resnet18-imagenet";

    /// <summary>The network's file in the bundle folder.</summary>
    public const string NetworkFile = "ResNet18.onnx";

    /// <summary>The preprocessing's file in the bundle folder.</summary>
    public const string PreprocessingFile = "ResNetPreprocess.onnx";

    /// <summary>Where the build puts the files: models/resnet18-imagenet beside the assemblies.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "models", ResNet18ImageNet);

    /// <summary>Loads the bundled ResNet-18 from <paramref name="folder"/> (default <see cref="Folder"/>).</summary>
    public static Backbone LoadResNet18(string? folder = null)
    {
        folder ??= Folder;
        var network = Path.Combine(folder, NetworkFile);
        var preprocessing = Path.Combine(folder, PreprocessingFile);
        foreach (var path in new[] { network, preprocessing }.Where(path => !File.Exists(path)))
            throw new WeightsException($"the bundled ResNet-18 file {path} is missing; it is copied there by the build from the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 (run dotnet build again).");

        var steps = OnnxPreprocessing.Read(Read(preprocessing), preprocessing);
        var normalisation = Normalisation.MinusMeanImage(1.0, steps.MeanImage, 3, steps.Height, steps.Width);
        return new Backbone(ResNet18ImageNet, BlocksPerStage, () => ReadNetwork(network, steps.ChannelOrder), normalisation, steps.Height,
            Backbone.IdentityOf(network, preprocessing));
    }

    /// <summary>
    /// The blocks per stage of the bundled network. The file is fixed (its hash is the backbone's
    /// identity), so they are known without reading its 64 MB, which only a missing feature row needs;
    /// reading it checks them.
    /// </summary>
    public static readonly IReadOnlyList<int> BlocksPerStage = [2, 2, 2, 3];

    private static IReadOnlyDictionary<string, Tensor> ReadNetwork(string network, IReadOnlyList<int> channelOrder)
    {
        var (blocksPerStage, weights) = OnnxResNet.Read(Read(network), network);
        if (!blocksPerStage.SequenceEqual(BlocksPerStage))
        {
            foreach (var weight in weights.Values) weight.Dispose();
            throw new WeightsException($"{network} has [{string.Join(", ", blocksPerStage)}] blocks per stage, not the bundled ResNet-18's [{string.Join(", ", BlocksPerStage)}]; restore the file (run dotnet build again).");
        }

        var stem = weights["conv1.weight"];
        using (var inverse = tensor(Inverse(channelOrder)))
            weights["conv1.weight"] = stem.index_select(1, inverse).contiguous();
        stem.Dispose();
        return weights;
    }

    // The network's channel c reads input channel order[c]; weight column order[c] must hold the
    // network's column c, so the input-ordered weight takes column inverse[i] of the network's at i.
    private static long[] Inverse(IReadOnlyList<int> order)
    {
        var inverse = new long[order.Count];
        for (var channel = 0; channel < order.Count; channel++) inverse[order[channel]] = channel;
        return inverse;
    }

    private static OnnxGraph Read(string path)
    {
        try
        {
            return OnnxReader.Read(path);
        }
        catch (InvalidDataException problem)
        {
            throw new WeightsException(problem.Message, problem);
        }
    }
}
