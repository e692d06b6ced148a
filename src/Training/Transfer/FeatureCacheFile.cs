using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sweep.Training.Transfer;

/// <summary>
/// The on-disk form of a <see cref="FeatureCache"/>: <c>KEY.features</c> in the cache folder, laid out
/// as the magic "SWEEPFC1", the key (32 bytes), the sample count N and feature width F (int32, little
/// endian), one byte per sample (1: its row was computed), N·F float32 values (little endian), and a
/// SHA-256 of everything before it. Reading checks the length first (a partial write or a truncated
/// copy is shorter), then the checksum (a damaged file), then the key and sizes; a file that fails any
/// check is reported and ignored, so the cache is rebuilt. Writing goes to a temporary file beside
/// the target, flushed to disk, then renamed over it: readers see the old file or the new one, never
/// half of one.
/// </summary>
public static class FeatureCacheFile
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("SWEEPFC1");
    private const int KeyBytes = 32;
    private const int HeaderBytes = 8 + KeyBytes + 4 + 4;

    /// <summary>The rows of a cache file: which samples were computed, and all N·F values.</summary>
    public sealed record Contents(bool[] Computed, float[] Values);

    /// <summary>The file of the cache with <paramref name="key"/> in <paramref name="folder"/>.</summary>
    public static string PathOf(string folder, string key) => Path.Combine(folder, $"{key}.features");

    /// <summary>Expected size in bytes of a file of <paramref name="count"/> samples of <paramref name="width"/> features.</summary>
    public static long Length(int count, int width) => HeaderBytes + count + 4L * count * width + KeyBytes;

    /// <summary>The contents of <paramref name="path"/>, or why it cannot be used (null contents); (null, null) when there is no file.</summary>
    public static (Contents? Contents, string? Problem) Read(string path, string key, int count, int width)
    {
        if (!File.Exists(path)) return (null, null);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            return (null, $"could not be read ({problem.Message.TrimEnd('.')})");
        }

        var expected = Length(count, width);
        if (bytes.LongLength != expected)
            return (null, $"has {bytes.LongLength} bytes instead of {expected} (a partial or foreign file)");
        var body = bytes.AsSpan(0, bytes.Length - KeyBytes);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - KeyBytes)))
            return (null, "fails its checksum (damaged)");
        if (!body[..8].SequenceEqual(Magic) || !body.Slice(8, KeyBytes).SequenceEqual(Convert.FromHexString(key))
            || BinaryPrimitives.ReadInt32LittleEndian(body[(8 + KeyBytes)..]) != count || BinaryPrimitives.ReadInt32LittleEndian(body[(12 + KeyBytes)..]) != width)
            return (null, "was written for other inputs");

        var computed = new bool[count];
        for (var sample = 0; sample < count; sample++) computed[sample] = body[HeaderBytes + sample] == 1;
        var values = new float[(long)count * width];
        var data = body[(HeaderBytes + count)..];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
        return (new Contents(computed, values), null);
    }

    /// <summary>Writes <paramref name="contents"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string key, int width, Contents contents)
    {
        var count = contents.Computed.Length;
        var bytes = new byte[Length(count, width)];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        Convert.FromHexString(key).CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(8 + KeyBytes)..], count);
        BinaryPrimitives.WriteInt32LittleEndian(span[(12 + KeyBytes)..], width);
        for (var sample = 0; sample < count; sample++) span[HeaderBytes + sample] = contents.Computed[sample] ? (byte)1 : (byte)0;
        var data = span[(HeaderBytes + count)..];
        for (var i = 0; i < contents.Values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data[(4 * i)..], contents.Values[i]);
        SHA256.HashData(span[..^KeyBytes], span[^KeyBytes..]);

        AtomicFile.WriteBytes(path, bytes);
    }
}
