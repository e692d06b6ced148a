namespace Sweep.Cli.Figures;

/// <summary>
/// The y range of a loss plot that shows what a reader looks for: from the lowest loss drawn to a
/// little above where the curves start. A range test ends by blowing up, often to many times the
/// starting loss; scaling the axis to that would flatten the descent that matters into a line.
/// </summary>
public static class LossWindow
{
    /// <summary>Room below the lowest value and above the highest start, as fractions of the span.</summary>
    public const double BelowFraction = 0.05, AboveFraction = 0.15;

    /// <summary>
    /// From min(<paramref name="lowest"/>) to max(<paramref name="starts"/>), padded. When nothing
    /// falls below the start (a curve that only rises), the top is the highest of <paramref name="all"/>
    /// instead; a window with no finite value is (0, 1).
    /// </summary>
    public static (double Bottom, double Top) Of(IEnumerable<double> lowest, IEnumerable<double> starts, IEnumerable<double> all)
    {
        var lows = lowest.Where(double.IsFinite).ToArray();
        var firsts = starts.Where(double.IsFinite).ToArray();
        var everything = all.Where(double.IsFinite).ToArray();
        if (lows.Length == 0 && everything.Length == 0) return (0, 1);
        var bottom = lows.Length > 0 ? lows.Min() : everything.Min();
        var top = firsts.Length > 0 ? firsts.Max() : everything.Max();
        if (top - bottom <= 1e-12 * Math.Max(1, Math.Abs(top)) && everything.Length > 0) top = everything.Max();
        var span = top - bottom;
        if (span <= 1e-12 * Math.Max(1, Math.Abs(top))) span = Math.Max(Math.Abs(top) * 0.1, 1e-3);
        return (bottom - BelowFraction * span, top + AboveFraction * span);
    }
}
