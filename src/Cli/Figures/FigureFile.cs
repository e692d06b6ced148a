using Sweep.Training;
using ScottPlot;
using SkiaSharp;

namespace Sweep.Cli.Figures;

/// <summary>Where <see cref="FigureFile.Save"/> wrote a figure.</summary>
public sealed record FigurePaths(string Png, string Svg);

/// <summary>
/// Renders figures to PNG and SVG. Every panel layout renders through one path (a Skia canvas the
/// size of the image, cleared to white first so that a grid cell without a panel is not left
/// transparent), and files are written atomically: a reader never sees half a picture.
/// </summary>
public static class FigureFile
{
    /// <summary>The figure as PNG bytes at <paramref name="width"/>×<paramref name="height"/> (default: its own size).</summary>
    public static byte[] Png(Figure figure, int? width = null, int? height = null)
    {
        var (w, h) = (width ?? figure.Width, height ?? figure.Height);
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"cannot make a {w}x{h} drawing surface");
        surface.Canvas.Clear(SKColors.White);
        figure.Drawing.Render(surface.Canvas, new PixelRect(0, w, h, 0));
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The figure as an SVG document (text drawn as paths and text elements by Skia).</summary>
    public static string Svg(Figure figure, int? width = null, int? height = null)
    {
        var (w, h) = (width ?? figure.Width, height ?? figure.Height);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(w, h), stream))
        {
            canvas.Clear(SKColors.White);
            figure.Drawing.Render(canvas, new PixelRect(0, w, h, 0));
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Writes <paramref name="basePath"/>.png and <paramref name="basePath"/>.svg, each atomically
    /// (a .png or .svg already on <paramref name="basePath"/> is dropped first).
    /// </summary>
    public static FigurePaths Save(Figure figure, string basePath, int? width = null, int? height = null)
    {
        var extension = Path.GetExtension(basePath);
        var stem = extension.Equals(".png", StringComparison.OrdinalIgnoreCase) || extension.Equals(".svg", StringComparison.OrdinalIgnoreCase)
            ? basePath[..^extension.Length]
            : basePath;
        var paths = new FigurePaths(stem + ".png", stem + ".svg");
        AtomicFile.WriteBytes(paths.Png, Png(figure, width, height));
        AtomicFile.WriteText(paths.Svg, Svg(figure, width, height));
        return paths;
    }
}
