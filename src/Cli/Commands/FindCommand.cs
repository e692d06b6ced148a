using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sweep.Cli.Files;
using Sweep.Domain;
using Sweep.Training;

namespace Sweep.Cli.Commands;

/// <summary>`sweep find`: one range test, its suggestions, its curve and its figure.</summary>
public static class FindCommand
{
    /// <summary>The output folder when --out is not given.</summary>
    public const string DefaultOutput = "sweep-find";

    /// <summary>--batch-size.</summary>
    public static readonly Option<int?> BatchSize = Options.Integer("batch-size", "samples per step", "64");

    /// <summary>--seed.</summary>
    public static readonly Option<int?> Seed = Options.Integer("seed", "seed of the model's initialisation and of the batch order", "0");

    /// <summary>The command's options and help.</summary>
    public static CommandSpec Spec { get; } = new("find", "run one learning-rate range test and suggest learning rates",
    [
        .. ExperimentCommandLine.Lines("1e-7 (fastai-0.7: 1e-5), the preset's usual start", DefaultOutput),
        new(BatchSize), new(Seed),
    ],
    """
    Writes to the output folder: curve.csv (step, lr, loss, smoothed_loss), summary.json (the
    structured specification and its description, why the test stopped and every rule's suggestion) and the figure finder.png/.svg.
    Every rule is computed and saved; --rules chooses which are printed and marked.
    """);

    /// <summary>Runs it; returns the exit code.</summary>
    public static int Run(ParseResult parsed, Terminal terminal, CancellationToken cancellation)
    {
        terminal = Announce.Quieted(terminal, parsed);
        var spec = ExperimentInput.Specify(CommandLineRequest.From(parsed));
        var (output, rules) = (parsed.GetValue(ExperimentCommandLine.Out) ?? DefaultOutput, OptionValues.ParseRules(parsed.GetValue(ExperimentCommandLine.Rules)!));
        var batchSize = OptionValues.Positive(parsed, BatchSize);
        var seed = parsed.GetValue(Seed)!.Value;
        if (seed < 0) throw new UsageException($"--seed must be non-negative, got {seed}.");
        using var experiment = Experiment.Open(spec, Path.Combine(output, "feature-cache"));
        if (batchSize > experiment.Count)
            throw new UsageException($"--batch-size {batchSize} is larger than the data ({experiment.Count} samples); use at most {experiment.Count}.");
        if (!spec.Model.IsPretrained) MemoryBudget.Check(spec, experiment.Data, batchSize);
        // Only once the data and the model are known to be usable: bad input leaves no empty folder behind.
        OutputFolder.EnsureWritable(output);
        TorchSharp.torch.set_num_threads(spec.Threads);
        Announce.FindHeader(terminal, spec, output, experiment.Count, batchSize, seed);
        Announce.SkippedImages(terminal, experiment.Skipped);

        var cell = new SweepCell(batchSize, seed);
        var progress = new RunProgress(terminal, 1);
        RunResult result;
        // The batch gatherer's allocations can start a collection during a libtorch call (FinalizerGate): prefetch only behind the gate.
        using (var gate = ConcurrentCells.Affordable(experiment, spec, [cell]) ? FinalizerGate.TryShut(TimeSpan.FromSeconds(10)) : null)
            result = experiment.RunCell(spec, cell, progress.Run(cell.Key), cancellation, prefetch: gate is not null);
        progress.Finished(cell.Key, SweepSteps.Outcome(result));

        AtomicFile.WriteText(Path.Combine(output, "curve.csv"), CurveCsv.Of(result.Curve));
        AtomicFile.WriteText(Path.Combine(output, "summary.json"), Summary(spec, result, experiment.Skipped));
        Plots.Finder(output, result, rules);
        terminal.Out.Write(SuggestionTable(rules, result.Suggestions));
        Announce.FindFiles(terminal, output);
        return result.Curve.Stop == StopReason.Cancelled ? 130 : 0;
    }

    /// <summary>The rules and their answers as an aligned two-column table.</summary>
    public static string SuggestionTable(IEnumerable<Rule> rules, IReadOnlyDictionary<Rule, double?> suggestions) =>
        "rule      suggested lr\n" + string.Concat(rules.Select(rule =>
            $"{RuleName.Of(rule),-9} {(suggestions.TryGetValue(rule, out var value) && value is { } lr ? lr.ToString("0.###e+0", CultureInfo.InvariantCulture) : "none")}\n"));

    private static string Summary(ExperimentSpec spec, RunResult result, SkippedInputs? skipped) =>
        JsonSerializer.Serialize(new
        {
            specification = SpecificationJson.Of(spec),
            description = SpecificationText.Description(spec),
            batch_size = result.Cell.BatchSize,
            seed = result.Cell.Seed,
            stop = RunFile.StopName(result.Curve.Stop),
            steps = result.Curve.Points.Count,
            planned_steps = result.Steps,
            suggestions = result.Suggestions.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value),
            skipped_inputs = SkippedInputsJson.Of(skipped),
        }, new JsonSerializerOptions(RunFile.Json) { WriteIndented = true });
}
