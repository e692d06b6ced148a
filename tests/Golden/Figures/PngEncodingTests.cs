using ScottPlot;
using SkiaSharp;
using Sweep.Cli.Figures;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

/// <summary>
/// Figures are encoded at zlib's fastest level for speed; PNG is lossless, so the file must decode
/// to exactly the pixels drawn, whatever the level.
/// </summary>
public class PngEncodingTests
{
    [Fact]
    public void A_figure_png_decodes_to_exactly_the_pixels_drawn()
    {
        var figure = SignatureFigure.Draw(SyntheticSweep.Summaries);
        var (width, height) = (figure.Width, figure.Height);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        surface.Canvas.Clear(SKColors.White);
        figure.Drawing.Render(surface.Canvas, new PixelRect(0, width, height, 0));
        using var drawn = surface.PeekPixels();

        using var decoded = SKBitmap.Decode(FigureFile.Png(figure), info);

        Assert.NotNull(decoded);
        Assert.Equal((width, height), (decoded.Width, decoded.Height));
        Assert.True(drawn.GetPixelSpan().SequenceEqual(decoded.GetPixelSpan()), "the decoded PNG differs from the pixels drawn");
    }
}
