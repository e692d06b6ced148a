using System.Globalization;
using ScottPlot;
using Sweep.Domain;

namespace Sweep.Cli.Figures;

/// <summary>
/// How one rule's suggestion moves with batch size, on log–log axes where a power law
/// η = e^c·B^α is a straight line of slope α: every seed's suggestion as a small dot, each batch
/// size's median (large marker, interquartile bars), the fitted line with the band its exponent
/// interval allows, and dashed reference slopes 1 (linear scaling rule) and 1/2 (square-root rule)
/// through the median at the smallest batch size. Every number comes from the summaries, the fit
/// and the interval passed in.
/// </summary>
public static class ScalingFigure
{
    /// <summary>Series and band labels.</summary>
    public const string Seeds = "each seed", Medians = "median per batch size", Quartiles = "interquartile range",
        FitLine = "fit", FitBand = "exponent interval", Linear = "slope 1 (linear rule)", SquareRoot = "slope 1/2 (square-root rule)";

    /// <summary>How many points trace the curved edges of the exponent band.</summary>
    public const int BandPoints = 48;

    /// <summary>
    /// The figure of <paramref name="rule"/> over <paramref name="summaries"/>. The band between the
    /// lines of exponent <paramref name="exponentInterval"/>.Low and .High pivots through the fit at
    /// the geometric mean of the seeds' batch sizes, the point a least-squares line always passes
    /// through. A null fit or interval draws none.
    /// </summary>
    public static Figure Draw(Rule rule, IReadOnlyList<BatchSizeSummary> summaries, PowerLawFit? fit, (double Low, double High)? exponentInterval)
    {
        var ordered = summaries.OrderBy(summary => summary.BatchSize).ToArray();
        var sizes = ordered.Select(summary => summary.BatchSize).ToArray();
        var colours = FigurePalette.ForBatchSizes(sizes);
        var ofRule = ordered.Select(summary => (Size: summary.BatchSize, Summary: SummaryOf(summary, rule))).ToArray();
        var seeds = ofRule.SelectMany(entry => entry.Summary.Suggestions.Where(value => value is > 0).Select(value => (X: (double)entry.Size, Y: value!.Value))).ToArray();
        var answered = ofRule.Where(entry => double.IsFinite(entry.Summary.Median) && entry.Summary.Median > 0).ToArray();
        var series = new List<PlottedSeries>
        {
            new(Seeds, seeds.Select(seed => seed.X).ToArray(), seeds.Select(seed => seed.Y).ToArray()),
            new(Medians, answered.Select(entry => (double)entry.Size).ToArray(), answered.Select(entry => entry.Summary.Median).ToArray()),
        };
        var bands = new List<PlottedBand>
        {
            new(Quartiles, series[1].X, answered.Select(entry => entry.Summary.LowerQuartile).ToArray(), answered.Select(entry => entry.Summary.UpperQuartile).ToArray()),
        };
        double smallest = sizes.Length > 0 ? sizes.Min() : 1, largest = sizes.Length > 0 ? sizes.Max() : 1;

        if (fit is not null && sizes.Length > 0)
        {
            series.Add(new PlottedSeries(FitLine, [smallest, largest], [fit.At(smallest), fit.At(largest)]));
            if (exponentInterval is var (lowExponent, highExponent) && seeds.Length > 0)
            {
                var pivot = fit.Pivot;
                var xs = Enumerable.Range(0, BandPoints).Select(i => smallest * Math.Pow(largest / smallest, i / (BandPoints - 1.0))).ToArray();
                var edges = xs.Select(x => fit.BandAt(x, lowExponent, highExponent, pivot)).ToArray();
                bands.Add(new PlottedBand(FitBand, xs, edges.Select(edge => edge.Low).ToArray(), edges.Select(edge => edge.High).ToArray()));
            }
        }

        // References need somewhere to go: a batch size above the one they start from.
        if (answered.Length > 0 && largest > answered[0].Size)
        {
            var (anchorSize, anchor) = ((double)answered[0].Size, answered[0].Summary.Median);
            series.Add(new PlottedSeries(Linear, [anchorSize, largest], [anchor, anchor * (largest / anchorSize)]));
            series.Add(new PlottedSeries(SquareRoot, [anchorSize, largest], [anchor, anchor * Math.Sqrt(largest / anchorSize)]));
        }

        var plot = FigureStyle.Panel($"{RuleName.Of(rule)}: suggested learning rate against batch size", "batch size (log scale)", "suggested learning rate (log scale)");
        Render(plot, series, bands, ofRule.Select(entry => entry.Size).ToArray(), colours, fit, exponentInterval);

        var (left, right) = LogAxis.Range(sizes.Select(size => (double)size), padding: 0.08, minimumSpan: 0.3);
        LogAxis.ApplyBatchSizes(plot.Axes.Bottom, sizes, left, right);
        // The data, quartiles and fit band set the y range; the reference slopes may leave it.
        var (bottom, top) = LogAxis.Range(series.Where(drawn => drawn.Label is Seeds or Medians or FitLine).SelectMany(drawn => drawn.Y)
            .Concat(bands.SelectMany(band => band.Low.Concat(band.High))), padding: 0.12, minimumSpan: 1);
        LogAxis.Apply(plot.Axes.Left, bottom, top);
        // Outside the data: points and lines may sit in any corner of a log–log plot.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        FigureStyle.Finish(plot);
        return Figure.Single(plot, series, bands);
    }

