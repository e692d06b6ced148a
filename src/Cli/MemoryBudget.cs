using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;

namespace Sweep.Cli;

/// <summary>
/// Refuses a model whose training would not fit in the memory available, before it is built: the
/// estimate of <see cref="ModelMemory"/> against MemAvailable of /proc/meminfo (where there is no
/// such file the check is skipped; a refusal is certain only when the estimate is).
/// </summary>
public static class MemoryBudget
{
    /// <summary>
    /// Throws a one-line <see cref="UsageException"/> when an MLP of <paramref name="spec"/> on <paramref name="data"/> at
    /// <paramref name="batch"/> needs more than is available; a null batch checks the weights alone (before the batch sizes are known).
    /// </summary>
    public static void Check(ExperimentSpec spec, LoadedData data, int? batch)
    {
        if (spec.Model is not ModelSpec.MlpCase { HiddenWidths: var hidden } || Available() is not { } available) return;
        var optimizer = spec.Optimizer.Name;
        var shape = data.Shape;
        var estimate = ModelMemory.Mlp((long)shape.Channels * shape.Height * shape.Width, hidden, data.Dataset.ClassCount, batch ?? 0,
            ModelMemory.OptimizerSlots(optimizer, spec.Optimizer is OptimizerSpec.SgdCase sgd ? sgd.Momentum : 0));
        if (estimate.Bytes <= available) return;
        throw new UsageException(FormattableString.Invariant(
            $"--hidden {string.Join(",", hidden)} needs about {ModelMemory.Show(estimate.Bytes)} to train ({estimate.Parameters:0.###e0} parameters with gradients and {optimizer} state: {ModelMemory.Show(estimate.WeightBytes)}{(batch is null ? "" : $"; activations at batch size {batch}: {ModelMemory.Show(estimate.ActivationBytes)}")}), more than the {ModelMemory.Show(available)} of memory available; use narrower or fewer hidden layers, or smaller batch sizes."));
    }

    /// <summary>MemAvailable of /proc/meminfo in bytes, or null where it cannot be read.</summary>
    public static long? Available()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(text => text.StartsWith("MemAvailable:", StringComparison.Ordinal));
            var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts is [_, var kilobytes, "kB"] && long.TryParse(kilobytes, out var value) ? value * 1024 : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
