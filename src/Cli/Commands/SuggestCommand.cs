using System.CommandLine;
using System.Text.Json;
using Sweep.Cli.Files;
using Sweep.Domain;

namespace Sweep.Cli.Commands;

/// <summary>`sweep suggest`: every rule's answer on a curve recorded anywhere.</summary>
public static class SuggestCommand
{
    /// <summary>The positional arguments: one curve file.</summary>
    public static readonly Argument<string[]> Curve = new("curve") { Description = "a curve.csv or curve.json", Arity = ArgumentArity.ZeroOrMore };

    /// <summary>--preset.</summary>
    public static readonly Option<string?> PresetOption = Options.Text("preset", "fastai or pytorch-lr-finder: the smoothing applied when the file has no smoothed losses, and the trimming before the rules", "fastai", choices: Preset.All.Select(preset => preset.Name));

    /// <summary>--iterations; null: the number of points.</summary>
    public static readonly Option<int?> Iterations = Options.Integer("iterations", "the number of steps the run was planned with (fastai trims the first tenth of it)");

    /// <summary>--rules.</summary>
    public static readonly Option<IReadOnlyList<string>?> Rules = Options.Words("rules", $"rules to print: {string.Join(", ", RuleName.All.Select(RuleName.Of))}", "all");

    /// <summary>--smoothed.</summary>
    public static readonly Option<bool?> Smoothed = Options.Flag("smoothed", "the loss column is already smoothed (pytorch-lr-finder's history[\"loss\"] and fastai's recorder.losses are), so it is not smoothed again");

    /// <summary>--json.</summary>
    public static readonly Option<bool?> Json = Options.Flag("json", "print a JSON object, rule name -> learning rate or null");

    /// <summary>The command's options and help.</summary>
    public static CommandSpec Spec { get; } = new("suggest", "apply the suggestion rules to a recorded curve",
        [new(PresetOption), new(Iterations, "the number of points"), new(Rules), new(Smoothed), new(Json)],
        Arguments: Curve, Details:
    "CSV files need a header with an lr column and a loss column (smoothed_loss optional), names in any case; the separator "
    + "(, ; tab |) is the one the header holds most of; quoted fields, a UTF-8 BOM and CRLF are fine; a ;-separated file may use "
    + "decimal commas if none of its numbers uses a point. JSON files need an object with such arrays. Learning rates must be "
    + $"positive and rise at every step; losses may be NaN or infinite (a diverged run's end). At most {CurveReader.MaximumRows} "
    + "points, and at least as many as the chosen rules read after the preset's trim (23 for every rule with fastai, 17 with "
    + "pytorch-lr-finder, 31 with fastai-0.7).");

    /// <summary>Runs it; returns the exit code.</summary>
    public static int Run(ParseResult parsed, Terminal terminal)
    {
        var positionals = parsed.GetValue(Curve)!;
        if (positionals.Length != 1) throw new UsageException("give one curve file: sweep suggest CURVE.csv.");
        var preset = OptionValues.ParsePreset(parsed.GetValue(PresetOption)!);
        var rules = OptionValues.ParseRules(parsed.GetValue(Rules)!);
        int? plannedIterations = parsed.GetValue(Iterations) is null ? null : OptionValues.Positive(parsed, Iterations);
        var path = positionals[0];
        var curve = CurveReader.Read(path);
        CheckLength(path, curve.LearningRates.Length, preset, rules, plannedIterations);
        var iterations = plannedIterations ?? curve.LearningRates.Length;
        var smoothed = curve.SmoothedLosses ?? ((parsed.GetValue(Smoothed) ?? false) ? curve.Losses : Smoothing.Smooth(preset.Smoothing, curve.Losses));
        var view = preset.View(iterations, curve.LearningRates, smoothed);
        // As Preset.Suggestions reads them: steepest skips its own 10 + 5 points on the curve as recorded.
        var answers = rules.ToDictionary(rule => rule, rule => rule == Rule.Steepest
            ? Suggest.By(rule, curve.LearningRates, smoothed)
            : Suggest.By(rule, view.LearningRates, view.Losses));
        terminal.Out.Write((parsed.GetValue(Json) ?? false)
            ? JsonSerializer.Serialize(answers.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value)) + "\n"
            : FindCommand.SuggestionTable(rules, answers));
        return 0;
    }

    /// <summary>
    /// The points <paramref name="rule"/> needs to answer at all: slide's window + 1, steepest's
    /// 10 + 5 skipped + 2, and two for the others (no rule reads a curve of fewer, <see cref="Suggest.Informative"/>).
    /// </summary>
    public static int Needs(Rule rule) => rule switch
    {
        Rule.Slide => Suggest.SlideWindow + 1,
        Rule.Steepest => Suggest.SkipStart + Suggest.SkipEnd + 2,
        _ => 2,
    };

    /// <summary>The points <paramref name="rule"/> reads from a curve of <paramref name="points"/> finite points: the preset's trim, except for steepest.</summary>
    public static int Reads(Rule rule, Preset preset, int points, int? iterations) =>
        rule == Rule.Steepest ? points : preset.View(iterations ?? points, new double[points], new double[points]).Count;

    /// <summary>The fewest recorded points from which every one of <paramref name="rules"/> can answer, or null when none up to the maximum will do.</summary>
    public static int? MinimumPoints(Preset preset, IReadOnlyList<Rule> rules, int? iterations)
    {
        bool Enough(int points) => rules.All(rule => Reads(rule, preset, points, iterations) >= Needs(rule));
        if (!Enough(CurveReader.MaximumRows)) return null;
        // Every trim keeps more points of a longer curve, so the first long-enough length is found by bisection.
        var (low, high) = (0, CurveReader.MaximumRows);
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (Enough(middle)) high = middle;
            else low = middle;
        }

        return high;
    }

    private static void CheckLength(string path, int points, Preset preset, IReadOnlyList<Rule> rules, int? iterations)
    {
        var tooShort = rules.Where(rule => Reads(rule, preset, points, iterations) < Needs(rule)).ToList();
        if (tooShort.Count == 0) return;
        var planned = iterations is null ? "" : $" and --iterations {iterations}";
        var worst = tooShort.MaxBy(rule => MinimumPoints(preset, [rule], iterations) ?? int.MaxValue);
        var fewer = rules.Except(tooShort).Select(RuleName.Of).ToList();
        var fix = fewer.Count > 0 ? $"record a longer range test, or ask only for --rules {string.Join(",", fewer)}" : "record a longer range test";
        var needed = MinimumPoints(preset, rules, iterations) is { } minimum ? $"at least {minimum} points" : "more points than any curve may have";
        throw new UsageException($"{path} has {points} point{(points == 1 ? "" : "s")}; {RuleName.Of(worst)} with the {preset.Name} preset{planned} needs {needed}: {fix}.");
    }
}
