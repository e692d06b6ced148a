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

    /// <summary>--seeds: a count or a list, read by <see cref="RunArguments.Seeds"/>.</summary>
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
        new(Force), new(AutoRangeOption), new(BudgetCommandLine.Budget, "steps"), new(BudgetCommandLine.Samples, "one epoch"), new(BudgetCommandLine.CompareBudgets), new(JobRunner.Jobs),
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
        var output = parsed.GetValue(ExperimentCommandLine.Out) ?? DefaultOutput;
        if (parsed.GetValue(BudgetCommandLine.CompareBudgets) ?? false) return BudgetRun.Compare(parsed, RequestOf(parsed), output, terminal, cancellation);
        return Sweep(parsed, RequestOf(parsed), output, Path.Combine(output, "feature-cache"), terminal, cancellation).ExitCode;
    }

    /// <summary>A finished (or interrupted: exit code 130) sweep and what its outputs were made from; a worker's has neither.</summary>
    internal sealed record Outcome(int ExitCode, SweepSummary.Contents? Contents = null, ScalingReport? Scaling = null);

    // The validated inputs of a sweep and what its folder already holds.
    private sealed record Prepared(ExperimentSpec Spec, SweepPlan Plan, Rule FitRule, IReadOnlyList<double>? Targets, bool Force,
        SweepFolder Folder, System.Text.Json.Nodes.JsonObject Specification, string Description, string Fingerprint, string? Conflict);

    /// <summary>The sweep of <paramref name="request"/> into <paramref name="output"/>, pretrained features cached in <paramref name="cacheFolder"/>.</summary>
    internal static Outcome Sweep(ParseResult parsed, ExperimentRequest request, string output, string cacheFolder, Terminal terminal, CancellationToken cancellation)
    {
        var (spec, plan, shard, shardText) = Inputs(parsed, request);
        var folder = new SweepFolder(output);
        // Everything that can be wrong with the input is found before the folder is touched.
        using var eager = (parsed.GetValue(AutoRangeOption) ?? false) ? SweepSteps.Open(spec, plan, cacheFolder) : null;
        if (eager is not null) spec = SweepSteps.WithAutoRange(request, spec, eager, plan, terminal);
        var prepared = Prepare(parsed, spec, plan, folder);
        var cells = plan.CellsOf(shard);
        var stored = cells.ToDictionary(cell => cell, cell => prepared.Conflict is null ? folder.Inspect(cell, prepared.Fingerprint) : new StoredRun.Missing());
        var todo = stored.Where(pair => pair.Value is not StoredRun.Valid).Select(pair => pair.Key).ToHashSet();
        var compare = parsed.GetValue(BudgetCommandLine.CompareBudgets) ?? false;
        var jobs = JobRunner.Count(parsed, spec, todo);
        // A catalogue model's cells run on threads here (Experiment.RunsCellsConcurrently); a pretrained head's in worker processes.
        var threads = spec.Model.IsPretrained || JobRunner.IsWorker ? 1 : jobs;
        var workers = eager is null && !compare && threads == 1 && (prepared.Conflict is null || !prepared.Force) ? JobRunner.Workers(parsed, jobs, todo.Count) : 1;
        using var helpers = workers > 1 ? JobRunner.Start(workers, cancellation) : null;
        if (helpers is not null) (shardText, cells) = ($"0/{workers}", plan.CellsOf(Shard.Of(0, workers).IfLeft(_ => shard)));
        using var lazy = todo.Count > 0 && eager is null ? SweepSteps.Open(spec, plan, cacheFolder) : null;
        var pending = todo.Count > 0;
        todo.IntersectWith(cells);  // with workers, this process's shard; the noise scale is still measured here
        var experiment = eager ?? lazy;
        folder.Claim(prepared.Specification, prepared.Description, prepared.Force);
        var atOnce = ConcurrentCells.Count(experiment, spec, todo, threads);
        Announce.RunHeader(terminal, spec, output, experiment?.Count, plan.BatchSizes, plan.Seeds, cells.Count, shardText, atOnce);
        Announce.SkippedImages(terminal, experiment?.Skipped);
        foreach (var invalid in cells.Select(cell => stored[cell]).OfType<StoredRun.Invalid>())
            terminal.Error.WriteLine($"sweep: {invalid.Describe()}; running it again.");
        // Nothing to train, nothing to load: a rerun of a finished sweep never loads libtorch.
        if (experiment is not null) TorchSharp.torch.set_num_threads(spec.Threads);
        PhaseClock.Mark("start-up and data");
        var measureNoise = experiment is not null && pending && (!JobRunner.IsWorker || shard.Index == 0);
        var finished = new Dictionary<SweepCell, StoredRun>();
        if (experiment is not null) BudgetRun.Narrate(terminal, spec, plan, experiment.Count);
        var interrupted = SweepSteps.RunCells(experiment, spec, cells, todo, run =>
        {
            folder.Save(run, prepared.Specification, prepared.Description);
            finished[run.Cell] = new StoredRun.Valid(run);
        }, terminal, cancellation, atOnce, measureNoise ? () => SweepSteps.MeasureNoiseScale(experiment!, output, plan) : null);
        PhaseClock.Mark("range tests (with the noise scale when on threads)");
        if (JobRunner.IsWorker) return new Outcome(interrupted ? 130 : 0);
        var others = helpers?.Wait() ?? 0;
        if (others is not (0 or 130)) return new Outcome(others);
        return Summarise(prepared, output, experiment, stored, finished, interrupted || others == 130, terminal);
    }

    // The spec, plan and shard the command line asks for, each checked.
    private static (ExperimentSpec Spec, SweepPlan Plan, Shard Shard, string ShardText) Inputs(ParseResult parsed, ExperimentRequest request)
    {
        var spec = ExperimentInput.Specify(request);
        var batchSizes = parsed.GetValue(BatchSizes)!;
        var plan = SweepPlan.Create(batchSizes, RunArguments.Seeds(parsed.GetValue(SeedList)!, batchSizes.Count)).IfLeft(problem => throw new UsageException(problem.Message));
        var shardText = parsed.GetValue(ShardOption)!;
        var shard = Shard.Parse(shardText).IfLeft(problem => throw new UsageException(problem.Message));
        return (spec, plan, shard, shardText);
    }

    // The rest of the command's options, and whether the folder already holds a sweep of another experiment.
    private static Prepared Prepare(ParseResult parsed, ExperimentSpec spec, SweepPlan plan, SweepFolder folder)
    {
        var fitRule = OptionValues.ParseRule(parsed.GetValue(FitRule)!);
        var targets = RunArguments.Targets(parsed.GetValue(TargetSizes));
        var force = parsed.GetValue(Force) ?? false;
        var (specification, description) = (SpecificationJson.Of(spec), SpecificationText.Description(spec));
        var conflict = folder.Conflict(specification);
        if (conflict is not null && !force) throw new UsageException(conflict);
        return new Prepared(spec, plan, fitRule, targets, force, folder, specification, description, Fingerprint.Of(specification), conflict);
    }

    // Every cell of the plan (this shard's just run or kept, the others' read now), summarised and written.
    private static Outcome Summarise(Prepared prepared, string output, Experiment? experiment, IReadOnlyDictionary<SweepCell, StoredRun> stored,
        IReadOnlyDictionary<SweepCell, StoredRun> finished, bool interrupted, Terminal terminal)
    {
        var everything = prepared.Plan.Cells.Select(cell => finished.GetValueOrDefault(cell)
            ?? (stored.TryGetValue(cell, out var kept) && kept is StoredRun.Valid ? kept : prepared.Folder.Inspect(cell, prepared.Fingerprint))).ToArray();
        // This shard's files were redone; another shard's are that shard's to redo.
        if (!interrupted && everything.OfType<StoredRun.Invalid>().FirstOrDefault() is { } other)
            throw new UsageException($"{other.Describe()}; delete that file and run again (with its --shard) to redo it.");
        var results = everything.OfType<StoredRun.Valid>().Select(valid => valid.Result).ToArray();
        PhaseClock.Mark("reading runs");
        var contents = new SweepSummary.Contents(prepared.Spec, prepared.Plan, prepared.FitRule, results, NoiseScaleFile.Read(output), prepared.Targets)
        {
            Skipped = experiment?.Skipped ?? SkippedInputsJson.Read(Path.Combine(output, SweepSummary.FileName)),
        };
        var scaling = SweepOutputs.Write(output, contents);
        terminal.Out.Write(SweepOutputs.Table(contents, scaling));
        Announce.RunFiles(terminal, output);
        if (!interrupted) return new Outcome(0, contents, scaling);
        terminal.Error.WriteLine($"sweep: interrupted; {contents.Results.Count} finished runs are kept in {prepared.Folder.RunsFolder}; run the same command again to finish.");
        return new Outcome(130, contents, scaling);
    }

    // The command line's request, with run's own start when --start is not given.
    private static ExperimentRequest RequestOf(ParseResult parsed)
    {
        var request = BudgetCommandLine.WithBudget(CommandLineRequest.From(parsed), parsed);
        return request with { Start = request.Start ?? DefaultStart };
    }
}
