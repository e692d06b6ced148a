using System.CommandLine;
using System.CommandLine.Invocation;

namespace Sweep.Cli;

/// <summary>
/// What --help prints, generated from a command's declarations: "sweep NAME: summary", the usage,
/// the arguments, every option with its value, description and default, then the command's own
/// notes. Lines are not wrapped: the terminal wraps them, and a default is never split from its
/// option. (System.CommandLine 3.0 keeps its help layout internal, so the layout is written here.)
/// </summary>
public static class HelpText
{
    /// <summary>The complete --help text of <paramref name="spec"/>, every default shown.</summary>
    public static string Of(CommandSpec spec)
    {
        var arguments = spec.Command.Arguments.Select(argument => $"<{argument.Name}>").ToArray();
        var lines = new List<string>
        {
            $"sweep {spec.Name}: {spec.Summary}", "",
            $"Usage: sweep {string.Join(" ", [spec.Name, .. arguments])} [options]",
        };
        var rows = spec.Options.Select(line => (Left: Left(line.Option), Right: Right(line.Option.Description, spec.Shown(line.Option))))
            .Append((Left: "-h, --help", Right: "this text")).ToArray();
        var argumentRows = spec.Command.Arguments.Select(argument => (Left: $"<{argument.Name}>", Right: argument.Description ?? "")).ToArray();
        var width = rows.Concat(argumentRows).Max(row => row.Left.Length) + 4;
        if (argumentRows.Length > 0) lines.AddRange(["", "Arguments:", .. argumentRows.Select(row => $"  {row.Left.PadRight(width)}{row.Right}")]);
        lines.AddRange(["", "Options:", .. rows.Select(row => $"  {row.Left.PadRight(width)}{row.Right}")]);
        if (spec.Details.Length > 0) lines.AddRange(["", spec.Details.TrimEnd()]);
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The action --help runs: <paramref name="overview"/> for `sweep --help`, the command's help for `sweep NAME --help`.</summary>
    public static CommandLineAction Action(IReadOnlyList<CommandSpec> commands, string overview) => new HelpTextAction(commands, overview);

    // A switch shows no value; --name=false turns it off.
    private static string Left(Option option) =>
        option.ValueType == typeof(bool?) || option.ValueType == typeof(bool) ? option.Name : $"{option.Name} <{option.HelpName ?? "value"}>";

    private static string Right(string? description, string? shown) => $"{description}{(shown is null ? "" : $" [default: {shown}]")}";

    private sealed class HelpTextAction(IReadOnlyList<CommandSpec> commands, string overview) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var spec = commands.FirstOrDefault(command => command.Command == parseResult.CommandResult.Command);
            parseResult.InvocationConfiguration.Output.WriteLine(spec is null ? overview : Of(spec));
            return 0;
        }
    }
}