    /// <summary>What the seeds of <paramref name="summary"/> say about <paramref name="rule"/>; nothing (NaN medians) when it does not list the rule.</summary>
    public static RuleSummary SummaryOf(BatchSizeSummary summary, Rule rule) =>
        summary.Rules.FirstOrDefault(entry => entry.Rule == rule) ?? new RuleSummary(rule, [], double.NaN, double.NaN, double.NaN);

    /// <summary>α with its interval as the legend and report show it: α = 0.31 [0.12, 0.50].</summary>
    public static string DescribeExponent(PowerLawFit fit, (double Low, double High)? interval) =>
        $"α = {Format(fit.Exponent)}" + (interval is var (low, high) ? $" [{Format(low)}, {Format(high)}]" : "");

    private static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static void Render(Plot plot, List<PlottedSeries> series, List<PlottedBand> bands, int[] sizes,
        IReadOnlyDictionary<int, Color> colours, PowerLawFit? fit, (double Low, double High)? interval)
    {
        var band = bands.SingleOrDefault(drawn => drawn.Label == FitBand);
        if (band is not null)
        {
            var fill = plot.Add.FillY(LogAxis.Log10(band.X), LogAxis.Log10(band.Low), LogAxis.Log10(band.High));
            fill.FillColor = FigurePalette.Ink.WithAlpha(0.10);
            fill.LineWidth = 0;
        }

        foreach (var (label, pattern) in new[] { (Linear, LinePattern.Dashed), (SquareRoot, LinePattern.Dotted) })
        {
            if (series.SingleOrDefault(drawn => drawn.Label == label) is not { } reference) continue;
            var line = plot.Add.ScatterLine(LogAxis.Log10(reference.X), LogAxis.Log10(reference.Y), FigurePalette.Neutral);
            line.LinePattern = pattern;
            line.LineWidth = 1.8f;
        }

        if (series.SingleOrDefault(drawn => drawn.Label == FitLine) is { } fitted)
        {
            var line = plot.Add.ScatterLine(LogAxis.Log10(fitted.X), LogAxis.Log10(fitted.Y), FigurePalette.Ink);
            line.LineWidth = 2.5f;
        }

        var seeds = series.Single(drawn => drawn.Label == Seeds);
        foreach (var size in sizes)
        {
            var here = Enumerable.Range(0, seeds.X.Length).Where(i => seeds.X[i] == size).ToArray();
            plot.Add.Markers(here.Select(i => Math.Log10(seeds.X[i])).ToArray(), here.Select(i => Math.Log10(seeds.Y[i])).ToArray(),
                MarkerShape.FilledCircle, 6, colours[size].WithAlpha(0.55));
        }

        var medians = series.Single(drawn => drawn.Label == Medians);
        var quartiles = bands.Single(drawn => drawn.Label == Quartiles);
        var logMedians = LogAxis.Log10(medians.Y);
        var bars = plot.Add.ErrorBar(LogAxis.Log10(medians.X), logMedians,
            LogAxis.Log10(quartiles.Low).Zip(logMedians, (low, median) => median - low).ToArray());
        bars.YErrorPositive = LogAxis.Log10(quartiles.High).Zip(logMedians, (high, median) => high - median).ToArray();
        bars.Color = FigurePalette.Ink;
        bars.LineWidth = 1.5f;
        bars.CapSize = 8;
        for (var i = 0; i < medians.X.Length; i++)
        {
            var marker = plot.Add.Marker(Math.Log10(medians.X[i]), logMedians[i], MarkerShape.FilledSquare, 12, colours[(int)medians.X[i]]);
            marker.MarkerLineColor = FigurePalette.Ink;
            marker.MarkerLineWidth = 1.2f;
        }

        // One legend, in reading order, written out: the drawn seeds are coloured by batch size.
        var legend = plot.Legend.ManualItems;
        legend.Add(new LegendItem { LabelText = Seeds, LineWidth = 0, MarkerShape = MarkerShape.FilledCircle, MarkerSize = 7, MarkerColor = FigurePalette.Neutral });
        legend.Add(new LegendItem
        {
            LabelText = "median (bars: quartiles)", LineWidth = 0, MarkerShape = MarkerShape.FilledSquare, MarkerSize = 10,
            MarkerFillColor = FigurePalette.Neutral, MarkerLineColor = FigurePalette.Ink, MarkerLineWidth = 1.2f,
        });
        legend.Add(fit is not null
            ? new LegendItem { LabelText = $"fit: {DescribeExponent(fit, interval)}", LineColor = FigurePalette.Ink, LineWidth = 2.5f }
            : new LegendItem { LabelText = "no power law fitted", LineWidth = 0 });
        if (band is not null) legend.Add(new LegendItem { LabelText = "fit with α in its interval", FillColor = FigurePalette.Ink.WithAlpha(0.10), LineWidth = 0 });
        foreach (var (label, pattern) in new[] { (Linear, LinePattern.Dashed), (SquareRoot, LinePattern.Dotted) })
            if (series.Any(drawn => drawn.Label == label))
                legend.Add(new LegendItem { LabelText = label, LineColor = FigurePalette.Neutral, LineWidth = 1.8f, LinePattern = pattern });
    }
}
