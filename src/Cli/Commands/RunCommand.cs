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
        new("targets", "batch sizes to recommend a learning rate for (sweep.json and the report), comma-separated", Shown: "every measured one, 2x and 4x the largest"),
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
    writes its own runs, and 'sweep plot FOLDER' (or any later run) merges them. Each run file
    records its configuration's fingerprint (also in config.json), its cell and a checksum: one
    copied from another folder, renamed or edited is run again. The first process to write
    config.json owns the folder; one with another configuration is refused.
    """);

    /// <summary>Runs it; returns the exit code.</summary>
    public static int Run(ParsedOptions parsed, Terminal terminal, CancellationToken cancellation)
    {
        terminal = Announce.Quieted(terminal, parsed);
        var options = ExperimentOptions.From(parsed);
        var plan = SweepPlan.Create(parsed.Ints("batch-sizes"), Seeds(parsed)).IfLeft(problem => throw new UsageException(problem.Message));
        var shard = Shard.Parse(parsed.Text("shard")!).IfLeft(problem => throw new UsageException(problem.Message));
        var fitRule = ExperimentOptions.ParseRule(parsed.Text("fit-rule")!);
        var targets = Targets(parsed);
        var folder = new SweepFolder(options.Output);
        var cacheFolder = Path.Combine(options.Output, "feature-cache");
        // Everything that can be wrong with the input is found before the folder is touched.
        using var eager = parsed.Flag("auto-range") ? Open(options, plan, cacheFolder) : null;
        if (eager is not null) options = WithAutoRange(options, eager, plan, terminal);
        var configuration = Configuration(options);
        var fingerprint = Fingerprint.Of(configuration);
        var conflict = folder.Conflict(configuration);
        if (conflict is not null && !parsed.Flag("force")) throw new UsageException(conflict);
        var cells = plan.CellsOf(shard);
        var stored = cells.ToDictionary(cell => cell, cell => conflict is null ? folder.Inspect(cell, fingerprint) : new StoredRun.Missing());
        var todo = stored.Where(pair => pair.Value is not StoredRun.Valid).Select(pair => pair.Key).ToHashSet();
        using var lazy = todo.Count > 0 && eager is null ? Open(options, plan, cacheFolder) : null;
        var experiment = eager ?? lazy;
        folder.Claim(configuration, parsed.Flag("force"));
        Announce.RunHeader(terminal, options, experiment?.Count, plan.BatchSizes, plan.Seeds, cells.Count, parsed.Text("shard")!);
        if (experiment is not null && !options.Pretrained) Announce.SkippedImages(terminal, experiment.Data.Report);
        foreach (var invalid in stored.Values.OfType<StoredRun.Invalid>())
            terminal.Error.WriteLine($"sweep: {invalid.Describe()}; running it again.");
        TorchSharp.torch.set_num_threads(options.Threads);
        if (experiment is not null && todo.Count > 0) MeasureNoiseScale(experiment, options, plan);

        var finished = new Dictionary<SweepCell, StoredRun>();
        var interrupted = RunCells(experiment, options.Finder, cells, todo, run =>
        {
            folder.Save(run, fingerprint);
            finished[run.Cell] = new StoredRun.Valid(run);
        }, terminal, cancellation);
        // This shard's cells are known (kept or just run); only the other shards' files are read now.
        var everything = plan.Cells.Select(cell => finished.GetValueOrDefault(cell)
            ?? (stored.TryGetValue(cell, out var kept) && kept is StoredRun.Valid ? kept : folder.Inspect(cell, fingerprint))).ToArray();
        // This shard's files were redone; another shard's are that shard's to redo.
        if (!interrupted && everything.OfType<StoredRun.Invalid>().FirstOrDefault() is { } other)
            throw new UsageException($"{other.Describe()}; delete that file and run again (with its --shard) to redo it.");
        var results = everything.OfType<StoredRun.Valid>().Select(valid => valid.Result).ToArray();
        var contents = new SweepSummary.Contents(options.Describe(), plan, fitRule, results, NoiseScaleFile.Read(options.Output), targets);
        var scaling = SweepOutputs.Write(options.Output, contents);
        terminal.Out.Write(SweepOutputs.Table(contents, scaling));
        Announce.RunFiles(terminal, options.Output);
        if (!interrupted) return 0;
        terminal.Error.WriteLine($"sweep: interrupted; {contents.Results.Count} finished runs are kept in {folder.RunsFolder}; run the same command again to finish.");
        return 130;
    }

    // Runs the cells to do in order, saving each the moment it finishes; true when interrupted.
    private static bool RunCells(Experiment? experiment, FinderOptions finder, IReadOnlyList<SweepCell> cells, IReadOnlySet<SweepCell> todo,
        Action<RunResult> save, Terminal terminal, CancellationToken cancellation)
    {
        var progress = new RunProgress(terminal, cells.Count);
        foreach (var cell in cells)
        {
            if (!todo.Contains(cell)) { progress.Skipped(cell.Key); continue; }
            if (cancellation.IsCancellationRequested) return true;
            var result = experiment!.RunCell(finder, cell, progress.Run(cell.Key), cancellation);
            if (result.Curve.Stop == StopReason.Cancelled) return true;
            save(result);
            progress.Finished(cell.Key, $"{RunFile.StopName(result.Curve.Stop)} after {result.Curve.Points.Count} steps");
        }

        return false;
    }

    // Measured once per folder, and again when the batch sizes ask for other sizes than those saved.
    private static void MeasureNoiseScale(Experiment experiment, ExperimentOptions options, SweepPlan plan)
    {
        if (!experiment.MeasuresNoiseScale) return;
        var planned = NoiseScale.Plan(plan.BatchSizes, experiment.Data.Dataset.Count);
        var saved = NoiseScaleFile.Read(options.Output);
        if (!NoiseScale.NeedsMeasurement(saved is null ? null : (saved.SmallBatch, saved.BigBatch), planned) || planned is not var (small, big)) return;
        NoiseScaleFile.Write(options.Output, SweepRunner.MeasureNoiseScale(experiment.Data, options.Recipe, small, big, NoiseScale.DefaultDraws, plan.Seeds[0]));
    }

    /// <summary>
    /// The options with the finder's range chosen by coarse passes (<see cref="AutoRange.CoarseFinder"/>
    /// on <see cref="AutoRange.CoarseCells"/>), combined by <see cref="AutoRange.Combine"/>. The coarse
    /// runs are deterministic, so every shard and every rerun picks the same range.
    /// </summary>
    private static ExperimentOptions WithAutoRange(ExperimentOptions options, Experiment experiment, SweepPlan plan, Terminal terminal)
    {
        TorchSharp.torch.set_num_threads(options.Threads);
        var coarse = AutoRange.CoarseFinder(options.Finder);
        var range = AutoRange.Combine(AutoRange.CoarseCells(plan)
            .Select(cell => AutoRange.Measured(experiment.RunCell(coarse, cell, null, CancellationToken.None).Curve)));
        if (range is null)
        {
            terminal.Error.WriteLine($"sweep: the coarse pass shows no clear fall in the loss; keeping --start {options.Finder.Start:G3} and --end {options.Finder.End:G3}.");
            return options;
        }

        terminal.Narration.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"auto range: the coarse pass puts the interesting range at {range.Start:G3} -> {range.End:G3}"));
        return options with { Finder = options.Finder with { Start = range.Start, End = range.End } };
    }

    // The data and model, checked against the plan's largest batch size.
    private static Experiment Open(ExperimentOptions options, SweepPlan plan, string cacheFolder)
    {
        var experiment = Experiment.Open(options, cacheFolder);
        var (count, largest) = (experiment.Count, plan.BatchSizes.Max());
        try
        {
            if (largest > count)
                throw new UsageException($"batch size {largest} is larger than the data ({count} samples); use batch sizes of at most {count}.");
            if (!options.Pretrained) MemoryBudget.Check(options.Recipe, experiment.Data, largest);
            return experiment;
        }
        catch
        {
            experiment.Dispose();
            throw;
        }
    }

    /// <summary>--targets: positive batch sizes, or null for the default ones.</summary>
    private static IReadOnlyList<double>? Targets(ParsedOptions parsed)
    {
        if (parsed.Text("targets") is null) return null;
        var targets = parsed.Ints("targets");
        return targets.All(size => size >= 1)
            ? targets.Distinct().Order().Select(size => (double)size).ToArray()
            : throw new UsageException($"--targets must be positive batch sizes, got {parsed.Text("targets")}; e.g. --targets 128,256.");
    }

    /// <summary>--seeds: "5" means seeds 0..4; "0,3,7" means those seeds; "7," means seed 7 alone.</summary>
    public static IReadOnlyList<int> Seeds(ParsedOptions parsed)
    {
        var seeds = parsed.Ints("seeds");
        if (seeds.Count != 1 || parsed.Text("seeds")!.Contains(',')) return seeds;
        if (seeds[0] < 1) throw new UsageException($"--seeds must be a positive count or a list of seeds, got {seeds[0]}.");
        // Checked before the seeds are made: 100000000 of them would take gigabytes first.
        if (seeds[0] > SweepPlan.MaximumCells)
            throw new UsageException($"--seeds {seeds[0]} asks for more cells than a sweep may have ({SweepPlan.MaximumCells}); give a count of at most {SweepPlan.MaximumCells / parsed.Ints("batch-sizes").Count}.");
        return Enumerable.Range(0, seeds[0]).ToArray();
    }

    // What every run depends on: batch sizes and seeds are left out, so more seeds reuse earlier runs;
    // a weights file counts by its content, so new weights at the same path are a new configuration.
    private static IReadOnlyList<KeyValuePair<string, string>> Configuration(ExperimentOptions options) =>
    [
        .. options.Exact(),
        new("data-path", Directory.Exists(options.Data) ? Path.GetFullPath(options.Data) : options.Data),
        new("images", $"{options.ImageSize}px {options.Channels}"),
        .. (IEnumerable<KeyValuePair<string, string>>)(options.Weights is { } weights ? [new("weights", "sha256 " + Fingerprint.OfFile(weights))] : []),
    ];
}
