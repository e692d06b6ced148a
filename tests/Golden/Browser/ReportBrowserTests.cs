using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SkiaSharp;
using Sweep.Golden.Tests.Figures;
using Xunit;

namespace Sweep.Golden.Tests.Browser;

/// <summary>
/// report.html as a reader sees it, in headless Debian chromium: the pictures load, the text is
/// there, the page logs no error, and the interactive chart answers hover, legend clicks and zoom.
/// </summary>
public class ReportBrowserTests(ReportPage report) : IClassFixture<ReportPage>
{
    // The smallest batch size's steps, and the span of every batch size's steps (large batches diverge later).
    private static readonly double[] Rates = SyntheticSweep.Summaries.OrderBy(summary => summary.BatchSize).First().Band.LearningRates.ToArray();
    private static readonly (double Low, double High) Span =
        (SyntheticSweep.Summaries.Min(summary => summary.Band.LearningRates[0]), SyntheticSweep.Summaries.Max(summary => summary.Band.LearningRates[^1]));

    // Moves the mouse there in a few steps and waits for the readout to show a new reading (uPlot updates on an animation frame).
    private static async Task<string> HoverAsync(IPage page, float x, float y)
    {
        var previous = await page.Locator("#curves-readout").InnerTextAsync();
        await page.Mouse.MoveAsync(x, y, new MouseMoveOptions { Steps = 5 });
        await page.WaitForFunctionAsync(
            "previous => { const text = document.getElementById('curves-readout').textContent; return text.startsWith('learning rate') && text !== previous; }",
            previous);
        return await page.Locator("#curves-readout").InnerTextAsync();
    }

    // The plot area in viewport coordinates, scrolled into view first: the mouse only reaches what is on screen.
    private static async Task<LocatorBoundingBoxResult> PlotArea(IPage page)
    {
        var area = page.Locator("#curves .u-over");
        await area.ScrollIntoViewIfNeededAsync();
        return await area.BoundingBoxAsync() ?? throw new InvalidOperationException("the chart has no plot area");
    }

    private static Task<double[]> XRange(IPage page) =>
        page.EvaluateAsync<double[]>("() => [window.sweepCharts[0].scales.x.min, window.sweepCharts[0].scales.x.max]");

