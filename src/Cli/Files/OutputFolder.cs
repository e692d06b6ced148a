using Sweep.Training;

namespace Sweep.Cli.Files;

/// <summary>The folder a command writes to.</summary>
public static class OutputFolder
{
    /// <summary>
    /// Makes sure <paramref name="folder"/> exists and can be written, or throws a one-line
    /// <see cref="UsageException"/> that says so, before any training starts: an empty path, a path
    /// through a file, a read-only file system, a folder without permission, a path too long.
    /// </summary>
    public static void EnsureWritable(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
            throw new UsageException("--out is empty; give the output folder a name, e.g. --out sweep-output.");
        if (File.Exists(folder))
            throw new UsageException($"--out '{folder}' is a file, not a folder; give a folder (new or written by sweep) with --out.");
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test.{Environment.ProcessId}.tmp");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot write to output folder '{folder}' ({FileWriteException.CauseOf(error, Path.Combine(folder, "probe"))}); choose another with --out.");
        }
    }
}
