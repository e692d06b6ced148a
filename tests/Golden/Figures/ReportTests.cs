using System.Text.RegularExpressions;
using System.Xml.Linq;
using SkiaSharp;
using Sweep.Cli.Figures;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

public class ReportTests
{
    private static readonly Rule[] Rules = [Rule.Valley, Rule.Steepest, Rule.MinLoss];

    private static ReportInput Input(string title = "Sweep report: synthetic", string modelValue = "mlp") => new(
        title,
        [new("model", modelValue), new("preset", "fastai"), new("batch sizes", string.Join(", ", SyntheticSweep.BatchSizes)), new("seeds", "0-4")],
        SyntheticSweep.Runs.Value,
        SyntheticSweep.Summaries,
        Rules.Select(rule => new RuleFit(rule, SyntheticSweep.Fit(rule), SyntheticSweep.Interval(SyntheticSweep.Fit(rule)))).ToArray());

    private static readonly Lazy<SweepFigures> Figures = new(() => SweepFigures.Render(Input()));

    private static readonly Lazy<string> Written = new(() =>
    {
        var html = Report.Html(Input(), Figures.Value);
        Directory.CreateDirectory(FigureOutput.Folder());
        File.WriteAllText(Path.Combine(FigureOutput.Folder(), "report.html"), html);
        return html;
    });

    [Fact]
    public void The_report_is_one_file_with_no_external_reference()
    {
        var html = Written.Value;
        // Addresses appear only inside the inlined library's comments (its banner and licence).
        var code = Regex.Replace(html, @"/\*!.*?\*/", "", RegexOptions.Singleline);
        Assert.DoesNotMatch(new Regex("https?://", RegexOptions.IgnoreCase), code);
        Assert.DoesNotMatch(new Regex("<script[^>]*\\ssrc", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotMatch(new Regex("src=\"(?!data:)"), html);
        Assert.DoesNotMatch(new Regex(@"url\((?!\s*['""]?data:)|@import|fetch\(|XMLHttpRequest|import\("), code);
    }

    [Fact]
    public void The_report_names_every_batch_size_and_rule_and_run()
    {
        var html = Written.Value;
        foreach (var size in SyntheticSweep.BatchSizes) Assert.Contains($"<td class=\"number\">{size}</td>", html);
        foreach (var rule in Rules) Assert.Contains($"<h3>{RuleName.Of(rule)}</h3>", html);
        var runRows = Regex.Matches(html, "<td>(diverged|completed|non-finite loss|cancelled)</td>").Count;
        Assert.Equal(SyntheticSweep.Runs.Value.Count, runRows);
        Assert.Contains(ScalingFigure.DescribeExponent(SyntheticSweep.Fit(Rule.Valley)!, null)[4..], html);
    }

    [Fact]
    public void Its_embedded_images_decode()
    {
        var images = Regex.Matches(Written.Value, "src=\"data:image/png;base64,([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"");
        Assert.Equal(1 + Rules.Length + 1, images.Count);
        foreach (Match image in images)
            FigureOutput.AssertPng(Convert.FromBase64String(image.Groups[1].Value), int.Parse(image.Groups[2].Value), int.Parse(image.Groups[3].Value));
    }

    [Fact]
    public void It_shows_the_pictures_already_rendered_for_the_files()
    {
        var shown = Regex.Matches(Written.Value, "src=\"data:image/png;base64,([^\"]+)\"").Select(image => Convert.FromBase64String(image.Groups[1].Value)).ToArray();
        var rendered = new[] { Figures.Value.Signature }.Concat(Rules.Select(Figures.Value.ScalingOf)).Append(Figures.Value.Seeds).Select(figure => figure.Png);
        Assert.Equal(rendered, shown);
    }

    [Fact]
    public void Every_text_is_escaped()
    {
        var html = Report.Html(Input("<b>bold & \"quoted\"</b>", "<script>alert(1)</script>"));
        Assert.DoesNotContain("<b>bold", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;b&gt;bold &amp; &quot;quoted&quot;&lt;/b&gt;", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public void An_empty_sweep_still_gives_a_report()
    {
        var html = Report.Html(new ReportInput("empty", [], [], [], [new RuleFit(Rule.Valley, null, null)]));
        Assert.Contains("<td>valley</td><td class=\"number\">no fit</td>", html);
        Assert.Equal(3, Regex.Matches(html, "data:image/png;base64,").Count);
    }

    [Fact]
    public void It_is_well_formed_markup()
    {
        // Void elements closed and the doctype dropped, the page must parse as XML: every tag is balanced.
        var html = Regex.Replace(Written.Value, "<!DOCTYPE html>", "");
        html = Regex.Replace(html, "(<script[^>]*>).*?</script>", "$1</script>", RegexOptions.Singleline);
        html = Regex.Replace(html, "<(meta|img)([^>]*?)>", "<$1$2/>");
        var document = XDocument.Parse(html);
        Assert.Equal("html", document.Root!.Name.LocalName);
        Assert.Equal(4, document.Descendants("table").Count());
    }
}
