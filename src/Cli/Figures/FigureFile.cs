using ScottPlot;
using SkiaSharp;

namespace Sweep.Cli.Figures;

/// <summary>A figure drawn once to PNG: the bytes a file and a report both show.</summary>
/// <param name="Figure">The figure, for its SVG twin and its size.</param>
/// <param name="Png">The PNG at the figure's own size.</param>
public sealed record RenderedFigure(Figure Figure, byte[] Png)
{
    /// <summary>The SVG twin, when it was rendered with the PNG (null: render it when needed).</summary>
    public string? Svg { get; init; }

    /// <summary>The width of <see cref="Png"/> in pixels.</summary>
    public int Width => Figure.Width;

    /// <summary>The height of <see cref="Png"/> in pixels.</summary>
    public int Height => Figure.Height;
}

/// <summary>
/// Renders figures to PNG bytes and SVG text, in memory: where they go is the caller's business.
/// Every panel layout renders through one path (a Skia canvas the size of the image, cleared to
/// white first so that a grid cell without a panel is not left transparent).
/// </summary>
public static class FigureFile
{
    /// <summary>The figure drawn to PNG once, at its own size, and then to SVG when <paramref name="svg"/>.</summary>
    public static RenderedFigure Render(Figure figure, bool svg = false)
    {
        var png = Png(figure);
        return new RenderedFigure(figure, png) { Svg = svg ? Svg(figure) : null };
    }

    // zlib's fastest level with the Sub filter: encoding dominated the figures' time (25–60 ms a
    // figure at Skia's default), this is several times faster for files 15–40% larger, and PNG is
    // lossless, so the pixels are the same.
    private static readonly SKPngEncoderOptions PngEncoding = new(SKPngEncoderFilterFlags.Sub, zLibLevel: 1);

    /// <summary>The figure as PNG bytes at <paramref name="width"/>×<paramref name="height"/> (default: its own size).</summary>
    public static byte[] Png(Figure figure, int? width = null, int? height = null)
    {
        var (w, h) = (width ?? figure.Width, height ?? figure.Height);
        using var surface = SKSurface.Create(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"cannot make a {w}x{h} drawing surface");
        surface.Canvas.Clear(SKColors.White);
        figure.Drawing.Render(surface.Canvas, new PixelRect(0, w, h, 0));
        using var pixels = surface.PeekPixels();
        using var data = pixels.Encode(PngEncoding) ?? throw new InvalidOperationException($"cannot encode a {w}x{h} figure as PNG");
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
}
