using Sweep.Cli;
using Sweep.Cli.Figures;
using Sweep.Domain;
using Sweep.Golden.Tests.Data;
using Sweep.Training;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

/// <summary>The one place figures become files: what it writes, and that a reader never sees half a picture.</summary>
public class PlotsTests
{
    private static RunResult Run => SyntheticSweep.Runs.Value.First(run => run.Cell == new SweepCell(16, 1));

    [Fact]
    public void Finder_writes_a_png_and_an_svg_and_no_temporary_file()
    {
        using var folder = new TemporaryFolder();
        var figures = Path.Combine(folder.Path, "figures");
        Plots.Finder(figures, Run, [Rule.Valley, Rule.Steepest]);
        Assert.Equal(["finder.png", "finder.svg"], Directory.GetFiles(figures).Select(Path.GetFileName).Order());
        FigureOutput.AssertPng(File.ReadAllBytes(Path.Combine(figures, "finder.png")), Figure.ReportWidth, Figure.ReportHeight);
        Assert.Equal("svg", System.Xml.Linq.XDocument.Load(Path.Combine(figures, "finder.svg")).Root!.Name.LocalName);
    }

    [Fact]
    public void Save_replaces_an_existing_file_whole_with_the_rendered_bytes()
    {
        using var folder = new TemporaryFolder();
        var stem = folder.File("signature");
        File.WriteAllBytes(stem + ".png", new byte[10_000_000]);
        var rendered = FigureFile.Render(SignatureFigure.Draw(SyntheticSweep.Summaries));
        Plots.Save(stem, rendered);
        Assert.Equal(rendered.Png, File.ReadAllBytes(stem + ".png"));
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
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
