using System.Globalization;

namespace Sweep.Cli;

/// <summary>
/// One option of a command: its name without dashes, help text, its default value, whether it is a
/// flag, and — for an option whose default is "not given" (null) but means something — how --help
/// describes that default.
/// </summary>
public sealed record OptionSpec(string Name, string Help, string? Default = null, bool IsFlag = false, string? Shown = null);

/// <summary>A command's name, summary, positional arguments and options: enough to parse and to print --help.</summary>
public sealed record CommandSpec(string Name, string Summary, string Arguments, IReadOnlyList<OptionSpec> Options, string Details = "")
{
    /// <summary>The complete --help text, every default shown.</summary>
    public string Help()
    {
        var lines = new List<string> { $"sweep {Name}: {Summary}", "", $"Usage: sweep {Name}{(Arguments.Length > 0 ? " " + Arguments : "")} [options]", "", "Options:" };
        var width = Options.Select(option => option.Name.Length + (option.IsFlag ? 0 : 8)).DefaultIfEmpty(4).Max() + 6;
        foreach (var option in Options)
        {
            var left = $"  --{option.Name}{(option.IsFlag ? "" : " <value>")}";
            var defaultText = (option.Shown ?? option.Default) is { } shown ? $" [default: {shown}]" : "";
            lines.Add($"{left.PadRight(width)}{option.Help}{defaultText}");
        }

        lines.Add($"{"  --help".PadRight(width)}this text");
        if (Details.Length > 0) lines.AddRange(["", Details.TrimEnd()]);
        return string.Join(Environment.NewLine, lines);
    }
}

/// <summary>
/// The parsed command line of one command: option values by name (defaults filled in) and the
/// positional arguments. Typed getters turn a malformed value into a one-line
/// <see cref="UsageException"/> that names the option.
/// </summary>
public sealed class ParsedOptions
{
    private readonly CommandSpec command;
    private readonly Dictionary<string, string?> values;

    private readonly HashSet<string> given = [];

    private ParsedOptions(CommandSpec command, Dictionary<string, string?> values, IReadOnlyList<string> positionals, bool helpAsked)
    {
        this.command = command;
        this.values = values;
        Positionals = positionals;
        HelpAsked = helpAsked;
    }

    /// <summary>Arguments that are not options, in order.</summary>
    public IReadOnlyList<string> Positionals { get; }

    /// <summary>True when --help or -h was given.</summary>
    public bool HelpAsked { get; }

    /// <summary>Parses <paramref name="arguments"/> (after the command name) against <paramref name="command"/>.</summary>
    public static ParsedOptions Parse(CommandSpec command, IReadOnlyList<string> arguments)
    {
        var values = command.Options.ToDictionary(option => option.Name, option => option.IsFlag ? null : option.Default);
        var named = new HashSet<string>();
        var positionals = new List<string>();
        var help = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument is "--help" or "-h") { help = true; continue; }
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument == "--") { positionals.Add(argument); continue; }
            var text = argument[2..];
            var equals = text.IndexOf('=');
            var name = equals >= 0 ? text[..equals] : text;
            var spec = command.Options.FirstOrDefault(option => option.Name == name)
                ?? throw new UsageException($"unknown option --{name} for 'sweep {command.Name}'; run 'sweep {command.Name} --help' for its options.");
            named.Add(name);
            if (spec.IsFlag) { values[name] = "true"; continue; }
            if (equals >= 0) { values[name] = text[(equals + 1)..]; continue; }
            if (i + 1 >= arguments.Count)
                throw new UsageException($"option --{name} needs a value; e.g. --{name} {spec.Default ?? "VALUE"}.");
            values[name] = arguments[++i];
        }

        var parsed = new ParsedOptions(command, values, positionals, help);
        parsed.given.UnionWith(named);
        return parsed;
    }

    /// <summary>The value of <paramref name="name"/>, or null when neither given nor defaulted.</summary>
    public string? Text(string name) => values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"no option {name} in {command.Name}");

    /// <summary>True when the option was on the command line (not just defaulted).</summary>
    public bool Given(string name) => given.Contains(name);

    /// <summary>True when the flag was given.</summary>
    public bool Flag(string name) => Text(name) == "true";

    /// <summary>The option as an integer.</summary>
    public int Int(string name) => Parse(name, text => (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value), value), "a whole number");

    /// <summary>The option as a number (1e-4, 0.9, inf).</summary>
    public double Double(string name) => Parse(name, ParseDouble, "a number");

    /// <summary>The option as a number, or null when not given.</summary>
    public double? OptionalDouble(string name) => Text(name) is null ? null : Double(name);

    /// <summary>A comma-separated list of whole numbers.</summary>
    public IReadOnlyList<int> Ints(string name) =>
        Parse(name, text =>
        {
            var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var numbers = parts.Select(part => int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (int?)null).ToArray();
            return (numbers.Length > 0 && numbers.All(number => number is not null), numbers.Select(number => number ?? 0).ToArray());
        }, "a comma-separated list of whole numbers");

    /// <summary>A comma-separated list of words.</summary>
    public IReadOnlyList<string> Words(string name) =>
        (Text(name) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private T Parse<T>(string name, Func<string, (bool Ok, T Value)> parse, string what)
    {
        var text = Text(name) ?? throw new UsageException($"option --{name} needs a value.");
        var (ok, value) = parse(text);
        if (ok) return value;
        // A whole number the type cannot hold is too large, not "not a whole number".
        var tooLarge = text.Split(',', StringSplitOptions.TrimEntries).FirstOrDefault(part =>
            System.Numerics.BigInteger.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && (number > int.MaxValue || number < int.MinValue));
        throw new UsageException(tooLarge is null
            ? $"option --{name} must be {what}, got '{text}'."
            : $"option --{name} is out of range, got {tooLarge}; whole numbers here go from {int.MinValue} to {int.MaxValue} (far smaller values make sense).");
    }

    private static (bool, double) ParseDouble(string text) =>
        text.Trim().ToLowerInvariant() is "inf" or "infinity" ? (true, double.PositiveInfinity)
        : (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !double.IsNaN(value), value);
}
