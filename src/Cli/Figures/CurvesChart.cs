using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>
/// The report's interactive loss curves: the signature's data (each batch size's median smoothed
/// curve, in the batch size's <see cref="FigurePalette"/> colour, the loss axis the <see cref="LossWindow"/> of the medians)
/// as JSON in the page, drawn in the browser by uPlot with a log learning-rate axis. Hover reads
/// the learning rate and the losses, a click on a legend entry hides a batch size, a drag zooms
/// the learning-rate axis.
/// </summary>
public static class CurvesChart
{
    /// <summary>One batch size's curve as the page carries it.</summary>
    public sealed record Series(
        [property: JsonPropertyName("label")] string Label,
        [property: JsonPropertyName("colour")] string Colour,
        [property: JsonPropertyName("learningRates")] double[] LearningRates,
        [property: JsonPropertyName("losses")] double[] Losses);

    /// <summary>What the chart draws: its curves and the loss range it shows.</summary>
    public sealed record Data(
        [property: JsonPropertyName("lossBottom")] double LossBottom,
        [property: JsonPropertyName("lossTop")] double LossTop,
        [property: JsonPropertyName("series")] IReadOnlyList<Series> Curves);

    /// <summary>
    /// The curves of <paramref name="summaries"/>, smallest batch size first; steps without a finite
    /// positive learning rate and a finite median are left out, as in <see cref="SignatureFigure"/>.
    /// </summary>
    public static Data Of(IReadOnlyList<BatchSizeSummary> summaries)
    {
        var ordered = summaries.OrderBy(summary => summary.BatchSize).ToArray();
        var colours = FigurePalette.ForBatchSizes(ordered.Select(summary => summary.BatchSize));
        var curves = ordered.Select(summary =>
        {
            var band = summary.Band;
            var steps = Enumerable.Range(0, band.LearningRates.Count)
                .Where(step => band.LearningRates[step] > 0 && double.IsFinite(band.LearningRates[step]) && double.IsFinite(band.Median[step])).ToArray();
            var colour = colours[summary.BatchSize];
            return new Series($"batch size {summary.BatchSize}", $"#{colour.R:X2}{colour.G:X2}{colour.B:X2}",
                steps.Select(step => band.LearningRates[step]).ToArray(), steps.Select(step => band.Median[step]).ToArray());
        }).ToArray();
        var (bottom, top) = LossWindow.Of(curves.SelectMany(curve => curve.Losses), curves.Where(curve => curve.Losses.Length > 0).Select(curve => curve.Losses[0]),
            curves.SelectMany(curve => curve.Losses));
        return new Data(bottom, top, curves);
    }

    /// <summary>The data as JSON; '&lt;' and '&gt;' come out as \u003C and \u003E, so it cannot end its script element.</summary>
    public static string Json(Data data) => JsonSerializer.Serialize(data, ChartJson.Default.Data);

    /// <summary>The chart's markup: where it goes, its readout line, and its data.</summary>
    public static string Html(IReadOnlyList<BatchSizeSummary> summaries, string id = "curves") =>
        $"<div class=\"curves\" id=\"{id}\" data-source=\"{id}-data\" data-readout=\"{id}-readout\"></div>\n" +
        $"<p class=\"readout\" id=\"{id}-readout\" aria-live=\"polite\"></p>\n" +
        $"<script type=\"application/json\" id=\"{id}-data\">{Json(Of(summaries))}</script>\n";

    /// <summary>The scripts every page with charts ends with: uPlot (with its licence) and the set-up, inline.</summary>
    public static string Scripts() =>
        $"<script>\n/*! uPlot, inlined unchanged. Its licence:\n\n{WebAssets.UPlotLicence.Trim()}\n*/\n{WebAssets.UPlotScript.Trim()}\n</script>\n" +
        $"<script>\n{WebAssets.CurvesScript.Trim()}\n</script>\n";
}

/// <summary>The chart's data described at compile time (System.Text.Json's source generator), not by reflection on the report's first use, with the default options it was always written with.</summary>
[JsonSerializable(typeof(CurvesChart.Data))]
internal sealed partial class ChartJson : JsonSerializerContext;
