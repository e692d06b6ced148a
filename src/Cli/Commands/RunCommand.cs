using System.CommandLine;
using Sweep.Cli.Files;
using Sweep.Domain;
using Sweep.Training;

namespace Sweep.Cli.Commands;

/// <summary>`sweep run`: the range test across batch sizes × seeds, resumable and shardable.</summary>
public static class RunCommand
{
    /// <summary>The output folder when --out is not given.</summary>
    public const string DefaultOutput = "sweep-output";

    /// <summary>--batch-sizes.</summary>
    public static readonly Option<IReadOnlyList<int>?> BatchSizes = Options.WholeNumbers("batch-sizes", "batch sizes, comma-separated", "64,32,16,8");

    /// <summary>--seeds: a count or a list, read by <see cref="Seeds"/>.</summary>
    public static readonly Option<string?> SeedList = Options.Text("seeds", "a number n of seeds (0..n-1), or a comma-separated list of seeds (one seed alone: 7,)", "5", "n|n,n,...");

    /// <summary>--fit-rule.</summary>
    public static readonly Option<string?> FitRule = Options.Text("fit-rule", "the rule whose suggestions are fitted against batch size", "min-loss", choices: RuleName.All.Select(RuleName.Of));

    /// <summary>--targets; null: the default ones.</summary>
    public static readonly Option<IReadOnlyList<int>?> TargetSizes = Options.WholeNumbers("targets", "batch sizes to recommend a learning rate for (sweep.json and the report), comma-separated");

    /// <summary>--shard.</summary>
    public static readonly Option<string?> ShardOption = Options.Text("shard", "i/n: run only every n-th cell starting at i, to share a sweep between n processes", "0/1", "i/n");

    /// <summary>--force.</summary>
    public static readonly Option<bool?> Force = Options.Flag("force", "discard runs of a different configuration in the output folder");

    /// <summary>--auto-range.</summary>
    public static readonly Option<bool?> AutoRangeOption = Options.Flag("auto-range", "two passes: a coarse test from 1e-7 to 10 at the smallest and largest batch size finds where the loss falls and diverges; the sweep then samples only that range (--start and --end are ignored)");

