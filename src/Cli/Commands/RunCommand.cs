using Sweep.Cli.Files;
using Sweep.Domain;
using Sweep.Training;

namespace Sweep.Cli.Commands;

/// <summary>`sweep run`: the range test across batch sizes × seeds, resumable and shardable.</summary>
public static class RunCommand
{
    /// <summary>The command's options and help.</summary>
    public static CommandSpec Spec { get; } = new("run", "run the range test for several batch sizes and seeds and fit how the learning rate scales", "",
    [
        .. ExperimentOptions.Specs(start: "1e-4", output: "sweep-output"),
        new("batch-sizes", "batch sizes, comma-separated", "64,32,16,8"),
        new("seeds", "a number n of seeds (0..n-1), or a comma-separated list of seeds (one seed alone: 7,)", "5"),
        new("fit-rule", "the rule whose suggestions are fitted against batch size", "min-loss"),
        new("shard", "i/n: run only every n-th cell starting at i, to share a sweep between n processes", "0/1"),
        new("force", "discard runs of a different configuration in the output folder", IsFlag: true),
        new("auto-range", "two passes: a coarse test from 1e-7 to 10 at the smallest and largest batch size finds where the loss falls and diverges; the sweep then samples only that range (--start and --end are ignored)", IsFlag: true),
    ],
    """
    With no options: Fashion-MNIST (shipped test split, standardised), MLP 784-128-10, SGD with
    momentum 0.9, learning rate 1e-4 -> 10 over 100 steps, batch sizes 64, 32, 16, 8, five seeds,
    fastai smoothing and divergence stop.

    The fit uses min-loss, the learning rate at the minimum smoothed loss: on real data it tracks
    batch size reliably, while fastai's default valley rule tracks it poorly and often backwards
    (it reads the start of the longest descent, which noise at small batch sizes moves around).

    Writes to the output folder: runs/ (one file per finished run, written the moment it completes),
    curves.csv, sweep.json, the figures (PNG and SVG) and report.html. Interrupted (Ctrl-C)? Run
    the same command again: finished runs are kept and only the missing ones run. Shards: start
    --shard 0/4 ... --shard 3/4 on one folder (separate processes or machines sharing it); each
    writes its own runs, and 'sweep plot FOLDER' (or any later run) merges them.
    """);

    /// <summary>Runs it; returns the exit code.</summary>
    public static int Run(ParsedOptions parsed, Terminal terminal, CancellationToken cancellation)
    {
        var options = ExperimentOptions.From(parsed);
        var plan = SweepPlan.Create(parsed.Ints("batch-sizes"), Seeds(parsed)).IfLeft(problem => throw new UsageException(problem.Message));
        var shard = Shard.Parse(parsed.Text("shard")!).IfLeft(problem => throw new UsageException(problem.Message));
        var fitRule = ExperimentOptions.ParseRule(parsed.Text("fit-rule")!);
        var folder = new SweepFolder(options.Output);
        var cacheFolder = Path.Combine(options.Output, "feature-cache");
        // Everything that can be wrong with the input is found before the folder is touched.
        using var eager = parsed.Flag("auto-range") ? Open(options, plan, cacheFolder) : null;
        if (eager is not null) options = WithAutoRange(options, eager, plan, terminal);
        var cells = plan.CellsOf(shard);
        var configuration = Fingerprint(options);
        var conflict = folder.Conflict(configuration);
        if (conflict is not null && !parsed.Flag("force")) throw new UsageException(conflict);
        var todo = cells.Where(cell => conflict is not null || !folder.Has(cell)).ToArray();
        using var lazy = todo.Length > 0 && eager is null ? Open(options, plan, cacheFolder) : null;
        var experiment = eager ?? lazy;
        folder.Claim(configuration);
        TorchSharp.torch.set_num_threads(options.Threads);
        // Measured once per folder, and again when the batch sizes ask for other sizes than those saved.
        if (experiment is { MeasuresNoiseScale: true } && todo.Length > 0 && NoiseScale.Plan(plan.BatchSizes, experiment.Data.Dataset.Count) is var (small, big))
        {
            var saved = NoiseScaleFile.Read(options.Output);
            if (saved is null || saved.SmallBatch != small || saved.BigBatch != big)
                NoiseScaleFile.Write(options.Output, SweepRunner.MeasureNoiseScale(experiment.Data, options.Recipe, small, big, NoiseScale.DefaultDraws, plan.Seeds[0]));
        }

        var progress = new RunProgress(terminal, cells.Count);
        var interrupted = false;
        foreach (var cell in cells)
        {
            if (!todo.Contains(cell)) { progress.Skipped(cell.Key); continue; }
            if (cancellation.IsCancellationRequested) { interrupted = true; break; }
            var result = experiment!.RunCell(options.Finder, cell, progress.Run(cell.Key), cancellation);
            if (result.Curve.Stop == StopReason.Cancelled) { interrupted = true; break; }
            folder.Save(result);
            progress.Finished(cell.Key, $"{RunFile.StopName(result.Curve.Stop)} after {result.Curve.Points.Count} steps");
        }

        IReadOnlyList<RunResult> results;
        try
        {
            results = folder.Load(plan.Cells);
        }
        catch (InvalidDataException error)
        {
            throw new UsageException(error.Message + "; delete that file and run again to redo it.");
        }

        var contents = new SweepSummary.Contents(options.Describe(), plan, fitRule, results, NoiseScaleFile.Read(options.Output));
        var scaling = SweepOutputs.Write(options.Output, contents);
        terminal.Out.Write(SweepOutputs.Table(contents, scaling));
        if (!interrupted) return 0;
        terminal.Error.WriteLine($"sweep: interrupted; {contents.Results.Count} finished runs are kept in {folder.RunsFolder}; run the same command again to finish.");
        return 130;
    }

