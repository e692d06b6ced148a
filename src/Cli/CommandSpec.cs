using System.CommandLine;

namespace Sweep.Cli;

/// <summary>
/// One option as a command lists it, with the default its --help shows: <paramref name="Shown"/>
/// when given (a default that is not a value, or one that differs between commands), else the
/// option's own fallback value, else none.
/// </summary>
public sealed record OptionLine(Option Option, string? Shown = null);

/// <summary>
/// A command: its name, summary, options (each declared once, as a typed field of the command or of
/// a group the commands share), positional arguments and the text --help adds after the options.
/// </summary>
public sealed record CommandSpec(string Name, string Summary, IReadOnlyList<OptionLine> Options, string Details = "", Argument? Arguments = null)
{
    /// <summary>The System.CommandLine command that parses it.</summary>
    public Command Command { get; } = Build(Name, Summary, Options, Arguments);

    /// <summary>What --help shows as <paramref name="option"/>'s default in this command, or null.</summary>
    public string? Shown(Option option) =>
        Options.FirstOrDefault(line => line.Option == option) is { } line
            ? line.Shown ?? (option.HasDefaultValue ? Format(option.GetDefaultValue()) : null)
            : null;

    private static Command Build(string name, string summary, IReadOnlyList<OptionLine> options, Argument? arguments)
    {
        var command = new Command(name, summary);
        foreach (var line in options) command.Options.Add(line.Option);
        if (arguments is not null) command.Arguments.Add(arguments);
        return command;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object>()),
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
