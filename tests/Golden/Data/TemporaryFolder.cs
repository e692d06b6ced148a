using System.Buffers.Binary;
using System.IO.Compression;

namespace Sweep.Golden.Tests.Data;

/// <summary>A fresh folder under the system's temporary folder, deleted with everything in it on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sweep-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="parts"/> under this folder, with its parent folders created.</summary>
    public string File(params string[] parts)
    {
        var path = System.IO.Path.Combine([Path, .. parts]);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>
    /// Writes an IDX file of unsigned bytes: magic 0x0000_08_rank, big-endian sizes, then the values;
    /// gzipped when <paramref name="gzip"/> is set. <paramref name="magic"/> overrides the magic number.
    /// </summary>
    public string WriteIdx(string name, int[] sizes, byte[] values, bool gzip = true, int? magic = null)
    {
        var header = new byte[4 + 4 * sizes.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic ?? (0x0800 | sizes.Length));
        for (var axis = 0; axis < sizes.Length; axis++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * axis), sizes[axis]);
        byte[] bytes = [.. header, .. values];
        var path = File(name);
        if (!gzip)
        {
            System.IO.File.WriteAllBytes(path, bytes);
            return path;
        }

        using var file = System.IO.File.Create(path);
        using var compressed = new GZipStream(file, CompressionLevel.Fastest);
        compressed.Write(bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
