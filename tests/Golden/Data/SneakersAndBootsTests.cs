using System.Globalization;
using System.Runtime.CompilerServices;
using SkiaSharp;
using Sweep.Training.Data;
using Xunit;

namespace Sweep.Golden.Tests.Data;

/// <summary>
/// The shipped image-folder demo (data/sneakers-and-boots) and the generator that made it: the
/// first <see cref="PerClass"/> sneakers (label 7) and ankle boots (label 9) of the shipped
/// Fashion-MNIST test split, in the split's order, each written as an 8-bit greyscale PNG named
/// after its index in the split. Regenerate with
/// <c>SWEEP_WRITE_DEMO=1 dotnet test tests/Golden -c Release --filter FullyQualifiedName~SneakersAndBoots</c>.
/// </summary>
public class SneakersAndBootsTests
{
    public const int PerClass = 600;

    /// <summary>Class folder and Fashion-MNIST label of each class.</summary>
    public static readonly (string Folder, int Label)[] Classes = [("ankle-boot", 9), ("sneaker", 7)];

    // The repository's copy, which the build copies beside the program.
    private static string Images([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "data", DataCatalogue.SneakersAndBoots, DataCatalogue.SneakersAndBootsImages));

    /// <summary>Every picture of the set: class folder, file name, 28×28 pixels.</summary>
    public static IEnumerable<(string Folder, string Name, byte[] Pixels)> Pictures()
    {
        var files = FashionMnist.ShippedTest();
        var images = IdxFile.Read(files.Images, 3);
        var labels = IdxFile.Read(files.Labels, 1).Values;
        const int area = FashionMnist.Side * FashionMnist.Side;
        foreach (var (folder, label) in Classes)
            foreach (var index in Enumerable.Range(0, labels.Length).Where(index => labels[index] == label).Take(PerClass))
                yield return (folder, $"t10k-{index.ToString("D5", CultureInfo.InvariantCulture)}.png", images.Values.AsSpan(index * area, area).ToArray());
    }

    /// <summary>One picture as an 8-bit greyscale PNG.</summary>
    public static byte[] Png(byte[] pixels)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(FashionMnist.Side, FashionMnist.Side, SKColorType.Gray8, SKAlphaType.Opaque));
        pixels.CopyTo(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public void The_shipped_demo_holds_exactly_the_generated_pictures()
    {
        if (Environment.GetEnvironmentVariable("SWEEP_WRITE_DEMO") == "1")
            foreach (var (folder, name, pixels) in Pictures())
            {
                Directory.CreateDirectory(Path.Combine(Images(), folder));
                File.WriteAllBytes(Path.Combine(Images(), folder, name), Png(pixels));
            }

        var expected = Pictures().ToArray();
        var shipped = Classes.SelectMany(entry => Directory.GetFiles(Path.Combine(Images(), entry.Folder)).Select(path => $"{entry.Folder}/{Path.GetFileName(path)}"));
        Assert.Equal(expected.Select(picture => $"{picture.Folder}/{picture.Name}").Order(StringComparer.Ordinal), shipped.Order(StringComparer.Ordinal));
        foreach (var (folder, name, pixels) in expected)
        {
            using var bitmap = SKBitmap.Decode(Path.Combine(Images(), folder, name));
            Assert.Equal((FashionMnist.Side, FashionMnist.Side), (bitmap.Width, bitmap.Height));
            var decoded = Enumerable.Range(0, pixels.Length).Select(at => bitmap.GetPixel(at % FashionMnist.Side, at / FashionMnist.Side).Red).ToArray();
            Assert.Equal(pixels, decoded);
        }
    }

    [Fact]
    public void The_catalogue_name_loads_both_classes_in_full()
    {
        using var data = DataCatalogue.Load(DataCatalogue.SneakersAndBoots, imageSize: 28, ImageChannels.Grey);
        var report = Assert.IsType<ImageFolderReport>(data.Report);
        Assert.Equal(["ankle-boot", "sneaker"], report.Classes);
        Assert.Equal([PerClass, PerClass], report.ImagesPerClass);
        Assert.Empty(report.Skipped);
        Assert.Contains(DataCatalogue.Descriptions, line => line.StartsWith(DataCatalogue.SneakersAndBoots + " ", StringComparison.Ordinal));
        Assert.True(Directory.Exists(DataCatalogue.ImageFolderOf("Sneakers-And-Boots")), "the name resolves to the shipped class folders, as the pretrained models load them");
    }
}