    [BrowserFact]
    public async Task Every_picture_loads_and_the_findings_and_tables_are_shown_without_errors()
    {
        var (page, errors) = await report.OpenAsync();
        var widths = await page.EvalOnSelectorAllAsync<int[]>("main img", "images => images.map(image => image.complete ? image.naturalWidth : 0)");
        Assert.Equal(1 + ReportPage.Rules.Length + 1, widths.Length);
        Assert.All(widths, width => Assert.True(width > 0, "an image did not load"));

        var findings = await page.Locator("h2:has-text('Findings') + ul > li").AllInnerTextsAsync();
        Assert.Equal(ReportPage.Findings, findings);
        Assert.Equal(4, await page.Locator("main > table").CountAsync());
        Assert.Equal(SyntheticSweep.Runs.Value.Count, await page.Locator("main > table").Last.Locator("tbody tr").CountAsync());
        Assert.Equal(SyntheticSweep.BatchSizes.Select(size => $"batch size {size}"),
            (await page.Locator("#curves .u-legend .u-series th").AllInnerTextsAsync()).Skip(1).Select(label => label.Trim()));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(FigureOutput.Folder(), "report-browser.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Hovering_the_chart_reads_the_learning_rate_and_each_batch_sizes_loss_under_the_cursor()
    {
        var (page, errors) = await report.OpenAsync();
        var area = await PlotArea(page);
        var (low, high) = (Math.Log10(Span.Low), Math.Log10(Span.High));
        var readings = new List<double>();
        foreach (var fraction in new[] { 0.3, 0.7 })
        {
            var text = await HoverAsync(page, area.X + (float)(fraction * area.Width), area.Y + area.Height / 2);
            var match = Regex.Match(text, @"^learning rate (\d\.\d\de[-+]\d+) — batch size 8: loss (\d\.\d{3});");
            Assert.True(match.Success, $"readout: {text}");
            var rate = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            // The cursor sits at that fraction of the log axis and snaps to the nearest recorded step.
            Assert.InRange(Math.Log10(rate), low + fraction * (high - low) - 0.08, low + fraction * (high - low) + 0.08);
            var step = Enumerable.Range(0, Rates.Length).MinBy(index => Math.Abs(Math.Log10(Rates[index]) - Math.Log10(rate)));
            var median = SyntheticSweep.Summaries.Single(summary => summary.BatchSize == 8).Band.Median[step];
            Assert.Equal(median.ToString("F3", CultureInfo.InvariantCulture), match.Groups[2].Value);
            readings.Add(rate);
        }

        Assert.True(readings[1] > readings[0], "moving right reads a larger learning rate");
        var (chart, readout) = (await page.Locator("#curves").BoundingBoxAsync(), await page.Locator("#curves-readout").BoundingBoxAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(FigureOutput.Folder(), "report-browser-chart.png"),
            Clip = new Clip { X = chart!.X, Y = chart.Y, Width = chart.Width, Height = readout!.Y + readout.Height - chart.Y },
        });
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Clicking_a_batch_size_in_the_legend_hides_its_curve()
    {
        var (page, errors) = await report.OpenAsync();
        var smallest = page.Locator("#curves .u-legend .u-series").Nth(1);
        Assert.Equal("batch size 8", (await smallest.Locator("th").InnerTextAsync()).Trim());
        var before = Pixels(await page.Locator("#curves canvas").ScreenshotAsync(), "#C0392B");
        await smallest.ClickAsync();
        Assert.Contains("u-off", await smallest.GetAttributeAsync("class") ?? "");
        Assert.False(await page.EvaluateAsync<bool>("() => window.sweepCharts[0].series[1].show"));
        var after = Pixels(await page.Locator("#curves canvas").ScreenshotAsync(), "#C0392B");
        Assert.True(before > 200 && after < before / 20, $"batch size 8's red pixels: {before} before, {after} after");

        var area = await PlotArea(page);
        var text = await HoverAsync(page, area.X + area.Width / 2, area.Y + area.Height / 2);
        Assert.DoesNotContain("batch size 8:", text);
        Assert.Contains("batch size 16:", text);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Dragging_across_the_chart_zooms_the_learning_rate_axis_and_a_double_click_zooms_out()
    {
        var (page, errors) = await report.OpenAsync();
        var area = await PlotArea(page);
        var whole = await XRange(page);
        Assert.Equal(Span.Low, whole[0], 9);
        Assert.Equal(Span.High, whole[1], 9);
        float y = area.Y + area.Height / 2, from = area.X + 0.3f * area.Width, to = area.X + 0.6f * area.Width;
        await page.Mouse.MoveAsync(from, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to, y, new MouseMoveOptions { Steps = 10 });
        await page.Mouse.UpAsync();

        var zoomed = await XRange(page);
        var (low, span) = (Math.Log10(whole[0]), Math.Log10(whole[1] / whole[0]));
        Assert.Equal(low + 0.3 * span, Math.Log10(zoomed[0]), 1);
        Assert.Equal(low + 0.6 * span, Math.Log10(zoomed[1]), 1);

        await page.Mouse.DblClickAsync(area.X + area.Width / 2, y);
        var restored = await XRange(page);
        Assert.Equal(whole[0], restored[0], 9);
        Assert.Equal(whole[1], restored[1], 9);
        Assert.Empty(errors);
    }

    // How many pixels of a picture are close to a colour (anti-aliased line edges are not counted).
    private static int Pixels(byte[] png, string hex)
    {
        var wanted = SKColor.Parse(hex);
        using var bitmap = SKBitmap.Decode(png);
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (Math.Abs(pixel.Red - wanted.Red) + Math.Abs(pixel.Green - wanted.Green) + Math.Abs(pixel.Blue - wanted.Blue) < 40) count++;
            }

        return count;
    }
}
