using Sweep.Training;
using ScottPlot;
using SkiaSharp;
using Sweep.Cli.Figures;
using Sweep.Golden.Tests.Data;
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
    public void Save_writes_a_png_of_the_asked_size_and_an_svg_and_no_temporary_file()
    {
        using var folder = new TemporaryFolder();
        var paths = FigureFile.Save(Signature, Path.Combine(folder.Path, "figures", "signature.png"), 1200, 800);
        Assert.Equal(Path.Combine(folder.Path, "figures", "signature.png"), paths.Png);
        Assert.Equal(Path.Combine(folder.Path, "figures", "signature.svg"), paths.Svg);
        FigureOutput.AssertPng(File.ReadAllBytes(paths.Png), 1200, 800);
        var svg = System.Xml.Linq.XDocument.Load(paths.Svg);
        Assert.Equal("1200", (string?)svg.Root!.Attribute("width"));
        Assert.Equal(["signature.png", "signature.svg"], Directory.GetFiles(Path.Combine(folder.Path, "figures")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Save_replaces_an_existing_file_whole()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("finder.png");
        File.WriteAllBytes(path, new byte[10_000_000]);
        FigureFile.Save(Signature, path);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length < 10_000_000);
        FigureOutput.AssertPng(bytes, Figure.ReportWidth, Figure.ReportHeight);
    }

    [Fact]
    public void A_failed_write_leaves_no_temporary_file_behind()
    {
        using var folder = new TemporaryFolder();
        var target = folder.File("taken");
        Directory.CreateDirectory(target); // a folder where the file should go: the final move fails
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteText(target, "text"));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
