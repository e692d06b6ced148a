using System.Runtime.CompilerServices;
using System.Text.Json;
using Sweep.Cli.Figures;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Figures;

public class CurvesChartTests
{
    private static string WebFolder([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Cli", "Figures", "Web"));

    private static JsonElement Carried(IReadOnlyList<BatchSizeSummary> summaries)
    {
        var html = CurvesChart.Html(summaries);
        var start = html.IndexOf("<script type=\"application/json\" id=\"curves-data\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page carries the chart's data as JSON");
        var body = html[(html.IndexOf('>', start) + 1)..html.IndexOf("</script>", start, StringComparison.Ordinal)];
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public void The_page_carries_each_batch_sizes_median_curve_in_its_colour()
    {
        var summaries = SyntheticSweep.Summaries;
        var colours = FigurePalette.ForBatchSizes(SyntheticSweep.BatchSizes);
        var series = Carried(summaries.Reverse().ToArray()).GetProperty("series").EnumerateArray().ToArray();
        Assert.Equal(SyntheticSweep.BatchSizes.Select(size => $"batch size {size}"), series.Select(entry => entry.GetProperty("label").GetString()));
        foreach (var (entry, summary) in series.Zip(summaries.OrderBy(summary => summary.BatchSize)))
        {
            Assert.Equal(summary.Band.LearningRates, entry.GetProperty("learningRates").EnumerateArray().Select(value => value.GetDouble()));
            Assert.Equal(summary.Band.Median, entry.GetProperty("losses").EnumerateArray().Select(value => value.GetDouble()));
            var colour = colours[summary.BatchSize];
            Assert.Equal($"#{colour.R:X2}{colour.G:X2}{colour.B:X2}", entry.GetProperty("colour").GetString());
        }
    }

    [Fact]
    public void The_loss_axis_shows_the_descents_and_clips_the_blow_up()
    {
        var summaries = SyntheticSweep.Summaries;
        var data = Carried(summaries);
        double bottom = data.GetProperty("lossBottom").GetDouble(), top = data.GetProperty("lossTop").GetDouble();
        Assert.True(bottom < summaries.Min(summary => summary.Band.Median.Min()));
        Assert.True(top > summaries.Max(summary => summary.Band.Median[0]));
        Assert.True(top < summaries.Max(summary => summary.Band.Median.Max()), "the divergence blow-up should leave the chart");
    }

    [Fact]
    public void Steps_without_a_finite_median_are_left_out_and_text_cannot_end_the_script()
    {
        var band = new CurveBand([1e-4, 1e-3, 1e-2], [2.0, 1.5, double.NaN], [1.9, 1.4, double.NaN], [2.1, 1.6, double.NaN]);
        var entry = Carried([new BatchSizeSummary(32, 1, [], band)]).GetProperty("series")[0];
        Assert.Equal([1e-4, 1e-3], entry.GetProperty("learningRates").EnumerateArray().Select(value => value.GetDouble()));
        Assert.DoesNotContain("</", CurvesChart.Json(new CurvesChart.Data(0, 1, [new("</script><b>", "#000000", [], [])])));
    }

    [Fact]
    public void The_scripts_inline_uplot_unchanged_with_its_licence()
    {
        var scripts = CurvesChart.Scripts();
        Assert.Contains(File.ReadAllText(Path.Combine(WebFolder(), "uPlot.iife.min.js")).Trim(), scripts);
        Assert.Contains(File.ReadAllText(Path.Combine(WebFolder(), "uPlot.LICENSE")).Trim(), scripts);
        Assert.Contains(File.ReadAllText(Path.Combine(WebFolder(), "curves.js")).Trim(), scripts);
        Assert.Contains("Copyright (c) 2022 Leon Sorokin", scripts);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(scripts, "<script>").Count);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(scripts, "</script>").Count);
    }
}
