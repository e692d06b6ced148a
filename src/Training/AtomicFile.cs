using System.Text;

namespace Sweep.Training;

/// <summary>
/// Writes a file so that readers see either the old content or the new, never a half-written one:
/// write a temporary file beside it, flush it to disk, then rename over the target (atomic on one
/// file system). An interrupted write (a kill, a power cut) leaves at most a stray hidden
/// ".NAME.PID.GUID.tmp", which nothing reads and <see cref="RemoveStale"/> clears. A write that fails
/// (disk full, read-only file system, permission denied) deletes its temporary file, leaves the
/// target as it was, and throws a <see cref="FileWriteException"/> naming the target and the cause.
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

    private static readonly AsyncLocal<Func<string, Stream, Stream>?> Wrapper = new();

    /// <summary>
    /// A seam for tests: until the returned scope is disposed, every write on this logical call path
    /// goes through <c>wrap(target path, temporary file stream)</c>, e.g. a stream that fails like a
    /// full disk after some bytes. Outside such a scope writes go straight to the file.
    /// </summary>
    public static IDisposable Intercept(Func<string, Stream, Stream> wrap)
    {
        var previous = Wrapper.Value;
        Wrapper.Value = wrap;
        return new Scope(() => Wrapper.Value = previous);
    }

    private static void Write(string path, ReadOnlySpan<byte> bytes, bool overwrite)
    {
        string? temporary = null;
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(folder);
            temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var stream = Wrapper.Value?.Invoke(path, file) ?? file)
            {
                stream.Write(bytes);
                stream.Flush();
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException && error is not FileWriteException)
        {
            throw new FileWriteException(path, FileWriteException.CauseOf(error, path), error);
        }
        finally
        {
            if (temporary is not null && File.Exists(temporary)) TryDelete(temporary);
        }
    }

    // Cleaning up must not hide the failure that made it necessary.
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
        }
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
