using System.CommandLine;
using System.CommandLine.Parsing;

namespace Sweep.Cli;

/// <summary>
/// System.CommandLine's parse errors as the one line a refusal prints: the first problem, worded
/// from what was parsed (which option, which token) rather than from the library's own messages, and
/// with the fix: the value an option takes, the option a misspelt one probably meant, --help.
/// </summary>
public static class CommandLineErrors
{
    /// <summary>
    /// The line for what is wrong with <paramref name="parsed"/> (the parse of <paramref name="args"/>),
    /// or null when nothing is; <paramref name="commands"/> are the commands the root knows.
    /// </summary>
    public static string? Describe(ParseResult parsed, IReadOnlyList<CommandSpec> commands, IReadOnlyList<string> args)
    {
        var spec = commands.FirstOrDefault(command => command.Command == parsed.CommandResult.Command);
        var stray = StrayOption(parsed, args);
        if (parsed.Errors.Count == 0 && stray is null) return null;
        if (parsed.Errors.Count == 0 && spec is not null) return Unmatched(stray!, spec.Command, spec, commands, args);
        var usage = spec is null ? "sweep" : $"sweep {spec.Name}";
        // An option left without a value comes before the tokens that then went astray (--start --end 5: the 5).
        if (parsed.Errors.Select(error => OptionOf(error.SymbolResult)).FirstOrDefault(result => result is not null) is { } option)
            return ValueProblem(option, spec);
        if (args.FirstOrDefault(arg => arg.StartsWith('@') && !File.Exists(arg[1..])) is { } missing)
            return $"no such response file '{missing[1..]}'; an @FILE argument names a file of arguments, one or more a line.";
        if (parsed.UnmatchedTokens.FirstOrDefault() is { } token)
            return Unmatched(token, parsed.CommandResult.Command, spec, commands, args);
        if (spec is null) return $"give a command: {Names(commands)}; run 'sweep --help' for what each does.";
        var first = parsed.Errors[0].Message.TrimEnd('.');
        return $"{first}; run '{usage} --help' for its options.";
    }

    // A command with positional arguments takes any word for one, --jsn too: only after -- may one start with a dash.
    private static string? StrayOption(ParseResult parsed, IReadOnlyList<string> args)
    {
        var positionals = parsed.CommandResult.Command.Arguments.SelectMany(argument => parsed.GetResult(argument)?.Tokens ?? []).Select(token => token.Value).ToArray();
        var afterDoubleDash = args.Contains("--") ? args.Count - args.ToList().IndexOf("--") - 1 : 0;
        return positionals.SkipLast(afterDoubleDash).FirstOrDefault(value => value.Length > 1 && value.StartsWith('-') && !double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    private static OptionResult? OptionOf(SymbolResult? result) => result switch
    {
        OptionResult option => option,
        ArgumentResult { Parent: OptionResult option } => option,
        _ => null,
    };

    private static string ValueProblem(OptionResult result, CommandSpec? spec)
    {
        var option = result.Option;
        var shown = spec?.Shown(option);
        // A default shown with a remark ("1e-7 (fastai-0.7: 1e-5)") still gives its value as the example.
        var first = shown?.Split([' ', ';'], 2)[0];
        var example = $"e.g. {option.Name} {(first is not null && (first == shown || double.TryParse(first, System.Globalization.CultureInfo.InvariantCulture, out _)) ? first : "VALUE")}";
        if (result.Tokens.Count == 0) return $"option {option.Name} needs a value; {example}.";
        var value = result.Tokens[^1].Value;
        if (spec is not null && Options.IsOptionOf(spec.Command, value))
            return $"option {option.Name} needs a value, but {value} follows it; {example}.";
        return $"option {option.Name} must be {Options.Expected(option)}, got '{value}'.";
    }

    private static string Unmatched(string token, Command command, CommandSpec? spec, IReadOnlyList<CommandSpec> commands, IReadOnlyList<string> args)
    {
        if (spec is null)
            return token.StartsWith('-')
                ? $"unknown option {token} for 'sweep'; run 'sweep --help' for its options, or 'sweep COMMAND --help'."
                : $"unknown command '{token}'; commands: {Names(commands)}.";
        // --nesterov=maybe: the flag takes its value only when it is true or false, so the rest is left over.
        if (args.FirstOrDefault(arg => arg.EndsWith("=" + token, StringComparison.Ordinal)) is { } assignment
            && Options.IsOptionOf(command, assignment[..^(token.Length + 1)]))
            return $"option {assignment[..^(token.Length + 1)]} takes true or false, got '{token}'.";
        if (!token.StartsWith('-'))
            return $"'sweep {spec.Name}' takes no arguments, got '{token}'; options start with --.";
        var name = token.Split('=')[0];
        var near = Suggestions.Nearest(name, command.Options.Where(option => !option.Hidden).Select(option => option.Name));
        var hint = near.Count > 0 ? $"did you mean {string.Join(" or ", near)}? " : "";
        return $"unknown option {name} for 'sweep {spec.Name}'; {hint}run 'sweep {spec.Name} --help' for its options.";
    }

    private static string Names(IReadOnlyList<CommandSpec> commands) => string.Join(", ", commands.Select(command => command.Name));
}
