using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Models;

namespace Sweep.Cli;

/// <summary>
/// Refuses a model whose training would not fit in the memory available, before it is built: the
/// estimate of <see cref="ModelMemory.Of"/> (an MLP, the CNN or a ResNet from scratch) against
/// MemAvailable of /proc/meminfo (where there is no such file the check is skipped; a refusal is
/// certain only when the estimate is).
/// </summary>
public static class MemoryBudget
{
    /// <summary>
    /// Throws a one-line <see cref="UsageException"/> when the model of <paramref name="spec"/> on <paramref name="data"/> at
    /// <paramref name="batch"/> needs more than is available; a null batch checks the weights alone (before the batch sizes are known).
    /// </summary>
    public static void Check(ExperimentSpec spec, LoadedData data, int? batch)
    {
        if (Available() is not { } available) return;
        var problem = Problem(spec, data, batch, available);
        if (problem is not null) throw new UsageException(problem);
    }

    /// <summary>Why the model of <paramref name="spec"/> cannot train in <paramref name="available"/> bytes (one line naming the option, the estimate and a fix), or null when it can.</summary>
    public static string? Problem(ExperimentSpec spec, LoadedData data, int? batch, long available)
    {
        var (optimizer, shape) = (spec.Optimizer.Name, data.Shape);
        var slots = ModelMemory.OptimizerSlots(optimizer, spec.Optimizer is OptimizerSpec.SgdCase sgd ? sgd.Momentum : 0);
        var estimate = ModelMemory.Of(spec.Model, shape.Channels, shape.Height, shape.Width, data.Dataset.ClassCount, batch ?? 0, slots,
            smallStem: ModelCatalogue.StemFor(shape) == ResNetStem.Small);
        if (estimate is null || estimate.Bytes <= available) return null;
        var (subject, fix) = spec.Model is ModelSpec.MlpCase { HiddenWidths: var hidden }
            ? ($"--hidden {string.Join(",", hidden)}", "use narrower or fewer hidden layers, or smaller batch sizes")
            : ($"--model {spec.Model.Name} on {shape.Channels}x{shape.Height}x{shape.Width} inputs", spec.Input is null ? "use smaller batch sizes" : "use smaller batch sizes or a smaller --image-size");
        return FormattableString.Invariant(
            $"{subject} needs about {ModelMemory.Show(estimate.Bytes)} to train ({estimate.Parameters:0.###e0} parameters with gradients and {optimizer} state: {ModelMemory.Show(estimate.WeightBytes)}{(batch is null ? "" : $"; activations at batch size {batch}: {ModelMemory.Show(estimate.ActivationBytes)}")}), more than the {ModelMemory.Show(available)} of memory available; {fix}.");
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
