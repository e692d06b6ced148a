namespace Sweep.Cli;

/// <summary>Where a command writes, and whether a person is watching (live progress) or a log is (plain lines).</summary>
/// <param name="Out">Results: tables, JSON.</param>
/// <param name="Error">Progress and problems.</param>
/// <param name="Interactive">A terminal without CI=true: progress may redraw itself.</param>
public sealed record Terminal(TextWriter Out, TextWriter Error, bool Interactive)
{
    /// <summary>
    /// --quiet, for scripts: no header, no progress and no closing list of files; results on
    /// <see cref="Out"/> and problems on <see cref="Error"/> still print.
    /// </summary>
    public bool Quiet { get; init; }

    /// <summary>Where the narration (header, progress, the files written) goes: <see cref="Error"/>, or nowhere when quiet.</summary>
    public TextWriter Narration => Quiet ? TextWriter.Null : Error;

    /// <summary>The process's own console.</summary>
    public static Terminal System() => new(Console.Out, Console.Error,
        !Console.IsErrorRedirected && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase));
}
