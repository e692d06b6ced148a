using System.CommandLine;
using Sweep.Cli.Files;
using Sweep.Domain;

namespace Sweep.Cli.Commands;

/// <summary>`sweep plot`: redraws every figure and the report of a sweep folder from its saved runs, without training.</summary>
public static class PlotCommand
{
    /// <summary>The positional arguments: one sweep folder or its sweep.json (more or fewer are refused by the command, in its words).</summary>
    public static readonly Argument<string[]> Folder = new("folder") { Description = "a folder written by 'sweep run', or its sweep.json", Arity = ArgumentArity.ZeroOrMore };

    /// <summary>The command's options and help.</summary>
    public static CommandSpec Spec { get; } = new("plot", "redraw the figures and report of a sweep from its saved results", [],
        Arguments: Folder, Details: "Merges the runs of the folder's plan (the batch sizes and seeds of its sweep.json, as the last 'sweep run' there wrote it; from all shards) into curves.csv, sweep.json, the figures and report.html. Other files in runs/ (cells of an earlier, larger plan) are left alone and not shown. A run file made with another configuration, named for another cell, or changed since it was written is refused.");

    /// <summary>Runs it; returns the exit code.</summary>
    public static int Run(ParseResult parsed, Terminal terminal)
    {
        var positionals = parsed.GetValue(Folder)!;
        if (positionals.Length != 1) throw new UsageException("give one sweep folder (or its sweep.json): sweep plot FOLDER.");
        var root = Root(positionals[0]);
        var (spec, _, _, targets) = SweepSummary.Read(Path.Combine(root, SweepSummary.FileName));
        var (plan, fitRule, results) = Load(positionals[0]);
        OutputFolder.EnsureWritable(root);
        var contents = new SweepSummary.Contents(spec, plan, fitRule, results, NoiseScaleFile.Read(root), targets)
        {
            Skipped = SkippedInputsJson.Read(Path.Combine(root, SweepSummary.FileName)),
        };
        PhaseClock.Mark("start-up and loading runs");
        var scaling = SweepOutputs.Write(root, contents);
        terminal.Out.Write(SweepOutputs.Table(contents, scaling));
        return 0;
    }

    /// <summary>
    /// The plan, fit rule and finished runs of the sweep in <paramref name="target"/> (a folder or its
    /// sweep.json), every run checked against the folder's fingerprint, its cell and its checksum; a
    /// problem is a one-line usage error naming the file.
    /// </summary>
    public static (SweepPlan Plan, Rule FitRule, IReadOnlyList<RunResult> Results) Load(string target)
    {
        var root = Root(target);
        var (_, plan, fitRule, _) = SweepSummary.Read(Path.Combine(root, SweepSummary.FileName));
        var folder = new SweepFolder(root);
        var fingerprint = folder.RecordedFingerprint() ?? throw new UsageException(File.Exists(folder.ConfigPath)
            ? $"'{root}' has no config.json with a fingerprint ({folder.ConfigPath} is damaged, too large, or from an older sweep); rerun 'sweep run' with the folder's options and --force to redo its runs."
            : $"'{root}' has no config.json with a fingerprint (it was written by an older sweep or the file is gone); rerun 'sweep run' with its options to redo its runs.");
        var stored = plan.Cells.Select(cell => folder.Inspect(cell, fingerprint)).ToArray();
        if (stored.OfType<StoredRun.Invalid>().FirstOrDefault() is { } invalid)
            throw new UsageException($"{invalid.Describe()}; delete it, or rerun 'sweep run' with the folder's options to redo it.");
        return (plan, fitRule, stored.OfType<StoredRun.Valid>().Select(valid => valid.Result).ToArray());
    }

    // The folder of a target that is a folder or a sweep.json in one, checked to hold a sweep.
    private static string Root(string target)
    {
        var root = File.Exists(target) ? Path.GetDirectoryName(Path.GetFullPath(target))! : target;
        if (!Directory.Exists(root)) throw new UsageException($"no such folder '{target}'; give a folder written by 'sweep run'.");
        if (!File.Exists(Path.Combine(root, SweepSummary.FileName))) throw new UsageException($"'{root}' has no {SweepSummary.FileName}; give a folder written by 'sweep run'.");
        return root;
    }
}
