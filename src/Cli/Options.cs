using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Sweep.Cli;

/// <summary>
/// The kinds of option the commands take, each a typed <see cref="Option{T}"/> whose parser checks
/// only the type (a number, a list of whole numbers): ranges and names are the commands' and the
/// specification's to check. A value that is the next option (<c>--start --end 5</c>) is refused
/// here, so that the error names the option left without a value rather than the one after it.
/// An option made with a fallback holds it when not given; the others are null then, so "not given"
/// can be told from any value.
/// </summary>
public static class Options
{
    /// <summary>A switch: <c>--name</c> or <c>--name=true</c> is true, <c>--name=false</c> false; null when not given.</summary>
    public static Option<bool?> Flag(string name, string description) =>
        new($"--{name}") { Description = description, Arity = ArgumentArity.ZeroOrOne };

    /// <summary>
    /// Free text (a name, a path); --help shows it as &lt;<paramref name="valueName"/>&gt;, and tab
    /// completion offers <paramref name="choices"/> (the names it knows; others may still be valid, such as a folder).
    /// </summary>
    public static Option<string?> Text(string name, string description, string? fallback = null, string valueName = "name", IEnumerable<string>? choices = null)
    {
        var option = Create<string?>(name, description, fallback, valueName, text => (true, text));
        if (choices is not null) option.CompletionSources.Add([.. choices]);
        return option;
    }

    /// <summary>A whole number.</summary>
    public static Option<long?> WholeNumber(string name, string description, string? fallback = null) =>
        Create(name, description, fallback, "n", text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? (true, (long?)value) : (false, null));

    /// <summary>A whole number that fits 32 bits (a size, a seed).</summary>
    public static Option<int?> Integer(string name, string description, string? fallback = null) =>
        Create(name, description, fallback, "n", text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? (true, (int?)value) : (false, null));

    /// <summary>A number: 1e-4, 0.9, inf.</summary>
    public static Option<double?> Number(string name, string description) =>
        Create<double?>(name, description, null, "x", text => ParseNumber(text) is { } value ? (true, value) : (false, null));

    /// <summary>A comma-separated list of whole numbers (at least one).</summary>
    public static Option<IReadOnlyList<int>?> WholeNumbers(string name, string description, string? fallback = null) =>
        Create(name, description, fallback, "n,n,...", text =>
        {
            var numbers = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(part => int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (int?)null).ToArray();
            return numbers.Length > 0 && numbers.All(number => number is not null)
                ? (true, (IReadOnlyList<int>?)numbers.Select(number => number!.Value).ToArray())
                : (false, null);
        });

    /// <summary>A comma-separated list of words (possibly none).</summary>
    public static Option<IReadOnlyList<string>?> Words(string name, string description, string? fallback = null) =>
        Create<IReadOnlyList<string>?>(name, description, fallback, "a,b,...",
            text => (true, text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));

    /// <summary>What each kind must be, as the refusal of a malformed value says it.</summary>
    public static string Expected(Option option) => option.ValueType switch
    {
        var type when type == typeof(long?) || type == typeof(int?) => "a whole number",
        var type when type == typeof(double?) => "a number",
        var type when type == typeof(IReadOnlyList<int>) => "a comma-separated list of whole numbers",
        var type when type == typeof(StepsValue) => "a whole number or epoch",
        _ => "a value",
    };

    /// <summary>True when <paramref name="token"/> names one of <paramref name="command"/>'s options, so it cannot be a value.</summary>
    public static bool IsOptionOf(Command command, string token) =>
        command.Options.Any(option => option.Name == token || option.Aliases.Contains(token));

    // --end 1e300 and "inf" are numbers; NaN is not one a person means.
    private static double? ParseNumber(string text) =>
        text.Trim().ToLowerInvariant() is "inf" or "infinity" ? double.PositiveInfinity
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value) ? value : null;

    /// <summary>An option of another kind: <paramref name="parse"/> turns its text into a value, or says it cannot.</summary>
    public static Option<T> Create<T>(string name, string description, string? fallback, string valueName, Func<string, (bool Ok, T Value)> parse)
    {
        // Given twice (a response file, then the command line), the last one counts.
        var option = new Option<T>($"--{name}") { Description = description, HelpName = valueName, Arity = ArgumentArity.OneOrMore };
        option.CustomParser = result => Parse(result, parse);
        if (fallback is not null) option.DefaultValueFactory = _ => parse(fallback).Value;
        return option;
    }

    // The message here is replaced by CommandLineErrors, which words it from the option and the token.
    private static T Parse<T>(ArgumentResult result, Func<string, (bool Ok, T Value)> parse)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var command = (result.Parent?.Parent as CommandResult)?.Command;
        if (command is not null && IsOptionOf(command, text))
        {
            result.AddError($"needs a value, got the option {text}");
            return default!;
        }

        var (ok, value) = parse(text);
        if (!ok) result.AddError($"cannot read '{text}'");
        return value;
    }
}
