using System.Globalization;
using ScottPlot;
using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>
/// One range test (<c>sweep find</c>): the smoothed loss against the learning rate on a log axis,
/// the raw loss faintly behind it, and each rule's suggestion as a marker on the smoothed curve with
/// its name and value. The y axis shows the descent and clips the final blow-up (<see cref="LossWindow"/>).
/// </summary>
public static class FinderFigure
{
    /// <summary>Series labels.</summary>
    public const string Raw = "raw loss", Smoothed = "smoothed loss";

    /// <summary>
    /// The figure of <paramref name="curve"/> with <paramref name="suggestions"/> marked (a null
    /// suggestion is listed in the legend as "none"). Points with a non-finite loss or a non-positive
    /// learning rate are left out.
    /// </summary>
    public static Figure Draw(Curve curve, IReadOnlyDictionary<Rule, double?> suggestions, string title = "Learning-rate range test")
    {
        var points = curve.Points.Where(point => point.LearningRate > 0 && double.IsFinite(point.LearningRate)).ToArray();
        var smoothed = points.Where(point => double.IsFinite(point.SmoothedLoss)).ToArray();
        var raw = points.Where(point => double.IsFinite(point.Loss)).ToArray();
        double[] smoothedRates = smoothed.Select(point => point.LearningRate).ToArray(), smoothedLosses = smoothed.Select(point => point.SmoothedLoss).ToArray();
        var rawRates = raw.Select(point => point.LearningRate).ToArray();

        var plot = FigureStyle.Panel($"{title} ({curve.Points.Count} steps, {Describe(curve.Stop)})",
            "learning rate (log scale)", "smoothed training loss");
        var rawLine = plot.Add.ScatterLine(LogAxis.Log10(rawRates), raw.Select(point => point.Loss).ToArray(), FigurePalette.Neutral.WithAlpha(0.45));
        rawLine.LineWidth = 1;
        rawLine.LegendText = Raw;
        var smoothLine = plot.Add.ScatterLine(LogAxis.Log10(smoothedRates), smoothedLosses, Color.FromHex("#1F4E79"));
        smoothLine.LineWidth = 2.5f;
        smoothLine.LegendText = Smoothed;

        var marked = suggestions.Where(pair => pair.Value is > 0).OrderBy(pair => pair.Value).ThenBy(pair => pair.Key).ToArray();
        // Rules that agree share one label ("steep, steepest 2.5e-03") in the colour of the marker drawn last, on top.
        var groups = marked.GroupBy(pair => pair.Value!.Value).ToArray();
        for (var rank = 0; rank < groups.Length; rank++)
        {
            var rate = groups[rank].Key;
            var rules = groups[rank].Select(pair => pair.Key).ToArray();
            var loss = SmoothedAt(smoothedRates, smoothedLosses, rate);
            foreach (var rule in rules)
            {
                var marker = plot.Add.Marker(Math.Log10(rate), loss, MarkerShape.FilledCircle, 11, FigurePalette.ForRule(rule));
                marker.MarkerLineColor = Colors.White;
                marker.MarkerLineWidth = 1.5f;
                marker.LegendText = $"{RuleName.Of(rule)} {Short(rate)}";
            }

            Label(plot, $"{string.Join(", ", rules.Select(RuleName.Of))} {Short(rate)}", Math.Log10(rate), loss,
                FigurePalette.ForRule(rules[^1]), leftSide: rank % 2 == 0);
        }

        foreach (var rule in suggestions.Where(pair => pair.Value is not > 0).Select(pair => pair.Key).Order())
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{RuleName.Of(rule)}: none", LineWidth = 0, MarkerShape = MarkerShape.OpenCircle, MarkerSize = 9, MarkerColor = FigurePalette.Neutral });

        var (low, high) = LogAxis.Range(smoothedRates.Concat(rawRates), padding: 0.02);
        LogAxis.Apply(plot.Axes.Bottom, low, high);
        var (bottom, top) = LossWindow.Of(smoothedLosses, smoothedLosses.Take(1), smoothedLosses);
        plot.Axes.SetLimitsY(bottom, top);
        FigureStyle.LegendAt(plot, Alignment.LowerLeft);
        FigureStyle.Finish(plot);
        return Figure.Single(plot);
    }

    // Labels alternate sides by rank of LR, so neighbours never share a side: on the left and a
    // little below, or on the right and a little above, which on a falling curve is off the line.
    private static void Label(Plot plot, string label, double x, double y, Color colour, bool leftSide)
    {
        var text = plot.Add.Text(label, x, y);
        text.LabelFontSize = FigureStyle.NoteSize;
        text.LabelFontColor = colour.Darken(0.3);
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        text.LabelPadding = 2;
        text.LabelAlignment = leftSide ? Alignment.UpperRight : Alignment.LowerLeft;
        text.OffsetX = leftSide ? -8 : 8;
        text.OffsetY = leftSide ? 4 : -4;
    }

    /// <summary>A learning rate in two significant figures: 3.2e-03.</summary>
    public static string Short(double rate) => rate.ToString("0.0e+00", CultureInfo.InvariantCulture);

    /// <summary>The smoothed loss at <paramref name="rate"/>, linear in log10 of the LR between the recorded points (clamped at the ends).</summary>
    public static double SmoothedAt(IReadOnlyList<double> rates, IReadOnlyList<double> losses, double rate)
    {
        if (rates.Count == 0) return double.NaN;
        if (rate <= rates[0]) return losses[0];
        for (var i = 1; i < rates.Count; i++)
        {
            if (rate > rates[i]) continue;
            var fraction = (Math.Log10(rate) - Math.Log10(rates[i - 1])) / (Math.Log10(rates[i]) - Math.Log10(rates[i - 1]));
            return losses[i - 1] + fraction * (losses[i] - losses[i - 1]);
        }

        return losses[^1];
    }

    private static string Describe(StopReason stop) => stop switch
    {
        StopReason.Completed => "completed",
        StopReason.Diverged => "stopped: diverged",
        StopReason.NonFinite => "stopped: non-finite loss",
        StopReason.Cancelled => "cancelled",
        _ => stop.ToString(),
    };
}
