using System.Diagnostics;
using Sweep.Domain;
using Sweep.Training.Data;
using Sweep.Training.Models;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// Seconds per timed run of one model and batch size, the fastest of the repeats (on a shared
/// machine the fastest run is the one least disturbed by others).
/// </summary>
/// <param name="Full">The range test as a sweep runs it (<see cref="RangeTestRunner.Run"/>, batches prefetched, snapshot and restore).</param>
/// <param name="Bare">Only forward, backward and optimiser step, on batches assembled beforehand.</param>
/// <param name="Assembling">That bare loop assembling its batches as it goes, without prefetching.</param>
public sealed record BenchTiming(double Full, double Bare, double Assembling)
{
    /// <summary>The loop's own share of a step: 1 − bare/full.</summary>
    public double Overhead => 1 - Bare / Full;

    /// <summary>What batch assembly would cost without prefetching, as a share of a full step: (assembling − bare)/full.</summary>
    public double UnprefetchedAssembly => (Assembling - Bare) / Full;
}

/// <summary>
/// Times a range test against the bare training loop, interleaved: (1) the full range test, (2) a
/// bare loop of only the model's forward, backward and optimiser step on batches assembled
/// beforehand, (3) that bare loop assembling its batches as it goes. Each kind runs once untimed
/// (warm-up), then <c>repeats</c> times; the fastest of each is kept.
/// </summary>
public static class Benchmark
{
    /// <summary>The timings of <paramref name="model"/> (built from seed 0) with <paramref name="optimizer"/> at <paramref name="batchSize"/> on <paramref name="data"/>.</summary>
    public static BenchTiming Measure(LoadedData data, ModelSpec model, OptimizerSpec optimizer, int batchSize, RangeTestSettings settings, int repeats)
    {
        using var network = ModelCatalogue.Create(model, data.Shape, data.Dataset.ClassCount, seed: 0);
        using var step = Optimizers.Create(optimizer, network.parameters(), settings.Schedule.Start);
        var plan = BatchPlan.Shuffled(data.Dataset.Count, batchSize, 0).IfLeft(problem => throw new DataException(problem.Message));
        using var source = new BatchSource(data.Dataset, plan);
        using var prefetching = new BatchSource(data.Dataset, plan, prefetch: true);
        var batches = Enumerable.Range(0, settings.Schedule.Steps).Select(draw =>
        {
            var (inputs, targets) = source.Draw(draw);
            return (Inputs: inputs.DetachFromDisposeScope(), Targets: targets.DetachFromDisposeScope());
        }).ToArray();
        try
        {
            double Full() => TimeFull(network, step, prefetching, settings);
            double Bare(bool assemble) => TimeBare(network, step, settings.Schedule.Steps, draw => assemble ? source.Draw(draw) : batches[draw]);
            Full();
            Bare(assemble: false);
            var (full, bare, assembling) = (double.MaxValue, double.MaxValue, double.MaxValue);
            for (var repeat = 0; repeat < repeats; repeat++)
            {
                full = Math.Min(full, Full());
                bare = Math.Min(bare, Bare(assemble: false));
                assembling = Math.Min(assembling, Bare(assemble: true));
            }

            return new BenchTiming(full, bare, assembling);
        }
        finally
        {
            foreach (var (inputs, targets) in batches)
            {
                inputs.Dispose();
                targets.Dispose();
            }
        }
    }

    private static double TimeFull(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, BatchSource batches, RangeTestSettings settings)
    {
        var clock = Stopwatch.StartNew();
        RangeTestRunner.Run(model, optimizer, RangeTestRunner.CrossEntropy, batches, settings);
        return clock.Elapsed.TotalSeconds;
    }

    private static double TimeBare(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, int steps, Func<int, (Tensor Inputs, Tensor Targets)> batchAt)
    {
        var clock = Stopwatch.StartNew();
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var (inputs, targets) = batchAt(step);
            optimizer.zero_grad();
            RangeTestRunner.CrossEntropy(model.forward(inputs), targets).backward();
            optimizer.step();
        }

        return clock.Elapsed.TotalSeconds;
    }
}
