using Sweep.Training.Data;
using Xunit;

namespace Sweep.Golden.Tests.Data;

/// <summary>IDX headers are read big-endian and checked against the data, with one-line errors naming the file.</summary>
public sealed class IdxFileTests
{
    [Fact]
    public void Plain_and_gzipped_files_read_the_same()
    {
        using var folder = new TemporaryFolder();
        byte[] values = [1, 2, 3, 4, 5, 6];
        var plain = IdxFile.Read(folder.WriteIdx("plain", [1, 2, 3], values, gzip: false), rank: 3);
        var gzipped = IdxFile.Read(folder.WriteIdx("gzipped.gz", [1, 2, 3], values), rank: 3);
        Assert.Equal([1, 2, 3], plain.Sizes);
        Assert.Equal(values, plain.Values);
        Assert.Equal(plain.Sizes, gzipped.Sizes);
        Assert.Equal(plain.Values, gzipped.Values);
    }

    [Fact]
    public void Sizes_beyond_one_byte_are_read_big_endian()
    {
        using var folder = new TemporaryFolder();
        var content = IdxFile.Read(folder.WriteIdx("labels.gz", [300], new byte[300]), rank: 1);
        Assert.Equal([300], content.Sizes);
    }

    [Fact]
    public void A_wrong_magic_number_is_named()
    {
        using var folder = new TemporaryFolder();
        var path = folder.WriteIdx("labels.gz", [2], [0, 1]);
        var problem = Assert.Throws<DataException>(() => IdxFile.Read(path, rank: 3));
        Assert.Contains("0x00000801", problem.Message);
        Assert.Contains("0x00000803", problem.Message);
        Assert.Contains(path, problem.Message);
    }

    [Fact]
    public void A_truncated_file_is_a_clear_error()
    {
        using var folder = new TemporaryFolder();
        var path = folder.WriteIdx("images.gz", [2, 28, 28], new byte[28 * 28]);
        var problem = Assert.Throws<DataException>(() => IdxFile.Read(path, rank: 3));
        Assert.Contains("truncated", problem.Message);
        Assert.DoesNotContain('\n', problem.Message);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        using var folder = new TemporaryFolder();
        var problem = Assert.Throws<DataException>(() => IdxFile.Read(Path.Combine(folder.Path, "none.gz"), rank: 1));
        Assert.Contains("does not exist", problem.Message);
    }
}
