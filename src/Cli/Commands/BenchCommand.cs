using System.CommandLine;
using System.Globalization;
using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Models;
using TorchSharp;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep bench`: steps per second of a range test, and the loop's own overhead. For each model and
/// batch size it times, interleaved, (1) the full range test as `run` does it (Domain schedule,
/// smoothing and stop; LR on every group; batch assembly, prefetched on a second thread as `run`
/// does; loss read-out; snapshot and restore), (2) a bare loop of only the
/// model's forward, backward and optimiser step on batches assembled beforehand, and (3) that bare
/// loop assembling its batches as it goes, without prefetching. Overhead = 1 − bare/full time per
/// step; beside it, what batch assembly would cost without prefetching (a gather of random rows:
/// memory-bound, the same for any random sampler). Each figure is the fastest of the repeats
/// (<see cref="Benchmark"/> times them; this command reads options and prints). Timings are of this process as `sweep` starts it,
/// with glibc's allocator tuned (<see cref="NativeMemory"/>); see docs/performance.md.
/// </summary>
public static class BenchCommand
{
    /// <summary>--models.</summary>
    public static readonly Option<IReadOnlyList<string>?> Models = Options.Words("models", "models to time, comma-separated", "mlp,cnn");

    /// <summary>--batch-sizes.</summary>
    public static readonly Option<IReadOnlyList<int>?> BatchSizes = Options.WholeNumbers("batch-sizes", "batch sizes, comma-separated", "64,8");

    /// <summary>--steps.</summary>
    public static readonly Option<int?> Steps = Options.Integer("steps", "steps per timed run", "200");

    /// <summary>--repeats.</summary>
    public static readonly Option<int?> Repeats = Options.Integer("repeats", "timed runs of each kind (the fastest is reported)", "7");

    /// <summary>--threads.</summary>
    public static readonly Option<int?> Threads = Options.Integer("threads", "CPU threads for torch", "1");

    /// <summary>The command's options and help.</summary>
    public static CommandSpec Spec { get; } = new("bench", "measure range-test speed and the loop's own overhead",
        [new(Models), new(BatchSizes), new(Steps), new(Repeats), new(Threads)],
    "Data: the shipped Fashion-MNIST test split; models from the catalogue with seed 0; SGD with momentum 0.9.");

    // The model and SGD with momentum 0.9 (as the help says), through the one validation an experiment gets.
    private static ExperimentSpec SpecOf(string model) =>
        ExperimentInput.Specify(new ExperimentRequest { Model = model, Optimizer = "sgd", Momentum = 0.9 });

    /// <summary>Runs it; returns the exit code.</summary>
    public static int Run(ParseResult parsed, Terminal terminal)
    {
        var models = parsed.GetValue(Models)!.Select(name => name.ToLowerInvariant()).ToArray();
        foreach (var name in models.Where(name => !ModelCatalogue.Names.Contains(name)))
            throw UsageException.Unknown("model", name, ModelCatalogue.Names);
        var batchSizes = parsed.GetValue(BatchSizes)!;
        if (models.Length == 0) throw new UsageException($"--models needs at least one of {string.Join(", ", ModelCatalogue.Names)}.");
        var steps = OptionValues.Positive(parsed, Steps);
        var repeats = OptionValues.Positive(parsed, Repeats);
        Nnpack.Disable();
        MklDispatch.Enable();
        torch.set_num_threads(OptionValues.Positive(parsed, Threads));
        using var data = DataCatalogue.Load("fashion-mnist");
        var finder = new FinderOptions(Preset.Fastai, Start: 1e-5, End: 1e-3, Steps: steps, DivergenceFactor: double.PositiveInfinity);
        var settings = finder.Settings().IfLeft(problem => throw new UsageException(problem.Message));
        foreach (var size in batchSizes.Where(size => size < 1 || size > data.Dataset.Count))
            throw new UsageException($"--batch-sizes must lie between 1 and {data.Dataset.Count}, got {size}.");

        terminal.Out.WriteLine($"({steps} steps per run, fastest of {repeats}, {torch.get_num_threads()} torch thread(s))");
        terminal.Out.WriteLine("model  batch  full steps/s  full ms/step  bare steps/s  bare ms/step  loop overhead  unprefetched assembly");
        foreach (var model in models)
            foreach (var batchSize in batchSizes)
            {
                var spec = SpecOf(model);
                var timing = Benchmark.Measure(data, spec.Model, spec.Optimizer, batchSize, settings, repeats);
                var (full, bare) = (timing.Full, timing.Bare);
                terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{model,-5}  {batchSize,5}  {steps / full,12:F0}  {1000 * full / steps,12:F2}  {steps / bare,12:F0}  {1000 * bare / steps,12:F2}  {timing.Overhead,13:P1}  {timing.UnprefetchedAssembly,22:P1}"));
            }

        return 0;
    }
}
