using System.CommandLine;

namespace Sweep.Cli.Commands;

/// <summary>
/// `sweep completion bash`: a script that gives bash tab completion of commands and options. It asks
/// sweep itself, through System.CommandLine's [suggest:POSITION] directive, so completions always
/// match the options this build has.
/// </summary>
public static class CompletionCommand
{
    /// <summary>The shells a script is written for.</summary>
    public static readonly IReadOnlyList<string> Shells = ["bash"];

    /// <summary>The positional arguments: the shell.</summary>
    public static readonly Argument<string[]> Shell = CreateShell();

    /// <summary>The command's options and help.</summary>
    public static CommandSpec Spec { get; } = new("completion", "print a shell's tab-completion script (bash)", [], Arguments: Shell, Details:
    """
    Load it in the current shell with: source <(sweep completion bash)
    or for every shell, add that line to ~/.bashrc. Without the script, completions are printed by
    sweep "[suggest:N]" "COMMAND LINE" (N: the cursor's position in the line).
    """);

    /// <summary>The bash script: completes the words after `sweep` up to the cursor from sweep's own suggestions.</summary>
    public const string Bash =
        """
        # sweep tab completion for bash; load with: source <(sweep completion bash)
        _sweep_completions() {
          local line="${COMP_LINE:0:COMP_POINT}"
          line="${line#*[[:space:]]}"
          local IFS=$'\n'
          COMPREPLY=($(compgen -W "$(sweep "[suggest:${#line}]" "$line" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _sweep_completions sweep
        """;

    private static Argument<string[]> CreateShell()
    {
        var shell = new Argument<string[]>("shell") { Description = "bash", Arity = ArgumentArity.ZeroOrMore };
        shell.CompletionSources.Add([.. Shells]);
        return shell;
    }

    /// <summary>Runs it; returns the exit code.</summary>
    public static int Run(ParseResult parsed, Terminal terminal)
    {
        var shells = parsed.GetValue(Shell)!;
        if (shells.Length != 1) throw new UsageException("give one shell: sweep completion bash.");
        if (!Shells.Contains(shells[0])) throw UsageException.Unknown("shell", shells[0], Shells);
        terminal.Out.WriteLine(Bash);
        return 0;
    }
}
