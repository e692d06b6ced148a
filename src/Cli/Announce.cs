using System.Globalization;
using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>
/// What `run` and `find` say around their training: one header line before it (the data and its
/// size, the model, the optimizer, the schedule, what is run and where it goes) and, at the end, the
/// paths of the files to open. Both go to the narration (stderr), so stdout keeps only results;
/// --quiet silences them.
/// </summary>
public static class Announce
{
    /// <summary>The terminal with --quiet applied.</summary>
    public static Terminal Quieted(Terminal terminal, System.CommandLine.ParseResult parsed) =>
        terminal with { Quiet = parsed.GetValue(ExperimentCommandLine.Quiet) ?? false };

    /// <summary>
    /// "sweep run: fashion-mnist (10000 samples), model mlp (hidden 128), optimizer sgd (…), schedule
    /// exponential 0.0001 -> 10 over 100 steps, batch sizes 64,32,16,8 x seeds 0-4 (20 runs), output sweep-output".
    /// <paramref name="samples"/> is null when nothing had to be loaded (every run already done).
    /// </summary>
    public static void RunHeader(Terminal terminal, ExperimentSpec spec, string output, int? samples, IReadOnlyList<int> batchSizes,
        IReadOnlyList<int> seeds, int runs, string shard, int atOnce = 1) =>
        terminal.Narration.WriteLine(
            $"sweep run: {Subject(spec, samples)}, batch sizes {string.Join(",", batchSizes)} x seeds {Seeds(seeds)} " +
            $"({runs} runs{(shard == "0/1" ? "" : $" in shard {shard}")}{(atOnce > 1 ? $", {atOnce} at a time" : "")}), output {output}");

    /// <summary>"sweep find: digits (1797 samples), model …, batch size 64, seed 0, output sweep-find".</summary>
    public static void FindHeader(Terminal terminal, ExperimentSpec spec, string output, int samples, int batchSize, int seed) =>
        terminal.Narration.WriteLine($"sweep find: {Subject(spec, samples)}, batch size {batchSize}, seed {seed}, output {output}");

    /// <summary>The files a finished `run` points to: the report and sweep.json (those that were written).</summary>
    public static void RunFiles(Terminal terminal, string folder) =>
        Files(terminal, [("report", Path.Combine(folder, "report.html")), ("summary", Path.Combine(folder, "sweep.json"))]);

    /// <summary>The files a finished `find` points to: the figure, curve.csv and summary.json.</summary>
    public static void FindFiles(Terminal terminal, string folder) =>
        Files(terminal, [("figure", Path.Combine(folder, "finder.png")), ("curve", Path.Combine(folder, "curve.csv")), ("summary", Path.Combine(folder, "summary.json"))]);

    private static void Files(Terminal terminal, IEnumerable<(string Label, string Path)> files)
    {
        // A sweep interrupted before its first run has no report: name only what is there.
        foreach (var (label, path) in files.Where(file => File.Exists(file.Path)))
            terminal.Narration.WriteLine($"{label + ":",-8} {path}");
    }

    private static string Subject(ExperimentSpec spec, int? samples)
    {
        var size = samples is { } count ? count.ToString(CultureInfo.InvariantCulture) + " samples" : "already run, not loaded";
        return $"{SpecificationText.Data(spec)} ({size}), model {SpecificationText.Model(spec.Model)}, optimizer {SpecificationText.Optimizer(spec.Optimizer)}, " +
               $"schedule {SpecificationText.Schedule(spec.Finder)}, preset {spec.Finder.Preset.Name}";
    }

    // 0,1,2,3,4 reads as 0-4; anything else as the list.
    private static string Seeds(IReadOnlyList<int> seeds) =>
        seeds.Count > 2 && seeds.Zip(seeds.Skip(1), (before, after) => after - before).All(step => step == 1)
            ? $"{seeds[0]}-{seeds[^1]}"
            : string.Join(",", seeds);

    /// <summary>
    /// One line, even with --quiet, when input files were passed over (unreadable, or over the pixel
    /// budget), for a model from scratch or pretrained alike: how many of each kind, and the first
    /// with its reason; the full list is in sweep.json, summary.json and the report.
    /// </summary>
    public static void SkippedImages(Terminal terminal, SkippedInputs? skipped)
    {
        if (skipped is null || skipped.Files.Count == 0) return;
        var first = skipped.Files[0];
        terminal.Error.WriteLine($"sweep: {skipped.Summary} (e.g. {Path.GetFileName(first.Path)}: {first.Reason}); they are left out of the data.");
    }
}
