using System.IO.Compression;
using Sweep.Training.Data;
using Xunit;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Data;

/// <summary>
/// The digits feed the golden range tests the numbers the reference runs fed PyTorch:
/// x = float32(pixels / 16), exactly, unless standardisation is asked for.
/// </summary>
public sealed class DigitsTests
{
    private static int[][] CsvRows()
    {
        using var file = File.OpenRead(Digits.ShippedFile());
        using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(',').Select(int.Parse).ToArray())
            .ToArray();
    }

    [Fact]
    public void The_digits_are_1797_images_of_8x8_in_ten_classes()
    {
        using var digits = Digits.Load();
        Assert.Equal(1_797, digits.Count);
        Assert.Equal([1_797L, 1, 8, 8], digits.Features.shape);
        Assert.Equal(10, digits.ClassCount);
        Assert.Equal(Enumerable.Range(0, 10).Select(label => (long)label), digits.Labels.data<long>().ToArray().Distinct().Order());
    }

    [Fact]
    public void Every_input_is_exactly_the_csv_pixel_over_16()
    {
        var rows = CsvRows();
        using var digits = Digits.Load();
        var features = digits.Features.data<float>().ToArray();
        var labels = digits.Labels.data<long>().ToArray();
        Assert.Equal(rows.Length, labels.Length);
        Assert.Equal(rows[0].Take(64).Select(pixel => pixel / 16f), features.Take(64));
        for (var row = 0; row < rows.Length; row++)
        {
            Assert.Equal(rows[row][64], labels[row]);
            for (var pixel = 0; pixel < 64; pixel++)
                Assert.Equal(BitConverter.SingleToInt32Bits((float)(rows[row][pixel] / 16.0)), BitConverter.SingleToInt32Bits(features[row * 64 + pixel]));
        }
    }

    [Fact]
    public void The_standardised_variant_has_mean_zero_and_standard_deviation_one()
    {
        using var digits = Digits.Load(Digits.Standardised);
        using var scope = NewDisposeScope();
        var values = digits.Features.to_type(ScalarType.Float64);
        Assert.Equal(0.0, values.mean().item<double>(), 1e-5);
        Assert.Equal(1.0, values.std(unbiased: false).item<double>(), 1e-5);
    }

    [Fact]
    public void A_bad_line_is_named_with_its_number()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("digits.csv");
        var good = string.Join(',', Enumerable.Repeat("0", 64)) + ",3";
        var bad = string.Join(',', Enumerable.Repeat("0", 63)) + ",17,3";
        File.WriteAllLines(path, [good, bad]);
        var problem = Assert.Throws<DataException>(() => Digits.LoadFile(path));
        Assert.Contains("line 2", problem.Message);
        Assert.Contains("'17'", problem.Message);
    }

    [Fact]
    public void A_plain_csv_file_loads_too()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("digits.csv");
        File.WriteAllLines(path, [string.Join(',', Enumerable.Range(0, 64).Select(pixel => pixel % 17)) + ",7"]);
        using var digits = Digits.LoadFile(path);
        Assert.Equal([1L, 1, 8, 8], digits.Features.shape);
        Assert.Equal(16f / 16f, digits.Features.data<float>()[16]);
        Assert.Equal(7L, digits.Labels.data<long>()[0]);
    }
}