    /// <summary>The command's options and help.</summary>
    public static CommandSpec Spec { get; } = new("run", "run the range test for several batch sizes and seeds and fit how the learning rate scales",
    [
        .. ExperimentCommandLine.Lines("1e-4", DefaultOutput),
        new(BatchSizes), new(SeedList), new(FitRule), new(TargetSizes, "every measured one, 2x and 4x the largest"), new(ShardOption),
        new(Force), new(AutoRangeOption), new(JobRunner.Jobs),
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
    records its experiment's structured specification and fingerprint (also in config.json), its
    cell and a checksum: one
    copied from another folder, renamed or edited is run again. The first process to write
    config.json owns the folder; one with another configuration is refused.
    """);

    /// <summary>The first learning rate of `run` when --start is not given: above 1e-7, where a sweep's small batches only add noise.</summary>
    public const double DefaultStart = 1e-4;

    /// <summary>Runs it; returns the exit code.</summary>
    public static int Run(ParseResult parsed, Terminal terminal, CancellationToken cancellation)
    {
        terminal = Announce.Quieted(terminal, parsed);
        var request = RequestOf(parsed);
        var (spec, output) = (ExperimentInput.Specify(request), parsed.GetValue(ExperimentCommandLine.Out) ?? DefaultOutput);
        var plan = SweepPlan.Create(parsed.GetValue(BatchSizes)!, Seeds(parsed.GetValue(SeedList)!, parsed.GetValue(BatchSizes)!.Count)).IfLeft(problem => throw new UsageException(problem.Message));
        var shardText = parsed.GetValue(ShardOption)!;
        var shard = Shard.Parse(shardText).IfLeft(problem => throw new UsageException(problem.Message));
        var fitRule = OptionValues.ParseRule(parsed.GetValue(FitRule)!);
        var targets = Targets(parsed.GetValue(TargetSizes));
        var force = parsed.GetValue(Force) ?? false;
        var folder = new SweepFolder(output);
        var cacheFolder = Path.Combine(output, "feature-cache");
        // Everything that can be wrong with the input is found before the folder is touched.
        using var eager = (parsed.GetValue(AutoRangeOption) ?? false) ? Open(spec, plan, cacheFolder) : null;
        if (eager is not null) spec = WithAutoRange(request, spec, eager, plan, terminal);
        var (specification, description) = (SpecificationJson.Of(spec), SpecificationText.Description(spec));
        var fingerprint = Fingerprint.Of(specification);
        var conflict = folder.Conflict(specification);
        if (conflict is not null && !force) throw new UsageException(conflict);
        var cells = plan.CellsOf(shard);
        var stored = cells.ToDictionary(cell => cell, cell => conflict is null ? folder.Inspect(cell, fingerprint) : new StoredRun.Missing());
        var todo = stored.Where(pair => pair.Value is not StoredRun.Valid).Select(pair => pair.Key).ToHashSet();
        var workers = eager is null && (conflict is null || !force) ? JobRunner.Workers(parsed, JobRunner.Count(parsed, spec, todo), todo.Count) : 1;
        using var helpers = workers > 1 ? JobRunner.Start(workers, cancellation) : null;
        if (helpers is not null) (shardText, cells) = ($"0/{workers}", plan.CellsOf(Shard.Of(0, workers).IfLeft(_ => shard)));
        using var lazy = todo.Count > 0 && eager is null ? Open(spec, plan, cacheFolder) : null;
        var pending = todo.Count > 0;
        todo.IntersectWith(cells);  // with workers, this process's shard; the noise scale is still measured here
        var experiment = eager ?? lazy;
        folder.Claim(specification, description, force);
        Announce.RunHeader(terminal, spec, output, experiment?.Count, plan.BatchSizes, plan.Seeds, cells.Count, shardText);
        if (experiment is not null && !spec.Model.IsPretrained) Announce.SkippedImages(terminal, experiment.Data.Report);
        foreach (var invalid in cells.Select(cell => stored[cell]).OfType<StoredRun.Invalid>())
            terminal.Error.WriteLine($"sweep: {invalid.Describe()}; running it again.");
        TorchSharp.torch.set_num_threads(spec.Threads);
        PhaseClock.Mark("start-up and data");
        if (experiment is not null && pending && (!JobRunner.IsWorker || shard.Index == 0)) MeasureNoiseScale(experiment, output, plan);
        PhaseClock.Mark("noise scale");

        var finished = new Dictionary<SweepCell, StoredRun>();
        var interrupted = RunCells(experiment, spec.Finder, cells, todo, run =>
        {
            folder.Save(run, specification, description);
            finished[run.Cell] = new StoredRun.Valid(run);
        }, terminal, cancellation);
        PhaseClock.Mark("range tests");
        if (JobRunner.IsWorker) return interrupted ? 130 : 0;
        var others = helpers?.Wait() ?? 0;
        if (others is not (0 or 130)) return others;
        interrupted |= others == 130;
        // This shard's cells are known (kept or just run); only the other shards' files are read now.
        var everything = plan.Cells.Select(cell => finished.GetValueOrDefault(cell)
            ?? (stored.TryGetValue(cell, out var kept) && kept is StoredRun.Valid ? kept : folder.Inspect(cell, fingerprint))).ToArray();
        // This shard's files were redone; another shard's are that shard's to redo.
        if (!interrupted && everything.OfType<StoredRun.Invalid>().FirstOrDefault() is { } other)
            throw new UsageException($"{other.Describe()}; delete that file and run again (with its --shard) to redo it.");
        var results = everything.OfType<StoredRun.Valid>().Select(valid => valid.Result).ToArray();
        PhaseClock.Mark("reading runs");
        var contents = new SweepSummary.Contents(spec, plan, fitRule, results, NoiseScaleFile.Read(output), targets);
        var scaling = SweepOutputs.Write(output, contents);
        terminal.Out.Write(SweepOutputs.Table(contents, scaling));
        Announce.RunFiles(terminal, output);
        if (!interrupted) return 0;
        terminal.Error.WriteLine($"sweep: interrupted; {contents.Results.Count} finished runs are kept in {folder.RunsFolder}; run the same command again to finish.");
        return 130;
    }

    // The command line's request, with run's own start when --start is not given.
    private static ExperimentRequest RequestOf(ParseResult parsed)
    {
        var request = CommandLineRequest.From(parsed);
        return request with { Start = request.Start ?? DefaultStart };
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
    private static void MeasureNoiseScale(Experiment experiment, string output, SweepPlan plan)
    {
        if (!experiment.MeasuresNoiseScale) return;
        var planned = NoiseScale.Plan(plan.BatchSizes, experiment.Data.Dataset.Count);
        var saved = NoiseScaleFile.Read(output);
        if (!NoiseScale.NeedsMeasurement(saved is null ? null : (saved.SmallBatch, saved.BigBatch), planned) || planned is not var (small, big)) return;
        NoiseScaleFile.Write(output, experiment.MeasureNoiseScale(small, big, NoiseScale.DefaultGroups * (big / small), plan.Seeds[0]));
    }

    /// <summary>
    /// The spec with the finder's range chosen by coarse passes (<see cref="AutoRange.CoarseFinder"/>
    /// on <see cref="AutoRange.CoarseCells"/>), combined by <see cref="AutoRange.Combine"/>: the request
    /// with that range, checked again. The coarse runs are deterministic, so every shard and every
    /// rerun picks the same range.
    /// </summary>
    private static ExperimentSpec WithAutoRange(ExperimentRequest request, ExperimentSpec spec, Experiment experiment, SweepPlan plan, Terminal terminal)
    {
        TorchSharp.torch.set_num_threads(spec.Threads);
        var coarse = AutoRange.CoarseFinder(spec.Finder);
        var range = AutoRange.Combine(AutoRange.CoarseCells(plan)
            .Select(cell => AutoRange.Measured(experiment.RunCell(coarse, cell, null, CancellationToken.None).Curve)));
        if (range is null)
        {
            terminal.Error.WriteLine($"sweep: the coarse pass shows no clear fall in the loss; keeping --start {SpecificationText.Number(spec.Finder.Start)} and --end {SpecificationText.Number(spec.Finder.End)}.");
            return spec;
        }

        terminal.Narration.WriteLine($"auto range: the coarse pass puts the interesting range at {SpecificationText.Number(range.Start)} -> {SpecificationText.Number(range.End)}");
        return ExperimentInput.Specify(request with { Start = range.Start, End = range.End });
    }

    // The data and model, checked against the plan's largest batch size.
    private static Experiment Open(ExperimentSpec spec, SweepPlan plan, string cacheFolder)
    {
        var experiment = Experiment.Open(spec, cacheFolder);
        var (count, largest) = (experiment.Count, plan.BatchSizes.Max());
        try
        {
            if (largest > count)
                throw new UsageException($"batch size {largest} is larger than the data ({count} samples); use batch sizes of at most {count}.");
            if (!spec.Model.IsPretrained) MemoryBudget.Check(spec, experiment.Data, largest);
            return experiment;
        }
        catch
        {
            experiment.Dispose();
            throw;
        }
    }

    /// <summary>--targets: positive batch sizes, or null for the default ones.</summary>
    private static IReadOnlyList<double>? Targets(IReadOnlyList<int>? targets)
    {
        if (targets is null) return null;
        return targets.All(size => size >= 1)
            ? targets.Distinct().Order().Select(size => (double)size).ToArray()
            : throw new UsageException($"--targets must be positive batch sizes, got {string.Join(",", targets)}; e.g. --targets 128,256.");
    }

    /// <summary>--seeds: "5" means seeds 0..4; "0,3,7" means those seeds; "7," means seed 7 alone.</summary>
    public static IReadOnlyList<int> Seeds(string text, int batchSizes)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var numbers = parts.Select(part => int.TryParse(part, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : (int?)null).ToArray();
        if (numbers.Length == 0 || numbers.Any(number => number is null))
            throw new UsageException($"option --seeds must be a count or a comma-separated list of whole numbers, got '{text}'.");
        var seeds = numbers.Select(number => number!.Value).ToArray();
        if (seeds.Length != 1 || text.Contains(',')) return seeds;
        if (seeds[0] < 1) throw new UsageException($"--seeds must be a positive count or a list of seeds, got {seeds[0]}.");
        // Checked before the seeds are made: 100000000 of them would take gigabytes first.
        if (seeds[0] > SweepPlan.MaximumCells)
            throw new UsageException($"--seeds {seeds[0]} asks for more cells than a sweep may have ({SweepPlan.MaximumCells}); give a count of at most {SweepPlan.MaximumCells / Math.Max(1, batchSizes)}.");
        return Enumerable.Range(0, seeds[0]).ToArray();
    }
}
