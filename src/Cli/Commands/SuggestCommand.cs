using System.Text.Json;
using Sweep.Cli.Files;
using Sweep.Domain;

namespace Sweep.Cli.Commands;

/// <summary>`sweep suggest`: every rule's answer on a curve recorded anywhere.</summary>
public static class SuggestCommand
{
    /// <summary>The command's options and help.</summary>
    public static CommandSpec Spec { get; } = new("suggest", "apply the suggestion rules to a recorded curve", "<curve.csv or curve.json>",
    [
        new("preset", "fastai or pytorch-lr-finder: the smoothing applied when the file has no smoothed losses, and the trimming before the rules", "fastai"),
        new("iterations", "the number of steps the run was planned with (fastai trims the first tenth of it)", Shown: "the number of points"),
        new("rules", $"rules to print: {string.Join(", ", RuleName.All.Select(RuleName.Of))}", "all"),
        new("smoothed", "the loss column is already smoothed (pytorch-lr-finder's history[\"loss\"] and fastai's recorder.losses are), so it is not smoothed again", IsFlag: true),
        new("json", "print a JSON object, rule name -> learning rate or null", IsFlag: true),
    ],
    "CSV files need a header with an lr column and a loss column (smoothed_loss optional); JSON files an object with such arrays.");

    /// <summary>Runs it; returns the exit code.</summary>
    public static int Run(ParsedOptions parsed, Terminal terminal)
    {
        if (parsed.Positionals.Count != 1) throw new UsageException("give one curve file: sweep suggest CURVE.csv.");
        var preset = ExperimentOptions.ParsePreset(parsed);
        var curve = CurveReader.Read(parsed.Positionals[0]);
        var iterations = parsed.Text("iterations") is null ? curve.LearningRates.Length : ExperimentOptions.Positive(parsed, "iterations");
        var rules = ExperimentOptions.ParseRules(parsed);
        var smoothed = curve.SmoothedLosses ?? (parsed.Flag("smoothed") ? curve.Losses : Smoothing.Smooth(preset.Smoothing, curve.Losses));
        var view = preset.View(iterations, curve.LearningRates, smoothed);
        var answers = rules.ToDictionary(rule => rule, rule => Suggest.By(rule, view.LearningRates, view.Losses));
        terminal.Out.Write(parsed.Flag("json")
            ? JsonSerializer.Serialize(answers.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value)) + "\n"
            : FindCommand.SuggestionTable(rules, answers));
        return 0;
    }
}
