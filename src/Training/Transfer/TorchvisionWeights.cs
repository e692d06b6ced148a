using System.Collections;
using Sweep.Training.Data;
using Sweep.Training.Models;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace Sweep.Training.Transfer;

/// <summary>
/// A person's own weights for torchvision's resnet18 or resnet34, as a <see cref="Backbone"/>: a
/// state_dict saved by PyTorch (<c>torch.save(model.state_dict(), "weights.pth")</c>, ".pt" or
/// ".pth") or as safetensors (".safetensors"), read with TorchSharp.PyBridge. Keys are torchvision's
/// ("conv1.weight", "layer1.0.bn1.running_mean", ...), which <see cref="ResNetBody"/> carries; the
/// classifier "fc.*" is dropped (a transfer run puts a new head on), a "module." prefix on every key
/// (a model saved from DataParallel) is removed, and half or double precision becomes float32.
/// Anything else that does not fit is one <see cref="WeightsException"/> line naming the missing
/// keys, unexpected keys and shape mismatches, and the other architecture when the file fits it.
/// The images are normalised as torchvision's ImageNet weights expect: pixels / 255, then per
/// channel (red, green, blue) minus [0.485, 0.456, 0.406] and divided by [0.229, 0.224, 0.225].
/// </summary>
public static class TorchvisionWeights
{
    /// <summary>The architectures a file can be loaded as, and their blocks per stage.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<int>> Architectures { get; } = new Dictionary<string, IReadOnlyList<int>>
    {
        ["resnet18"] = ResNet.ResNet18Blocks,
        ["resnet34"] = ResNet.ResNet34Blocks,
    };

    /// <summary>torchvision's ImageNet normalisation.</summary>
    public static Normalisation ImageNetNormalisation { get; } = Normalisation.Given(255, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);

    /// <summary>torchvision's ImageNet training size.</summary>
    public const int ImageSize = 224;

    /// <summary>Loads the weights in <paramref name="path"/> as <paramref name="architecture"/> ("resnet18" or "resnet34").</summary>
    public static Backbone Load(string path, string architecture)
    {
        var name = architecture.Trim().ToLowerInvariant();
        if (!Architectures.TryGetValue(name, out var blocks))
            throw new WeightsException($"weights can be loaded for {string.Join(" or ", Architectures.Keys)}, not '{architecture}'.");
        if (!File.Exists(path))
            throw new WeightsException($"weights file {path} does not exist; give a state_dict saved by torch.save (.pt, .pth) or as .safetensors.");

        var weights = Read(path);
        try
        {
            foreach (var key in weights.Keys.Where(key => key.StartsWith("fc.", StringComparison.Ordinal)).ToList())
            {
                weights[key].Dispose();
                weights.Remove(key);
            }

            var expected = Backbone.ShapesFor(blocks);
            if (!WeightsMatch.Fits(expected, weights))
            {
                var other = Architectures.Keys.FirstOrDefault(key => key != name && WeightsMatch.Fits(Backbone.ShapesFor(Architectures[key]), weights));
                WeightsMatch.Check(path, $"torchvision's {name}{(other is null ? "" : $" (they fit {other}: load them as that)")}", expected, weights);
            }

            return new Backbone($"{name} from {Path.GetFileName(path)}", blocks, weights, ImageNetNormalisation, ImageSize, Backbone.IdentityOf(path));
        }
        catch
        {
            foreach (var tensor in weights.Values) tensor.Dispose();
            throw;
        }
    }

    // torch.save's zip archive starts "PK\x03\x04"; the legacy format is a pickle (protocol byte 0x80).
    private static bool LooksLikeTorchSave(string path)
    {
        Span<byte> start = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(start, 4, throwOnEndOfStream: false);
        return read >= 4 && start[0] == (byte)'P' && start[1] == (byte)'K' && start[2] == 3 && start[3] == 4 || read >= 1 && start[0] == 0x80;
    }

    // Every tensor of the file by key, with a DataParallel "module." prefix removed.
    private static Dictionary<string, Tensor> Read(string path)
    {
        Dictionary<string, Tensor> loaded;
        if (!Path.GetExtension(path).Equals(".safetensors", StringComparison.OrdinalIgnoreCase) && !LooksLikeTorchSave(path))
            throw new WeightsException($"{path} is not a PyTorch state dict: torch.save writes a zip archive (or, before PyTorch 1.6, a pickle), and this file is neither; save one with torch.save(model.state_dict(), path) or as .safetensors.");
        try
        {
            loaded = Path.GetExtension(path).Equals(".safetensors", StringComparison.OrdinalIgnoreCase)
                ? Safetensors.LoadStateDict(path)
                : FromTable(PyTorchUnpickler.UnpickleStateDict(path), path);
        }
        catch (Exception problem) when (problem is not WeightsException and not OutOfMemoryException)
        {
            throw new WeightsException($"{path} is not a readable state_dict ({problem.GetType().Name}: {problem.Message.TrimEnd('.')}); save one with torch.save(model.state_dict(), path) or as .safetensors.", problem);
        }

        if (loaded.Count == 0)
            throw new WeightsException($"{path} holds no tensors; save one with torch.save(model.state_dict(), path).");
        const string prefix = "module.";
        return loaded.Keys.All(key => key.StartsWith(prefix, StringComparison.Ordinal))
            ? loaded.ToDictionary(entry => entry.Key[prefix.Length..], entry => entry.Value, StringComparer.Ordinal)
            : loaded;
    }

    private static Dictionary<string, Tensor> FromTable(Hashtable table, string path)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Key is not string key || entry.Value is not Tensor value)
                throw new WeightsException($"{path} is not a state_dict of tensors (entry {entry.Key} is a {entry.Value?.GetType().Name ?? "null"}); save model.state_dict(), not a checkpoint or a whole model.");
            result[key] = value;
        }

        return result;
    }
}
