using System.Text;

namespace Sweep.Training;

/// <summary>
/// Writes a file so that readers see either the old content or the new, never a half-written one:
/// write a temporary file beside it, flush it to disk, then rename over the target (atomic on one
/// file system). An interrupted write (a kill, a power cut) leaves at most a stray hidden
/// ".NAME.PID.GUID.tmp", which nothing reads and <see cref="RemoveStale"/> clears.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 (no byte-order mark).</summary>
    public static void WriteText(string path, string text) => WriteBytes(path, new UTF8Encoding(false).GetBytes(text));

    /// <summary>
    /// How old a temporary file must be to count as left behind. A write lasts milliseconds to
    /// seconds; a shard on another machine may be writing into the same folder right now, so only
    /// files far older than any write are removed, never by process id (another host's ids mean nothing here).
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>Deletes the temporary files of interrupted writes in <paramref name="folder"/> last written before <paramref name="now"/> − <see cref="StaleAfter"/>; returns how many.</summary>
    public static int RemoveStale(string folder, DateTime now)
    {
        if (!Directory.Exists(folder)) return 0;
        var stale = Directory.EnumerateFiles(folder, ".*.tmp")
            .Where(path => now - File.GetLastWriteTimeUtc(path) > StaleAfter).ToArray();
        foreach (var path in stale) File.Delete(path);
        return stale.Length;
    }

    /// <summary>Writes <paramref name="bytes"/>, creating the folder if needed.</summary>
    public static void WriteBytes(string path, ReadOnlySpan<byte> bytes) => Write(path, bytes, overwrite: true);

    /// <summary>
    /// Writes <paramref name="text"/> only if <paramref name="path"/> does not exist yet, atomically and
    /// exclusively: of several processes racing to create it, exactly one succeeds (the rename does not
    /// replace an existing file). True when this call created it; false when it existed and was left as it was.
    /// </summary>
    public static bool TryCreateText(string path, string text)
    {
        try
        {
            Write(path, new UTF8Encoding(false).GetBytes(text), overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    private static void Write(string path, ReadOnlySpan<byte> bytes, bool overwrite)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
