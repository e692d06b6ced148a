using System.Security.Cryptography;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Models;

/// <summary>Helpers the model tests share: parameter counts and exact byte images of a module's state.</summary>
public static class ModelAssertions
{
    /// <summary>Number of trainable values (what torchvision's parameter counts count).</summary>
    public static long ParameterCount(nn.Module module) => module.parameters().Sum(parameter => parameter.numel());

    /// <summary>Every parameter and buffer as (key, raw bytes), in state_dict order.</summary>
    public static List<(string Key, byte[] Bytes)> StateBytes(nn.Module module) =>
        module.state_dict().Select(entry => (entry.Key, entry.Value.cpu().contiguous().bytes.ToArray())).ToList();

    /// <summary>Every parameter and buffer as (key, SHA-256 of its bytes), in state_dict order: equal lists mean bit-identical models.</summary>
    public static List<(string Key, string Digest)> StateDigests(nn.Module module) =>
        StateBytes(module).Select(entry => (entry.Key, Convert.ToHexString(SHA256.HashData(entry.Bytes)))).ToList();

    /// <summary>The default CPU generator's whole state as bytes.</summary>
    public static byte[] GeneratorState()
    {
        using var state = Generator.Default.get_state();
        return state.bytes.ToArray();
    }

    /// <summary>A tensor's values as floats.</summary>
    public static float[] Floats(Tensor tensor) => tensor.detach().cpu().contiguous().data<float>().ToArray();
}