    /// <summary>
    /// The options with the finder's range chosen by a coarse pass (1e-7 → 10, same steps and preset)
    /// at the smallest and the largest batch size with the first seed: the union of the intervals
    /// <see cref="AutoRange.Measured"/> reads off the two curves. The coarse runs are deterministic, so
    /// every shard and every rerun picks the same range.
    /// </summary>
    private static ExperimentOptions WithAutoRange(ExperimentOptions options, Experiment experiment, SweepPlan plan, Terminal terminal)
    {
        TorchSharp.torch.set_num_threads(options.Threads);
        var coarse = options.Finder with { Kind = ScheduleKind.Exponential, Start = Preset.DefaultStart, End = Preset.DefaultEnd };
        var ranges = plan.BatchSizes.Order().Where((_, index) => index == 0 || index == plan.BatchSizes.Count - 1)
            .Select(size => AutoRange.Measured(experiment.RunCell(coarse, new SweepCell(size, plan.Seeds[0]), null, CancellationToken.None).Curve))
            .ToArray();
        if (ranges.Any(range => range is null))
        {
            terminal.Error.WriteLine($"sweep: the coarse pass shows no clear fall in the loss; keeping --start {options.Finder.Start:G3} and --end {options.Finder.End:G3}.");
            return options;
        }

        var range = AutoRange.Combine(ranges)!;
        terminal.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"auto range: the coarse pass puts the interesting range at {range.Start:G3} -> {range.End:G3}"));
        return options with { Finder = options.Finder with { Start = range.Start, End = range.End } };
    }

    // The data and model, checked against the plan's largest batch size.
    private static Experiment Open(ExperimentOptions options, SweepPlan plan, string cacheFolder)
    {
        var experiment = Experiment.Open(options, cacheFolder);
        var count = experiment.Count;
        if (plan.BatchSizes.Max() <= count) return experiment;
        experiment.Dispose();
        throw new UsageException($"batch size {plan.BatchSizes.Max()} is larger than the data ({count} samples); use batch sizes of at most {count}.");
    }

    /// <summary>--seeds: "5" means seeds 0..4; "0,3,7" means those seeds; "7," means seed 7 alone.</summary>
    public static IReadOnlyList<int> Seeds(ParsedOptions parsed)
    {
        var seeds = parsed.Ints("seeds");
        if (seeds.Count != 1 || parsed.Text("seeds")!.Contains(',')) return seeds;
        if (seeds[0] < 1) throw new UsageException($"--seeds must be a positive count or a list of seeds, got {seeds[0]}.");
        return Enumerable.Range(0, seeds[0]).ToArray();
    }

    // What every run depends on: batch sizes and seeds are left out, so more seeds reuse earlier runs.
    private static IReadOnlyList<KeyValuePair<string, string>> Fingerprint(ExperimentOptions options) =>
    [
        .. options.Exact(),
        new("data-path", Directory.Exists(options.Data) ? Path.GetFullPath(options.Data) : options.Data),
        new("images", $"{options.ImageSize}px {options.Channels}"),
    ];
}
