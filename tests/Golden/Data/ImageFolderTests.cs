using SkiaSharp;
using Sweep.Training.Data;
using Xunit;

namespace Sweep.Golden.Tests.Data;

/// <summary>
/// Class folders of tiny pictures drawn here with SkiaSharp, plus files that are not pictures:
/// counts, shapes, labels in ordinal class order, the centre crop, and the errors of folders that
/// cannot make a classifier's data.
/// </summary>
public sealed class ImageFolderTests
{
    private static readonly ImageFolderOptions RawGrey = new(4, ImageChannels.Grey) { Normalisation = Normalisation.None };

    /// <summary>A width × height picture: a white centre square of side min(width, height) on black.</summary>
    private static void DrawCentreSquare(string path, int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            var side = Math.Min(width, height);
            using var white = new SKPaint { Color = SKColors.White };
            canvas.DrawRect((width - side) / 2f, (height - side) / 2f, side, side, white);
        }

        Save(bitmap, path, format);
    }

    private static void DrawFilled(string path, SKColor colour, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(12, 12);
        bitmap.Erase(colour);
        Save(bitmap, path, format);
    }

    private static void Save(SKBitmap bitmap, string path, SKEncodedImageFormat format)
    {
        using var data = bitmap.Encode(format, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>dogs/: three pictures; cats/: two pictures, a text file, a corrupt and a truncated JPEG; Zebras/: one picture.</summary>
    private static TemporaryFolder Pets()
    {
        var folder = new TemporaryFolder();
        DrawCentreSquare(folder.File("dogs", "wide.png"), 24, 8, SKEncodedImageFormat.Png);
        DrawCentreSquare(folder.File("dogs", "tall.png"), 8, 24, SKEncodedImageFormat.Png);
        DrawFilled(folder.File("dogs", "nested", "grey.jpg"), new SKColor(128, 128, 128), SKEncodedImageFormat.Jpeg);
        DrawFilled(folder.File("cats", "red.png"), SKColors.Red, SKEncodedImageFormat.Png);
        DrawFilled(folder.File("cats", "blue.jpg"), SKColors.Blue, SKEncodedImageFormat.Jpeg);
        File.WriteAllText(folder.File("cats", "notes.txt"), "not a picture");
        File.WriteAllBytes(folder.File("cats", "corrupt.jpg"), Enumerable.Range(0, 300).Select(value => (byte)(value * 37)).ToArray());
        var jpeg = File.ReadAllBytes(folder.File("cats", "blue.jpg"));
        File.WriteAllBytes(folder.File("cats", "truncated.jpg"), jpeg[..(jpeg.Length / 2)]);
        DrawFilled(folder.File("Zebras", "white.png"), SKColors.White, SKEncodedImageFormat.Png);
        File.WriteAllText(folder.File("README"), "loose file");
        return folder;
    }

    [Fact]
    public void Pictures_load_per_class_and_everything_else_is_skipped_with_a_reason()
    {
        using var folder = Pets();
        var (data, report) = ImageFolder.Load(folder.Path, RawGrey);
        using (data)
        {
            Assert.Equal(["Zebras", "cats", "dogs"], report.Classes);
            Assert.Equal([1, 2, 3], report.ImagesPerClass);
            Assert.Equal(6, report.Loaded);
            Assert.Equal(["README", "corrupt.jpg", "notes.txt", "truncated.jpg"], report.Skipped.Select(skip => Path.GetFileName(skip.Path)).Order(StringComparer.Ordinal));
            Assert.All(report.Skipped, skip => Assert.False(string.IsNullOrWhiteSpace(skip.Reason)));
            Assert.Equal("not inside a class folder", report.Skipped.Single(skip => skip.Path.EndsWith("README", StringComparison.Ordinal)).Reason);
            Assert.Contains("truncated", report.Skipped.Single(skip => skip.Path.EndsWith("truncated.jpg", StringComparison.Ordinal)).Reason);
            Assert.Equal([6L, 1, 4, 4], data.Features.shape);
            Assert.Equal(["Zebras", "cats", "dogs"], data.ClassNames);
            // Classes in ordinal order, files in ordinal path order within a class.
            Assert.Equal([0L, 1, 1, 2, 2, 2], data.Labels.data<long>().ToArray());
        }
    }

    [Fact]
    public void The_centre_crop_keeps_the_centre_of_wide_and_tall_pictures()
    {
        using var folder = Pets();
        var (data, _) = ImageFolder.Load(folder.Path, RawGrey);
        using (data)
        {
            var values = data.Features.data<float>().ToArray();
            // Samples 4 and 5 are dogs/tall.png and dogs/wide.png (dogs/nested/grey.jpg sorts first): white centre square on black sides.
            foreach (var sample in new[] { 4, 5 })
                Assert.All(values[(sample * 16)..((sample + 1) * 16)], value => Assert.InRange(value, 254f, 255.5f));
        }
    }

    [Fact]
    public void Crop_geometry_follows_resize_then_centre_crop()
    {
        Assert.Equal((12, 4), ImageDecoding.ResizedSize(24, 8, 4));
        Assert.Equal((4, 12), ImageDecoding.ResizedSize(8, 24, 4));
        Assert.Equal((5, 4), ImageDecoding.ResizedSize(13, 9, 4)); // ⌊4·13/9⌋ = ⌊5.8⌋
        Assert.Equal(4, ImageDecoding.CropStart(12, 4));
        Assert.Equal(0, ImageDecoding.CropStart(5, 4)); // round(0.5) = 0, halves to even
        Assert.Equal(2, ImageDecoding.CropStart(9, 4));
    }

    [Fact]
    public void Rgb_output_keeps_the_colours_in_channel_order()
    {
        using var folder = Pets();
        var (data, _) = ImageFolder.Load(folder.Path, RawGrey with { Channels = ImageChannels.Rgb });
        using (data)
        {
            Assert.Equal([6L, 3, 4, 4], data.Features.shape);
            var values = data.Features.data<float>().ToArray();
            // Sample 2 is cats/red.png (cats/blue.jpg sorts first): red 255, green 0, blue 0.
            var red = values[(2 * 48)..(3 * 48)];
            Assert.All(red[..16], value => Assert.Equal(255f, value));
            Assert.All(red[16..], value => Assert.Equal(0f, value));
        }
    }

    [Fact]
    public void The_default_normalisation_standardises_the_whole_folder()
    {
        using var folder = Pets();
        var (data, _) = ImageFolder.Load(folder.Path, new ImageFolderOptions(4, ImageChannels.Rgb));
        using (data)
        {
            var values = data.Features.data<float>().ToArray().Select(value => (double)value).ToArray();
            var mean = values.Average();
            Assert.Equal(0.0, mean, 1e-5);
            Assert.Equal(1.0, Math.Sqrt(values.Select(value => (value - mean) * (value - mean)).Average()), 1e-5);
            Assert.Equal(255.0, data.Normalisation.Scale);
        }
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error()
    {
        using var folder = new TemporaryFolder();
        var problem = Assert.Throws<DataException>(() => ImageFolder.Load(Path.Combine(folder.Path, "absent"), RawGrey));
        Assert.Contains("does not exist", problem.Message);
    }

    [Fact]
    public void An_empty_folder_is_a_clear_error()
    {
        using var folder = new TemporaryFolder();
        var problem = Assert.Throws<DataException>(() => ImageFolder.Load(folder.Path, RawGrey));
        Assert.Contains("no class subfolders", problem.Message);
    }

    [Fact]
    public void A_single_class_is_a_clear_error()
    {
        using var folder = new TemporaryFolder();
        DrawFilled(folder.File("cats", "red.png"), SKColors.Red, SKEncodedImageFormat.Png);
        var problem = Assert.Throws<DataException>(() => ImageFolder.Load(folder.Path, RawGrey));
        Assert.Contains("only one class (cats)", problem.Message);
    }

    [Fact]
    public void Class_folders_without_any_picture_are_a_clear_error()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("cats", "a.txt"), "no");
        File.WriteAllText(folder.File("dogs", "b.txt"), "no");
        var problem = Assert.Throws<DataException>(() => ImageFolder.Load(folder.Path, RawGrey));
        Assert.Contains("no readable images", problem.Message);
        Assert.DoesNotContain('\n', problem.Message);
    }

    [Fact]
    public void A_class_without_any_picture_is_named()
    {
        using var folder = new TemporaryFolder();
        DrawFilled(folder.File("cats", "red.png"), SKColors.Red, SKEncodedImageFormat.Png);
        File.WriteAllText(folder.File("dogs", "b.txt"), "no");
        var problem = Assert.Throws<DataException>(() => ImageFolder.Load(folder.Path, RawGrey));
        Assert.Contains("class dogs", problem.Message);
    }
}
