using System.Globalization;
using System.Text.Json;
using Sweep.Cli.Files;
using Sweep.Domain;
using Sweep.Training;

namespace Sweep.Cli.Commands;

/// <summary>`sweep find`: one range test, its suggestions, its curve and its figure.</summary>
public static class FindCommand
{
    /// <summary>The command's options and help.</summary>
    public static CommandSpec Spec { get; } = new("find", "run one learning-rate range test and suggest learning rates", "",
    [
        .. ExperimentOptions.Specs(start: "1e-7", output: "sweep-find"),
        new("batch-size", "samples per step", "64"),
        new("seed", "seed of the model's initialisation and of the batch order", "0"),
    ],
    """
    Writes to the output folder: curve.csv (step, lr, loss, smoothed_loss), summary.json (the
    configuration, why the test stopped and every rule's suggestion) and the figure finder.png/.svg.
    Every rule is computed and saved; --rules chooses which are printed and marked.
    """);

    /// <summary>Runs it; returns the exit code.</summary>
    public static int Run(ParsedOptions parsed, Terminal terminal, CancellationToken cancellation)
    {
        terminal = Announce.Quieted(terminal, parsed);
        var options = ExperimentOptions.From(parsed);
        var batchSize = ExperimentOptions.Positive(parsed, "batch-size");
        var seed = parsed.Int("seed");
        if (seed < 0) throw new UsageException($"--seed must be non-negative, got {seed}.");
        using var experiment = Experiment.Open(options, Path.Combine(options.Output, "feature-cache"));
        if (batchSize > experiment.Count)
            throw new UsageException($"--batch-size {batchSize} is larger than the data ({experiment.Count} samples); use at most {experiment.Count}.");
        if (!options.Pretrained) MemoryBudget.Check(options.Recipe, experiment.Data, batchSize);
        // Only once the data and the model are known to be usable: bad input leaves no empty folder behind.
        OutputFolder.EnsureWritable(options.Output);
        TorchSharp.torch.set_num_threads(options.Threads);
        Announce.FindHeader(terminal, options, experiment.Count, batchSize, seed);
        if (!options.Pretrained) Announce.SkippedImages(terminal, experiment.Data.Report);

        var cell = new SweepCell(batchSize, seed);
        var progress = new RunProgress(terminal, 1);
        var result = experiment.RunCell(options.Finder, cell, progress.Run(cell.Key), cancellation);
        progress.Finished(cell.Key, $"{RunFile.StopName(result.Curve.Stop)} after {result.Curve.Points.Count} steps");

        AtomicFile.WriteText(Path.Combine(options.Output, "curve.csv"), CurveCsv.Of(result.Curve));
        AtomicFile.WriteText(Path.Combine(options.Output, "summary.json"), Summary(options, result));
        Plots.Finder(options.Output, result, options.Rules);
        terminal.Out.Write(SuggestionTable(options.Rules, result.Suggestions));
        Announce.FindFiles(terminal, options.Output);
        return result.Curve.Stop == StopReason.Cancelled ? 130 : 0;
    }

    /// <summary>The rules and their answers as an aligned two-column table.</summary>
    public static string SuggestionTable(IEnumerable<Rule> rules, IReadOnlyDictionary<Rule, double?> suggestions) =>
        "rule      suggested lr\n" + string.Concat(rules.Select(rule =>
            $"{RuleName.Of(rule),-9} {(suggestions.TryGetValue(rule, out var value) && value is { } lr ? lr.ToString("0.###e+0", CultureInfo.InvariantCulture) : "none")}\n"));

    private static string Summary(ExperimentOptions options, RunResult result) =>
        JsonSerializer.Serialize(new
        {
            configuration = options.Describe().ToDictionary(pair => pair.Key, pair => pair.Value),
            batch_size = result.Cell.BatchSize,
            seed = result.Cell.Seed,
            stop = RunFile.StopName(result.Curve.Stop),
            steps = result.Curve.Points.Count,
            suggestions = result.Suggestions.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value),
        }, new JsonSerializerOptions(RunFile.Json) { WriteIndented = true });
}
