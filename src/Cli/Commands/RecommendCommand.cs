using System.CommandLine;
using Sweep.Cli.Files;
using Sweep.Domain;

namespace Sweep.Cli.Commands;

/// <summary>`sweep recommend`: the learning rate for the batch size you will train with, read off a finished sweep's fits.</summary>
public static class RecommendCommand
{
    /// <summary>The positional arguments: one sweep folder.</summary>
    public static readonly Argument<string[]> Folder = new("folder") { Description = "a folder written by 'sweep run'", Arity = ArgumentArity.ZeroOrMore };

    /// <summary>--batch-size.</summary>
    public static readonly Option<int?> BatchSize = Options.Integer("batch-size", "the batch size you will train with", "256");

    /// <summary>--rule; null: the sweep's fit rule.</summary>
    public static readonly Option<string?> RuleOption = Options.Text("rule", $"the rule whose suggestions are fitted: {string.Join(", ", RuleName.All.Select(RuleName.Of))}", choices: RuleName.All.Select(RuleName.Of));

    /// <summary>The command's options and help.</summary>
    public static CommandSpec Spec { get; } = new("recommend", "the learning rate to use at a batch size, from a sweep's fits",
        [new(BatchSize), new(RuleOption, "the sweep's fit rule")], Arguments: Folder, Details:
    """
    Prints one line: the learning rate at that batch size from the power law fitted to the sweep's
    suggestions, with its 95% prediction interval (where a new run's suggestion would fall), and
    whether the batch size lies outside the measured ones (extrapolated: the answer then rests on
    the power law alone). Without a power law, the McCandlish curve answers.
    """);

    /// <summary>Runs it; returns the exit code.</summary>
    public static int Run(ParseResult parsed, Terminal terminal)
    {
        var positionals = parsed.GetValue(Folder)!;
        if (positionals.Length != 1) throw new UsageException("give one sweep folder: sweep recommend FOLDER --batch-size 256.");
        var batchSize = OptionValues.Positive(parsed, BatchSize);
        var (plan, fitRule, results) = PlotCommand.Load(positionals[0]);
        var rule = parsed.GetValue(RuleOption) is { } name ? OptionValues.ParseRule(name) : fitRule;
        if (results.Count == 0) throw new UsageException($"'{positionals[0]}' holds no finished runs yet; run 'sweep run' to finish the sweep first.");
        var recommendation = RecommendationText.Of(results, rule, [batchSize]).Single();
        terminal.Out.WriteLine(RecommendationText.Line(recommendation, rule, plan));
        return 0;
    }
}
