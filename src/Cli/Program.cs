using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;
using Sweep.Cli.Commands;
using Sweep.Training;
using Sweep.Training.Data;

namespace Sweep.Cli;

/// <summary>
/// The `sweep` command: parses with System.CommandLine, dispatches, and turns bad input into one
/// line and exit code 2. System.CommandLine runs only help, --version and completions; it never sees
/// a command's run, so signals stay with <see cref="Interruption"/> and exceptions with this class.
/// </summary>
public static class Program
{
    private static readonly IReadOnlyList<CommandSpec> Commands =
        [RunCommand.Spec, FindCommand.Spec, PlotCommand.Spec, SuggestCommand.Spec, RecommendCommand.Spec, ListCommand.Spec, BenchCommand.Spec, CompletionCommand.Spec];

    // Posix bundling off: no option has a one-letter name, and -1e-3 must stay a number.
    private static readonly ParserConfiguration Parsing = new() { EnablePosixBundling = false };

    private static readonly CommandLineAction HelpAction = HelpText.Action(Commands, Overview);

    private static readonly RootCommand Root = CreateRoot();

    /// <summary>The overview printed by `sweep --help`.</summary>
    public static string Overview =>
        "sweep: find good learning rates and see how they move with batch size.\n\nCommands:\n" +
        string.Concat(Commands.Select(command => $"  {command.Name,-10} {command.Summary}\n")) +
        "\nRun 'sweep COMMAND --help' for a command's options and defaults. Options take their value as --name VALUE or\n" +
        "--name=VALUE (switches: --name, --name=true, --name=false); -- ends the options; @FILE reads arguments from FILE.\n" +
        "Exit codes: 0 done, 1 failure at run time (disk full, read-only file system: one line names the file),\n" +
        "2 bad input (one line on stderr says what to change), 130 interrupted (finished runs are kept).";

    /// <summary>This build's version: the assembly's informational version (the package version, and the commit when built from git).</summary>
    public static string Version =>
        typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Entry point: Ctrl-C or SIGTERM cancels the current range test cleanly (<see cref="Interruption"/>).</summary>
    public static int Main(string[] args)
    {
        // Before libtorch allocates: large buffers freed and mapped again every step cost more than the arithmetic.
        NativeMemory.TuneAllocator();
        var terminal = Terminal.System();
        using var interruption = new Interruption(terminal.Error);
        var code = Run(args, terminal, interruption.Token);
        // Everything is written: libtorch's exit-time teardown would only cost time.
        NativeTeardown.Skip();
        return code;
    }

    /// <summary>The command line parsed, nothing run: the typed values and System.CommandLine's errors.</summary>
    public static ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args, Parsing);

    /// <summary>Runs one command line against <paramref name="terminal"/>; returns the exit code. Used by Main and by tests.</summary>
    public static int Run(IReadOnlyList<string> args, Terminal terminal, CancellationToken cancellation = default)
    {
        if (args.Count == 0 || args[0] is "help")
        {
            terminal.Out.WriteLine(Overview);
            return 0;
        }

        if (ResponseFiles.Problem(args) is { } responseProblem)
        {
            terminal.Error.WriteLine($"sweep: {responseProblem}");
            return 2;
        }

        var parsed = Parse(args);
        // Help, --version and completions are System.CommandLine's to run; nothing else is.
        if (parsed.Action is not null && (parsed.Action == HelpAction || parsed.Action is VersionAction || Root.Directives.Any(directive => parsed.GetResult(directive) is not null)))
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = terminal.Out, Error = terminal.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            });
        try
        {
            if (CommandLineErrors.Describe(parsed, Commands, args) is { } problem) throw new UsageException(problem);
            var spec = Commands.Single(command => command.Command == parsed.CommandResult.Command);
            return spec.Name switch
            {
                "run" => RunCommand.Run(parsed, terminal, cancellation),
                "find" => FindCommand.Run(parsed, terminal, cancellation),
                "plot" => PlotCommand.Run(parsed, terminal),
                "suggest" => SuggestCommand.Run(parsed, terminal),
                "recommend" => RecommendCommand.Run(parsed, terminal),
                "list" => ListCommand.Run(terminal),
                "bench" => BenchCommand.Run(parsed, terminal),
                "completion" => CompletionCommand.Run(parsed, terminal),
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

    private static RootCommand CreateRoot()
    {
        var root = new RootCommand("find good learning rates and see how they move with batch size");
        foreach (var spec in Commands) root.Subcommands.Add(spec.Command);
        // Only --help and -h: the Windows spellings (/?, /h, -?) would crowd every completion list.
        root.Options.Remove(root.Options.OfType<HelpOption>().Single());
        root.Options.Add(new HelpOption("--help", "-h") { Action = HelpAction });
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction();

        return root;
    }

    // System.CommandLine's own --version reads the entry assembly, which in tests is the test host.
    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return 0;
        }
    }
}
