using ScottPlot;
using SkiaSharp;
using Sweep.Cli.Figures;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

public class FigureFileTests
{
    private static Figure Signature => SignatureFigure.Draw(SyntheticSweep.Summaries);

    [Fact]
    public void A_font_is_installed_and_the_figures_use_it()
    {
        Assert.False(string.IsNullOrEmpty(Fonts.Default), "no font found: install fonts-dejavu-core (Debian) or any TrueType font");
        Assert.Equal(FigureStyle.FontName, Fonts.GetTypeface(FigureStyle.FontName, bold: false, italic: false).FamilyName);
        Assert.Equal(FigureStyle.FontName, Signature.Plot.Axes.Title.Label.FontName);
    }

    [Fact]
    public void Text_is_drawn()
    {
        // A panel with nothing but its title: without a usable font the picture would be blank white.
        var plot = new Plot();
        plot.HideAxesAndGrid();
        plot.Title("Sweep 1e-4", 40);
        plot.Font.Set(FigureStyle.FontName);
        var png = FigureFile.Png(Figure.Single(plot, 300, 100));
        using var bitmap = SKBitmap.Decode(png);
        var dark = 0;
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
                if (bitmap.GetPixel(x, y).Red < 128) dark++;
        Assert.True(dark > 200, $"only {dark} dark pixels: the title was not drawn");
    }

    [Fact]
    public void Png_and_svg_have_the_asked_size()
    {
        FigureOutput.AssertPng(FigureFile.Png(Signature, 1200, 800), 1200, 800);
        var svg = System.Xml.Linq.XDocument.Parse(FigureFile.Svg(Signature, 1200, 800));
        Assert.Equal("1200", (string?)svg.Root!.Attribute("width"));
        Assert.Equal("800", (string?)svg.Root!.Attribute("height"));
    }

    [Fact]
    public void Render_draws_the_png_at_the_figures_own_size()
    {
        var rendered = FigureFile.Render(Signature);
        FigureOutput.AssertPng(rendered.Png, Figure.ReportWidth, Figure.ReportHeight);
        Assert.Equal((Figure.ReportWidth, Figure.ReportHeight), (rendered.Width, rendered.Height));
    }
}
