using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using Xunit;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>The interval a coarse pass hands to the measured pass.</summary>
public class AutoRangeProperties
{
    private static Curve CurveOf(CurveInput input) =>
        new(input.Lrs.Zip(input.Losses, (lr, loss) => new CurvePoint(lr, loss, loss)).ToArray(), StopReason.Completed);

    [Claim]
    public Property Measured_IsNone_OrAnIntervalInsideTheCoarseRange_WithStartBelowEnd() =>
        Prop.ForAll((from curve in AnyCurve from share in Gen.Frequency((3, UnitInterval), (1, AnyDouble)) from margin in Gen.Frequency((3, Uniform(0, 2)), (1, AnyDouble))
                     select (curve, share, margin)).ToArbitrary(), x =>
        {
            var range = AutoRange.Measured(CurveOf(x.curve), x.share, x.margin);
            if (range is null) return true.Label("none");
            var rates = x.curve.Lrs.Take(x.curve.Losses.Length).Where(lr => double.IsFinite(lr) && lr > 0).ToArray();
            return (range.Start < range.End && range.Start >= rates.Min() && range.End <= rates.Max() && range.Start > 0)
                .Label($"[{range.Start}, {range.End}] in [{rates.Min()}, {rates.Max()}]");
        });

    [Claim]
    public Property Measured_OfAValleyOnARisingSchedule_HoldsTheMinimum() =>
        // Constructed: the loss falls by a factor in [1.5, 10] to a minimum at index m, then rises past its start.
        Prop.ForAll((from length in Gen.Choose(AutoRange.MinimumPoints + 3, 120) from bottom in Uniform(0.2, 0.8) from depth in Uniform(1.5, 10)
                     from lrs in ScheduleLrs(length) select (length, bottom, depth, lrs)).ToArbitrary(), x =>
        {
            var minimum = Math.Clamp((int)(x.bottom * (x.length - 1)), 1, x.length - 2);
            var losses = Enumerable.Range(0, x.length).Select(i => i <= minimum
                ? x.depth - (x.depth - 1) * i / minimum
                : 1 + 2 * x.depth * (i - minimum) / (x.length - 1 - minimum)).ToArray();
            var range = AutoRange.Measured(CurveOf(new CurveInput(x.lrs, losses)));
            return (range is { } found && found.Start <= x.lrs[minimum] && x.lrs[minimum] <= found.End)
                .Label($"{range} vs η_min = {x.lrs[minimum]}");
        });

    [Claim]
    public Property Measured_OfAFlatOrRisingCurve_IsNone() =>
        Prop.ForAll((from length in Gen.Choose(0, 80) from level in LogUniform(1e-3, 1e3) from rise in Uniform(0, 1) from lrs in ScheduleLrs(length)
                     select new CurveInput(lrs, Enumerable.Range(0, length).Select(i => level * (1 + rise * i)).ToArray())).ToArbitrary(), input =>
            AutoRange.Measured(CurveOf(input)) is null);

    [Fact]
    public void Measured_OfAHandMadeValley_IsTheDescentWithHalfADecadeEachSide()
    {
        // LRs 1e-7 … 10 by decades; losses fall from 10 to a minimum of 1 at 1e-2, and pass 10 again at 1.
        double[] lrs = [1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10];
        double[] losses = [10, 10, 9.5, 8, 4, 1, 3, 12, 50];
        var range = AutoRange.Measured(CurveOf(new CurveInput(lrs, losses)))!;
        // Fall: first loss ≤ 10 − 0.1·9 = 9.1 is 8 at 1e-4; divergence: first loss > 10 after the minimum is 12 at 1.
        Assert.Equal(1e-4 / Math.Sqrt(10), range.Start, 1e-15);
        Assert.Equal(Math.Sqrt(10), range.End, 1e-12);
    }
}
