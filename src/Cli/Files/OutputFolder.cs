namespace Sweep.Cli.Files;

/// <summary>The folder a command writes to.</summary>
public static class OutputFolder
{
    /// <summary>
    /// Makes sure <paramref name="folder"/> exists and can be written, or throws a one-line
    /// <see cref="UsageException"/> that says so, before any training starts.
    /// </summary>
    public static void EnsureWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test.{Environment.ProcessId}.tmp");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write to output folder '{folder}' ({error.Message.TrimEnd('.')}); choose another with --out.");
        }
    }
}
