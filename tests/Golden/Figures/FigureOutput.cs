using System.Runtime.CompilerServices;
using SkiaSharp;
using Sweep.Cli.Figures;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

/// <summary>
/// Where the figure tests leave their pictures for a person to look at (tests/Golden/Figures/output,
/// ignored by git), and the checks every written picture must pass: it decodes, has the asked size,
/// is not blank, and its SVG twin is well-formed XML.
/// </summary>
public static class FigureOutput
{
    public static string Folder() => Path.Combine(Path.GetDirectoryName(ThisFile())!, "output");

    // Filled in here, not by the callers: a caller elsewhere would otherwise get its own folder's output/.
    private static string ThisFile([CallerFilePath] string here = "") => here;

    /// <summary>Renders <paramref name="figure"/>, checks the PNG and the SVG, and leaves both as output/<paramref name="name"/>.png and .svg.</summary>
    public static void SaveAndCheck(Figure figure, string name, int? width = null, int? height = null)
    {
        var png = FigureFile.Png(figure, width, height);
        var svg = FigureFile.Svg(figure, width, height);
        AssertPng(png, width ?? figure.Width, height ?? figure.Height);
        var document = System.Xml.Linq.XDocument.Parse(svg);
        Assert.Equal("svg", document.Root!.Name.LocalName);
        Assert.Equal((width ?? figure.Width).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)document.Root.Attribute("width"));
        Directory.CreateDirectory(Folder());
        File.WriteAllBytes(Path.Combine(Folder(), name + ".png"), png);
        File.WriteAllText(Path.Combine(Folder(), name + ".svg"), svg);
    }

    /// <summary>The PNG decodes with SkiaSharp, has the size asked for, and is far from one flat colour.</summary>
    public static void AssertPng(byte[] png, int width, int height)
    {
        Assert.NotEmpty(png);
        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        Assert.True(LuminanceVariance(bitmap) > 100, "the picture is (nearly) blank");
    }

    /// <summary>The variance of the pixels' luminance (0..255 scale): about 0 for a blank picture.</summary>
    public static double LuminanceVariance(SKBitmap bitmap)
    {
        double sum = 0, squares = 0;
        var count = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var pixel = bitmap.GetPixel(x, y);
                var luminance = 0.2126 * pixel.Red + 0.7152 * pixel.Green + 0.0722 * pixel.Blue;
                sum += luminance;
                squares += luminance * luminance;
                count++;
            }

        var mean = sum / count;
        return squares / count - mean * mean;
    }
}
