using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Sweep.Cli.Figures;

/// <summary>
/// Logarithmic axes. ScottPlot 5 has no log scale: a figure plots log10 of its values on a linear
/// axis and labels the ticks with the values they stand for. Ticks are listed by hand rather than
/// left to ScottPlot's integer-only automatic ticks, because a range under two decades (a batch of
/// suggestions) would then get one label or none: such a range also labels 2× and 5× each decade.
/// </summary>
public static class LogAxis
{
    /// <summary>log10 of every value.</summary>
    public static double[] Log10(IEnumerable<double> values) => values.Select(Math.Log10).ToArray();

    /// <summary>The label of <paramref name="value"/> on a log axis: 1e-4, 2e-3, 1, 20, 1e4.</summary>
    public static string Label(double value)
    {
        var exponent = (int)Math.Floor(Math.Log10(value) + 1e-9);
        var mantissa = Math.Round(value / Math.Pow(10, exponent), 6);
        return exponent is >= 0 and <= 3
            ? value.ToString("0.###", CultureInfo.InvariantCulture)
            : $"{mantissa.ToString("0.#", CultureInfo.InvariantCulture)}e{exponent}";
    }

    /// <summary>
    /// Major ticks at whole decades (every second or third one when more than
    /// <paramref name="maximumLabels"/> would crowd the axis), minor ticks at 2..9 × each decade,
    /// between <paramref name="lowLog"/> and <paramref name="highLog"/> (log10 units).
    /// </summary>
    public static Tick[] Ticks(double lowLog, double highLog, int maximumLabels = 12)
    {
        var span = highLog - lowLog;
        var stride = Math.Max(1, (int)Math.Ceiling((Math.Floor(highLog) - Math.Ceiling(lowLog) + 1) / Math.Max(1, maximumLabels)));
        var ticks = new List<Tick>();
        for (var decade = (int)Math.Floor(lowLog); decade <= (int)Math.Ceiling(highLog); decade++)
            for (var multiple = 1; multiple <= 9; multiple++)
            {
                var position = decade + Math.Log10(multiple);
                if (position < lowLog - 1e-9 || position > highLog + 1e-9) continue;
                var labelled = multiple == 1 ? ((decade % stride) + stride) % stride == 0
                    : span < 0.7 || (span < 2 && multiple is 2 or 5);
                ticks.Add(labelled ? Tick.Major(position, Label(multiple * Math.Pow(10, decade))) : Tick.Minor(position));
            }

        return ticks.ToArray();
    }

    /// <summary>Makes <paramref name="axis"/> a log axis over [lowLog, highLog] (log10 units) and sets its range.</summary>
    public static void Apply(IAxis axis, double lowLog, double highLog, int maximumLabels = 12)
    {
        axis.TickGenerator = new NumericManual(Ticks(lowLog, highLog, maximumLabels));
        axis.Min = lowLog;
        axis.Max = highLog;
    }

    /// <summary>Makes <paramref name="axis"/> a log axis whose only ticks are the given batch sizes, labelled as numbers.</summary>
    public static void ApplyBatchSizes(IAxis axis, IReadOnlyList<int> batchSizes, double lowLog, double highLog)
    {
        axis.TickGenerator = new NumericManual(batchSizes.Distinct().Order()
            .Select(size => Tick.Major(Math.Log10(size), size.ToString(CultureInfo.InvariantCulture))).ToArray());
        axis.Min = lowLog;
        axis.Max = highLog;
    }

    /// <summary>
    /// A range in log10 units covering the positive finite values, widened by <paramref name="padding"/>
    /// of its span on each side and to at least <paramref name="minimumSpan"/> decades around its centre.
    /// </summary>
    public static (double Low, double High) Range(IEnumerable<double> values, double padding = 0.05, double minimumSpan = 0.5)
    {
        var logs = values.Where(value => double.IsFinite(value) && value > 0).Select(Math.Log10).ToArray();
        if (logs.Length == 0) return (-1, 1);
        double low = logs.Min(), high = logs.Max();
        var pad = (high - low) * padding;
        (low, high) = (low - pad, high + pad);
        if (high - low < minimumSpan)
        {
            var centre = (low + high) / 2;
            (low, high) = (centre - minimumSpan / 2, centre + minimumSpan / 2);
        }

        return (low, high);
    }
}
