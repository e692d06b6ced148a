namespace Sweep.Cli.Files;

/// <summary>
/// Reads a file the program wrote itself (sweep.json, config.json, a run file, noise-scale.json)
/// only when its size is plausible: a damaged or hostile file of a gigabyte would otherwise be read
/// whole into memory (two bytes per character as a string) before any check could refuse it. The
/// size is asked of the file system first, so nothing is allocated in proportion to an unchecked file.
/// </summary>
public static class BoundedFile
{
    /// <summary>The largest sweep.json, config.json or noise-scale.json read: 64 MB (a sweep of 10,000 cells writes a few MB).</summary>
    public const long SummaryBytes = 64L << 20;

    /// <summary>The largest run file read: 256 MB (a curve of a million steps is about 60 MB).</summary>
    public const long RunBytes = 256L << 20;

    /// <summary>The text of <paramref name="path"/>, or an <see cref="InvalidDataException"/> naming its size and the limit when it is larger than <paramref name="limit"/> bytes.</summary>
    public static string ReadText(string path, long limit)
    {
        var length = new FileInfo(path).Length;
        if (length > limit)
            throw new InvalidDataException(FormattableString.Invariant($"it is {Size(length)}, more than the {Size(limit)} such a file can be"));
        return File.ReadAllText(path);
    }

    // Sizes as people read them.
    private static string Size(long bytes) =>
        bytes >= 1L << 30 ? FormattableString.Invariant($"{bytes / (double)(1L << 30):0.#} GB") : FormattableString.Invariant($"{Math.Max(1, bytes >> 20)} MB");
}
