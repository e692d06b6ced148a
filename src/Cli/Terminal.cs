namespace Sweep.Cli;

/// <summary>Where a command writes, and whether a person is watching (live progress) or a log is (plain lines).</summary>
/// <param name="Out">Results: tables, JSON.</param>
/// <param name="Error">Progress and problems.</param>
/// <param name="Interactive">A terminal without CI=true: progress may redraw itself.</param>
public sealed record Terminal(TextWriter Out, TextWriter Error, bool Interactive)
{
    /// <summary>The process's own console.</summary>
    public static Terminal System() => new(Console.Out, Console.Error,
        !Console.IsErrorRedirected && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase));
}
