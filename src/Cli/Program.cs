using Sweep.Cli.Commands;
using Sweep.Training;
using Sweep.Training.Data;

namespace Sweep.Cli;

/// <summary>The `sweep` command: parses, dispatches, and turns bad input into one line and exit code 2.</summary>
public static class Program
{
    private static readonly IReadOnlyList<CommandSpec> Commands =
        [RunCommand.Spec, FindCommand.Spec, PlotCommand.Spec, SuggestCommand.Spec, RecommendCommand.Spec, ListCommand.Spec, BenchCommand.Spec];

    /// <summary>The overview printed by `sweep --help`.</summary>
    public static string Overview =>
        "sweep: find good learning rates and see how they move with batch size.\n\nCommands:\n" +
        string.Concat(Commands.Select(command => $"  {command.Name,-8} {command.Summary}\n")) +
        "\nRun 'sweep COMMAND --help' for a command's options and defaults.\n" +
        "Exit codes: 0 done, 1 failure at run time (disk full, read-only file system: one line names the file), 2 bad input (one line on stderr says what to change), 130 interrupted (finished runs are kept).";

    /// <summary>Entry point: Ctrl-C or SIGTERM cancels the current range test cleanly (<see cref="Interruption"/>).</summary>
    public static int Main(string[] args)
    {
        // Before libtorch allocates: large buffers freed and mapped again every step cost more than the arithmetic.
        NativeMemory.TuneAllocator();
        var terminal = Terminal.System();
        using var interruption = new Interruption(terminal.Error);
        return Run(args, terminal, interruption.Token);
    }

    /// <summary>Runs one command line against <paramref name="terminal"/>; returns the exit code. Used by Main and by tests.</summary>
    public static int Run(IReadOnlyList<string> args, Terminal terminal, CancellationToken cancellation = default)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            terminal.Out.WriteLine(Overview);
            return 0;
        }

        var spec = Commands.FirstOrDefault(command => command.Name == args[0]);
        if (spec is null)
        {
            terminal.Error.WriteLine($"sweep: unknown command '{args[0]}'; commands: {string.Join(", ", Commands.Select(command => command.Name))}.");
            return 2;
        }

        try
        {
            var parsed = ParsedOptions.Parse(spec, args.Skip(1).ToArray());
            if (parsed.HelpAsked)
            {
                terminal.Out.WriteLine(spec.Help());
                return 0;
            }

            if (parsed.Positionals.Count > 0 && spec.Arguments.Length == 0)
                throw new UsageException($"'sweep {spec.Name}' takes no arguments, got '{parsed.Positionals[0]}'; options start with --.");
            // The commands that train; the others never load libtorch, so they leave it unloaded.
            if (spec.Name is "run" or "find" or "bench") Nnpack.Disable();
            return spec.Name switch
            {
                "run" => RunCommand.Run(parsed, terminal, cancellation),
                "find" => FindCommand.Run(parsed, terminal, cancellation),
                "plot" => PlotCommand.Run(parsed, terminal),
                "suggest" => SuggestCommand.Run(parsed, terminal),
                "recommend" => RecommendCommand.Run(parsed, terminal),
                "list" => ListCommand.Run(terminal),
                "bench" => BenchCommand.Run(parsed, terminal),
                _ => throw new UsageException($"unknown command '{spec.Name}'."),
            };
        }
        catch (Exception error) when (error is UsageException or DataException)
        {
            terminal.Error.WriteLine($"sweep: {error.Message}");
            return 2;
        }
        catch (Exception error) when (RunTimeFailure.Describe(error) is { } line)
        {
            terminal.Error.WriteLine($"sweep: {line}");
            return RunTimeFailure.ExitCode;
        }
    }
}
