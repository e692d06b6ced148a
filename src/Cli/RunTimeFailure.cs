using Sweep.Training;

namespace Sweep.Cli;

/// <summary>
/// Failures of the machine rather than of the input, met while a command runs: a file that cannot
/// be written or read (disk full, read-only file system, permission denied, a path too long).
/// The command prints one line naming the path and the cause and exits with <see cref="ExitCode"/>;
/// runs already finished stay on disk (each was written atomically) and no temporary file is left.
/// </summary>
public static class RunTimeFailure
{
    /// <summary>The exit code of a failure at run time (2 is bad input, 130 an interruption).</summary>
    public const int ExitCode = 1;

    /// <summary>The one line to print for <paramref name="error"/>, or null when it is not such a failure (a bug: let it surface).</summary>
    public static string? Describe(Exception error) => error switch
    {
        FileWriteException written => $"{written.Message}; {Fix(written.Cause)}",
        IOException or UnauthorizedAccessException when FileWriteException.CauseOf(error) is var cause =>
            $"{cause}{(cause.Contains('\'') ? "" : PathOf(error))}; {Fix(cause)}",
        _ => null,
    };

    // The runtime appends " : 'PATH'" to its messages, or says "Access to the path 'PATH' is denied".
    private static string PathOf(Exception error)
    {
        var message = error.Message;
        var start = message.IndexOf('\'');
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start ? $" ({message[(start + 1)..end]})" : "";
    }

    private static string Fix(string cause) => cause switch
    {
        "no space left on device" or "disk quota exceeded" => "free some space (finished runs are kept) and run the same command again, or choose another --out",
        "read-only file system" or "permission denied" => "choose a folder you can write with --out",
        _ => "check the path and run the same command again",
    };
}
