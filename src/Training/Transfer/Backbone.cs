using System.Security.Cryptography;
using Sweep.Training.Data;
using Sweep.Training.Models;
using static TorchSharp.torch;

namespace Sweep.Training.Transfer;

/// <summary>
/// Pretrained weights for a <see cref="ResNetBody"/> (ImageNet stem, three input channels in the
/// order red, green, blue) together with what they expect of their inputs. It holds the weights,
/// not a live module: <see cref="Build"/> makes a fresh body from them, so that a run which trains
/// the body (unfrozen) starts from the pretrained weights and leaves them as they were for the next.
/// <list type="bullet">
/// <item><see cref="Normalisation"/>: how pixel values 0..255 become the inputs the weights were
/// trained on (the model's own, applied when the images are loaded).</item>
/// <item><see cref="ImageSize"/>: the side the weights were trained at, the default input size.</item>
/// <item><see cref="Identity"/>: a SHA-256 of the files the weights came from (hex), so that cached
/// features can be keyed by the weights' content rather than a name or a path.</item>
/// </list>
/// </summary>
public sealed class Backbone : IDisposable
{
    private readonly Lazy<Dictionary<string, Tensor>> weights;

    /// <summary>
    /// A backbone from <paramref name="weights"/> keyed as <see cref="ResNetBody"/>'s state_dict
    /// (checked: every key of the body, and only those, with its shape; "num_batches_tracked" may be
    /// missing). Takes ownership of the tensors.
    /// </summary>
    public Backbone(string name, IReadOnlyList<int> blocksPerStage, IReadOnlyDictionary<string, Tensor> weights,
        Normalisation normalisation, int imageSize, string identity)
        : this(name, blocksPerStage, () => weights, normalisation, imageSize, identity)
    {
        _ = this.weights.Value;
    }

    /// <summary>
    /// A backbone whose weights are read by <paramref name="load"/> the first time they are needed
    /// (<see cref="Weights"/>, <see cref="Build"/>): a sweep that trains heads on cached features never
    /// reads them. Everything else about the backbone must be known without them; the check of the
    /// weights (as above) happens when they are read, and a mismatch is a <see cref="WeightsException"/> then.
    /// </summary>
    public Backbone(string name, IReadOnlyList<int> blocksPerStage, Func<IReadOnlyDictionary<string, Tensor>> load,
        Normalisation normalisation, int imageSize, string identity)
    {
        Name = name;
        BlocksPerStage = blocksPerStage.ToArray();
        Normalisation = normalisation;
        ImageSize = imageSize;
        Identity = identity;
        weights = new Lazy<Dictionary<string, Tensor>>(() =>
        {
            var loaded = load();
            WeightsMatch.Check(name, $"a ResNet body of [{string.Join(", ", BlocksPerStage)}] blocks", ShapesFor(BlocksPerStage), loaded);
            return loaded.ToDictionary(entry => entry.Key, entry => Owned(entry.Value), StringComparer.Ordinal);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Whether the weights have been read.</summary>
    public bool WeightsLoaded => weights.IsValueCreated;

    /// <summary>What the weights are, for reports ("resnet18-imagenet", "resnet34 from weights.pth").</summary>
    public string Name { get; }

    /// <summary>Blocks in each stage of the body.</summary>
    public IReadOnlyList<int> BlocksPerStage { get; }

    /// <summary>How pixels 0..255 (red, green, blue) become the inputs these weights expect.</summary>
    public Normalisation Normalisation { get; }

    /// <summary>The image side the weights were trained at.</summary>
    public int ImageSize { get; }

    /// <summary>SHA-256 (hex) of the weight files' bytes.</summary>
    public string Identity { get; }

    /// <summary>Width of the pooled features: 512 for ResNet-18 and -34.</summary>
    public int Features => ResNetBody.BaseWidth << (BlocksPerStage.Count - 1);

    /// <summary>The weights by state_dict key (live tensors: read them, do not change them).</summary>
    public IReadOnlyDictionary<string, Tensor> Weights => weights.Value;

    /// <summary>
    /// A new body on the CPU with these weights, in eval mode. Building it leaves torch's random
    /// numbers as they were (its random initialisation is overwritten at once).
    /// </summary>
    public ResNetBody Build()
    {
        var body = Template(BlocksPerStage);
        using (no_grad())
        {
            foreach (var (key, live) in body.state_dict())
                if (weights.Value.TryGetValue(key, out var value)) live.copy_(value);
        }

        body.eval();
        return body;
    }

    /// <summary>The SHA-256 (hex) of the files' bytes in order, as the identity of weights read from them.</summary>
    public static string IdentityOf(params string[] paths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in paths)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(path) + "\n"));
            // Streamed: the network file is 64 MB, and its bytes are not needed here.
            using var file = File.OpenRead(path);
            var buffer = new byte[1 << 20];
            for (int read; (read = file.Read(buffer)) > 0;) hash.AppendData(buffer.AsSpan(0, read));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Frees the weights.</summary>
    public void Dispose()
    {
        if (!weights.IsValueCreated) return;
        foreach (var tensor in weights.Value.Values) tensor.Dispose();
    }

    // Float32, outside any dispose scope; a converted tensor replaces (and frees) the one given.
    private static Tensor Owned(Tensor tensor)
    {
        if (tensor.dtype == float32) return tensor.DetachFromDisposeScope();
        var converted = tensor.to(float32).DetachFromDisposeScope();
        tensor.Dispose();
        return converted;
    }

    /// <summary>The state_dict keys and shapes of a body with <paramref name="blocksPerStage"/> (computed once per architecture).</summary>
    public static IReadOnlyDictionary<string, long[]> ShapesFor(IReadOnlyList<int> blocksPerStage) =>
        Shapes.GetOrAdd(string.Join(",", blocksPerStage), _ =>
        {
            using var template = Template(blocksPerStage);
            return WeightsMatch.ShapesOf(template);
        });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyDictionary<string, long[]>> Shapes = new();

    private static ResNetBody Template(IReadOnlyList<int> blocksPerStage) =>
        SeededConstruction.Build(0, () => new ResNetBody(blocksPerStage, 3, ResNetStem.ImageNet));
}
