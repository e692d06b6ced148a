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
    /// <summary>Legend labels of the reference slopes.</summary>
    public const string Linear = "slope 1 (linear rule)", SquareRoot = "slope 1/2 (square-root rule)";

    /// <summary>How many points trace the curved edges of the exponent band.</summary>
    public const int BandPoints = 48;

    // What one figure shows, in data units (batch sizes and learning rates, not their logarithms).
    private sealed record Shown(int[] Sizes, (double X, double Y)[] Seeds, (int Size, RuleSummary Summary)[] Medians,
        (double X, double Y)[]? FitLine, (double X, double Low, double High)[]? FitBand, (double X, double Y)[]? Linear, (double X, double Y)[]? SquareRoot);

    /// <summary>
    /// The figure of <paramref name="rule"/> over <paramref name="summaries"/>. The band between the
    /// lines of exponent <paramref name="exponentInterval"/>.Low and .High pivots through the fit at
    /// the geometric mean of the seeds' batch sizes, the point a least-squares line always passes
    /// through. A null fit or interval draws none.
    /// </summary>
    public static Figure Draw(Rule rule, IReadOnlyList<BatchSizeSummary> summaries, PowerLawFit? fit, (double Low, double High)? exponentInterval)
    {
        var shown = Arrange(rule, summaries, fit, exponentInterval);
        var plot = FigureStyle.Panel($"{RuleName.Of(rule)}: suggested learning rate against batch size", "batch size (log scale)", "suggested learning rate (log scale)");
        ScalingLayers.Render(plot, shown.Sizes, FigurePalette.ForBatchSizes(shown.Sizes), shown.Seeds, shown.Medians, shown.FitLine, shown.FitBand, shown.Linear, shown.SquareRoot);
        ScalingLayers.Legend(plot, fit is null ? null : $"fit: {DescribeExponent(fit, exponentInterval)}", shown.FitBand is not null, shown.Linear is not null);

        var (left, right) = LogAxis.Range(shown.Sizes.Select(size => (double)size), padding: 0.08, minimumSpan: 0.3);
        LogAxis.ApplyBatchSizes(plot.Axes.Bottom, shown.Sizes, left, right);
        // The data, quartiles and fit band set the y range; the reference slopes may leave it.
        var (bottom, top) = LogAxis.Range(shown.Seeds.Select(seed => seed.Y)
            .Concat(shown.Medians.SelectMany(entry => new[] { entry.Summary.Median, entry.Summary.LowerQuartile, entry.Summary.UpperQuartile }))
            .Concat((shown.FitLine ?? []).Select(point => point.Y))
            .Concat((shown.FitBand ?? []).SelectMany(edge => new[] { edge.Low, edge.High })), padding: 0.12, minimumSpan: 1);
        LogAxis.Apply(plot.Axes.Left, bottom, top);
        // Outside the data: points and lines may sit in any corner of a log–log plot.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
        FigureStyle.Finish(plot);
        return Figure.Single(plot);
    }

    private static Shown Arrange(Rule rule, IReadOnlyList<BatchSizeSummary> summaries, PowerLawFit? fit, (double Low, double High)? exponentInterval)
    {
        var ordered = summaries.OrderBy(summary => summary.BatchSize).ToArray();
        var sizes = ordered.Select(summary => summary.BatchSize).ToArray();
        var ofRule = ordered.Select(summary => (Size: summary.BatchSize, Summary: SummaryOf(summary, rule))).ToArray();
        var seeds = ofRule.SelectMany(entry => entry.Summary.Suggestions.Where(value => value is > 0).Select(value => (X: (double)entry.Size, Y: value!.Value))).ToArray();
        var answered = ofRule.Where(entry => double.IsFinite(entry.Summary.Median) && entry.Summary.Median > 0).ToArray();
        double smallest = sizes.Length > 0 ? sizes.Min() : 1, largest = sizes.Length > 0 ? sizes.Max() : 1;

        (double, double)[]? fitLine = null;
        (double, double, double)[]? fitBand = null;
        if (fit is not null && sizes.Length > 0)
        {
            fitLine = [(smallest, fit.At(smallest)), (largest, fit.At(largest))];
            if (exponentInterval is var (lowExponent, highExponent) && seeds.Length > 0)
            {
                var pivot = fit.Pivot;
                fitBand = Enumerable.Range(0, BandPoints).Select(i => smallest * Math.Pow(largest / smallest, i / (BandPoints - 1.0)))
                    .Select(x => (x, fit.BandAt(x, lowExponent, highExponent, pivot))).Select(pair => (pair.x, pair.Item2.Low, pair.Item2.High)).ToArray();
            }
        }

        // References need somewhere to go: a batch size above the one they start from.
        (double, double)[]? linear = null, squareRoot = null;
        if (answered.Length > 0 && largest > answered[0].Size)
        {
            var (anchorSize, anchor) = ((double)answered[0].Size, answered[0].Summary.Median);
            linear = [(anchorSize, anchor), (largest, anchor * (largest / anchorSize))];
            squareRoot = [(anchorSize, anchor), (largest, anchor * Math.Sqrt(largest / anchorSize))];
        }

        return new Shown(sizes, seeds, answered, fitLine, fitBand, linear, squareRoot);
    }

    /// <summary>What the seeds of <paramref name="summary"/> say about <paramref name="rule"/>; nothing (NaN medians) when it does not list the rule.</summary>
    public static RuleSummary SummaryOf(BatchSizeSummary summary, Rule rule) =>
        summary.Rules.FirstOrDefault(entry => entry.Rule == rule) ?? new RuleSummary(rule, [], double.NaN, double.NaN, double.NaN);

    /// <summary>α with its interval as the legend and report show it: α = 0.31 [0.12, 0.50].</summary>
    public static string DescribeExponent(PowerLawFit fit, (double Low, double High)? interval) =>
        $"α = {Format(fit.Exponent)}" + (interval is var (low, high) ? $" [{Format(low)}, {Format(high)}]" : "");

    private static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
