using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>Where tensors run: CUDA when this libtorch has it and a GPU is present, else the CPU.</summary>
public static class Devices
{
    /// <summary>The best device available to this process.</summary>
    public static Device Best() => cuda.is_available() ? CUDA : CPU;

    /// <summary>The device a model's parameters live on (CPU for a model without parameters).</summary>
    public static Device Of(nn.Module module) => module.parameters().FirstOrDefault()?.device ?? CPU;
}
