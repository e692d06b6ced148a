using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sweep.Domain;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>The exponential moving average, debiased (fastai) and plain (pytorch-lr-finder).</summary>
public class SmoothingProperties
{
    // Relative tolerance for "equals the constant" and "within [min, max]". Each step adds a few
    // ulps to the running average (≤ ~1e3·2.2e-16 after a thousand steps); debiasing divides by
    // 1 − β^t, which amplifies the error of pow(β, t) by β^t/(1 − β^t) ≤ 1/(1 − β) ≤ 1e3 for the
    // β ≤ 0.999 generated. So the worst rounding is ~1e-13 relative; 1e-9 leaves a wide margin
    // and still catches any wrong weight (a missing debias is off by a factor 1/(1 − β^t)).
    private const double Relative = 1e-9;

    private static Gen<(SmoothingSettings Settings, double[] Losses)> SettingsAnd(Gen<double[]> losses) =>
        from settings in Smoothings
        from values in losses
        select (settings, values);

    [Claim]
    public Property DebiasedEma_OfConstantSeries_IsThatConstant() =>
        Prop.ForAll((from beta in Uniform(0, 0.999)
                     from constant in ModerateFinite
                     from length in Gen.Choose(1, 1000)
                     select (beta, constant, length)).ToArbitrary(), x =>
            Smoothing.Smooth(new SmoothingSettings(x.beta, Debiased: true), Enumerable.Repeat(x.constant, x.length).ToArray())
                .All(value => Math.Abs(value - x.constant) <= Relative * Math.Abs(x.constant)));

    [Claim]
    public Property PlainEma_OfConstantSeries_IsThatConstant() =>
        // (1−β)·c + β·c is not always c in floating point, but every step stays within an ulp
        // or so of c; exact only at the first step.
        Prop.ForAll((from beta in Uniform(0, 0.999)
                     from constant in ModerateFinite
                     from length in Gen.Choose(1, 1000)
                     select (beta, constant, length)).ToArbitrary(), x =>
            Smoothing.Smooth(new SmoothingSettings(x.beta, Debiased: false), Enumerable.Repeat(x.constant, x.length).ToArray())
                .All(value => Math.Abs(value - x.constant) <= Relative * Math.Abs(x.constant)));

    [Claim]
    public Property EverySmoothedValue_LiesWithinMinMaxOfRawLossesSoFar() =>
        // Both modes are convex combinations of the losses seen so far (the debiased weights
        // (1−β)β^(t−i)/(1−β^t) sum to 1), so each value lies within their range, up to rounding
        // measured against the largest magnitude seen.
        Prop.ForAll(SettingsAnd(ArrayOf(ModerateFinite, 1, 400)).ToArbitrary(), x =>
        {
            var smoothed = Smoothing.Smooth(x.Settings, x.Losses);
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            for (var i = 0; i < smoothed.Length; i++)
            {
                low = Math.Min(low, x.Losses[i]);
                high = Math.Max(high, x.Losses[i]);
                var slack = Relative * Math.Max(Math.Abs(low), Math.Abs(high));
                if (smoothed[i] < low - slack || smoothed[i] > high + slack) return false;
            }

            return true;
        });

    [Claim]
    public Property FirstSmoothedValue_IsTheFirstLoss() =>
        // Plain: a₁ = x₁ exactly. Debiased: ((1−β)·x₁)/(1−β), which is x₁ up to the rounding of
        // the product (an ulp; e.g. β = 0.9, x₁ = 3 gives 3.0000000000000004).
        Prop.ForAll(SettingsAnd(ArrayOf(ModerateFinite, 1, 20)).ToArbitrary(), x =>
        {
            var first = Smoothing.Smooth(x.Settings, x.Losses)[0];
            return x.Settings.Debiased
                ? Math.Abs(first - x.Losses[0]) <= 2 * Ulp(x.Losses[0])
                : first.Equals(x.Losses[0]);
        });

    private static double Ulp(double value) => Math.BitIncrement(Math.Abs(value)) - Math.Abs(value);

    [Claim]
    public Property Smooth_EqualsFoldingStep_BitForBit() =>
        Prop.ForAll(SettingsAnd(ArrayOf(AnyDouble, 0, 200)).ToArbitrary(), x =>
        {
            var state = SmoothingState.Empty;
            var folded = x.Losses.Select(loss => (state = Smoothing.Step(x.Settings, state, loss)).Value).ToArray();
            var smoothed = Smoothing.Smooth(x.Settings, x.Losses);
            return smoothed.Length == x.Losses.Length
                && smoothed.Zip(folded, (a, b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b)).All(same => same)
                && state.Count == x.Losses.Length;
        });

    [Claim]
    public Property NonFiniteLoss_MakesEveryLaterValueNonFinite() =>
        Prop.ForAll((from settings in Smoothings
                     from before in ArrayOf(ModerateFinite, 0, 50)
                     from bad in NonFinite
                     from after in ArrayOf(ModerateFinite, 0, 50)
                     select (settings, before, losses: before.Append(bad).Concat(after).ToArray())).ToArbitrary(), x =>
            Smoothing.Smooth(x.settings, x.losses).Skip(x.before.Length).All(value => !double.IsFinite(value)));

    [Claim]
    public Property Smoothing_IsLinear_InPowerOfTwoScaling() =>
        // Scaling every loss by 2^k scales every smoothed value by exactly 2^k (no overflow or
        // subnormals at these magnitudes): the rules' scale invariance rests on it.
        Prop.ForAll((from settings in Smoothings
                     from losses in ArrayOf(ModerateFinite, 0, 200)
                     from k in Gen.Choose(-8, 8)
                     select (settings, losses, k)).ToArbitrary(), x =>
        {
            var scale = Math.ScaleB(1, x.k);
            var scaled = Smoothing.Smooth(x.settings, x.losses.Select(v => v * scale).ToArray());
            return Smoothing.Smooth(x.settings, x.losses).Zip(scaled, (a, b) => (a * scale).Equals(b)).All(same => same);
        });
}
