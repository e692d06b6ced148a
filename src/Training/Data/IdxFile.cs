using System.Buffers.Binary;
using System.IO.Compression;

namespace Sweep.Training.Data;

/// <summary>
/// The IDX format of MNIST and Fashion-MNIST (LeCun et al.), plain or gzipped. Layout, big-endian:
/// <para>magic = 0x00 0x00 type rank; then rank × int32 sizes; then Π sizes values, row-major.</para>
/// Only type 0x08 (unsigned byte) is used by these datasets, so the magic is 0x00000801 for a
/// label file (rank 1) and 0x00000803 for an image file (rank 3). Everything is checked against the
/// header: a truncated download or a swapped file fails here with its name, not later as odd numbers.
/// </summary>
public static class IdxFile
{
    /// <summary>The unsigned-byte type code of the magic number's third byte.</summary>
    public const byte UnsignedByte = 0x08;

    /// <summary>The sizes from the header and the values that follow it.</summary>
    public sealed record Content(int[] Sizes, byte[] Values);

    /// <summary>Reads an IDX file of unsigned bytes with <paramref name="rank"/> dimensions (gunzipping it when it is gzipped).</summary>
    public static Content Read(string path, int rank) => Decode(ReadBytes(path), path, rank);

    /// <summary>The bytes of the file at <paramref name="path"/> as stored (gzipped or not), for <see cref="Decode"/>.</summary>
    public static byte[] ReadBytes(string path)
    {
        if (!File.Exists(path))
            throw new DataException($"{path} does not exist; check the data folder or download the file.");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception problem) when (problem is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"{path} could not be read ({problem.Message}); replace the file.", problem);
        }
    }

    /// <summary>The content of an IDX file's stored bytes (<see cref="ReadBytes"/>), gunzipped when gzipped; <paramref name="path"/> names it in errors.</summary>
    public static Content Decode(byte[] stored, string path, int rank)
    {
        byte[] bytes;
        try
        {
            bytes = Decompressed(stored);
        }
        catch (Exception problem) when (problem is IOException or InvalidDataException)
        {
            throw new DataException($"{path} could not be read ({problem.Message}); replace the file.", problem);
        }

        return Parse(bytes, path, rank);
    }

    /// <summary>Parses the bytes of an IDX file; <paramref name="source"/> names it in errors.</summary>
    public static Content Parse(byte[] bytes, string source, int rank)
    {
        var expectedMagic = (UnsignedByte << 8) | rank;
        if (bytes.Length < 4)
            throw new DataException($"{source} is {bytes.Length} bytes long, too short for an IDX header; replace the file.");
        var magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (magic != expectedMagic)
            throw new DataException($"{source} has magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} (unsigned bytes, {rank} dimension(s)); is it the right IDX file?");

        var headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
            throw new DataException($"{source} ends inside its IDX header; replace the file.");
        var sizes = new int[rank];
        var count = 1L;
        for (var axis = 0; axis < rank; axis++)
        {
            sizes[axis] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * axis));
            if (sizes[axis] < 1)
                throw new DataException($"{source} declares size {sizes[axis]} for dimension {axis}; replace the file.");
            count *= sizes[axis];
        }

        if (bytes.Length - headerLength != count)
            throw new DataException($"{source} holds {bytes.Length - headerLength} values but its header declares {count} ({string.Join(" × ", sizes)}); the file is truncated or damaged, replace it.");
        return new Content(sizes, bytes[headerLength..]);
    }

    /// <summary>
    /// The bytes themselves, or their gunzipped content when they start with the gzip signature 1F 8B.
    /// The output is sized at once by the size gzip's trailer states (its last four bytes, the size
    /// modulo 2³²), which spares a buffer doubled up to 8 MB and copied again (the shipped images:
    /// 130 → 20 ms on their first read). The trailer is only a hint: it is believed up to
    /// <see cref="BelievedExpansion"/> times the file's size, and the stream decides how much comes out.
    /// </summary>
    private static byte[] Decompressed(byte[] bytes)
    {
        if (bytes.Length < 2 || bytes[0] != 0x1F || bytes[1] != 0x8B) return bytes;
        var stated = bytes.Length >= 8 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)) : 0u;
        using var input = new MemoryStream(bytes);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(stated <= (ulong)bytes.Length * BelievedExpansion ? (int)Math.Min(stated, (uint)Array.MaxLength) : 0);
        gzip.CopyTo(output);
        return output.Length == output.Capacity ? output.GetBuffer() : output.ToArray();
    }

    // Image data deflate to a half or a third; a trailer that states far more is not believed.
    private const int BelievedExpansion = 16;
}
