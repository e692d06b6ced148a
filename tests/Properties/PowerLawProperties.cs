using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using Xunit;
using static Sweep.Properties.Tests.FitGenerators;

namespace Sweep.Properties.Tests;

/// <summary>The power law ln η = c + α ln B and its seeded bootstrap.</summary>
public class PowerLawProperties
{
    // Resamples in the properties: enough to exercise the intervals, few enough for 200 cases.
    private const int Resamples = 300;

    private static Gen<FitInput> AnySweep { get; } = Gen.OneOf(Scattered, NoisyPowerLaw);

    [Claim]
    public Property Fit_OfExactPowerLawData_GivesBackExponentAndIntercept() =>
        // ln η is at most ~30 in size, so its rounding is ~1e-14; α and c come back to far better than 1e-9.
        Prop.ForAll(ExactPowerLaw.ToArbitrary(), x =>
        {
            var fit = PowerLaw.Fit(x.Input.Pairs)!;
            return (Math.Abs(fit.Exponent - x.Exponent) < 1e-9 && Math.Abs(fit.Intercept - x.Intercept) < 1e-9)
                .Label($"α {fit.Exponent} vs {x.Exponent}, c {fit.Intercept} vs {x.Intercept}");
        });

    [Claim]
    public Property Estimate_ScalingEveryRateByK_MovesInterceptByLnK_AndLeavesTheExponent() =>
        Prop.ForAll((from input in AnySweep from k in Scales from seed in BootstrapSeeds select (input, k, seed)).ToArbitrary(), x =>
        {
            var plain = PowerLaw.Estimate(x.input.Pairs, x.seed, Resamples)!;
            var scaled = PowerLaw.Estimate(x.input.Scaled(x.k).Pairs, x.seed, Resamples)!;
            var shift = Math.Log(x.k);
            const double Tolerance = 1e-9;
            return (Math.Abs(scaled.Fit.Exponent - plain.Fit.Exponent) < Tolerance
                    && Math.Abs(scaled.ExponentLow - plain.ExponentLow) < Tolerance
                    && Math.Abs(scaled.ExponentHigh - plain.ExponentHigh) < Tolerance).Label("α and its interval stay")
                .And((Math.Abs(scaled.Fit.Intercept - plain.Fit.Intercept - shift) < Tolerance
                      && Math.Abs(scaled.InterceptLow - plain.InterceptLow - shift) < Tolerance
                      && Math.Abs(scaled.InterceptHigh - plain.InterceptHigh - shift) < Tolerance).Label("c and its interval move by ln k"));
        });

    [Claim]
    public Property Estimate_IsDeterministicForASeed_AndIndependentOfTheOrderOfPoints() =>
        Prop.ForAll((from input in AnySweep from order in Gen.Shuffle(Enumerable.Range(0, 36).ToArray()) from seed in BootstrapSeeds
                     select (input, order, seed)).ToArbitrary(), x =>
        {
            var pairs = x.input.Pairs;
            var shuffled = x.order.Where(i => i < pairs.Count).Select(i => pairs[i]).ToArray();
            var first = PowerLaw.Estimate(pairs, x.seed, Resamples);
            return first == PowerLaw.Estimate(pairs, x.seed, Resamples) && first == PowerLaw.Estimate(shuffled, x.seed, Resamples);
        });

    [Claim]
    public Property Estimate_WithAnotherSeed_GivesAnotherInterval() =>
        // Noisy data, ≥ 3 batch sizes of ≥ 4 distinct runs: ≥ 35³ distinct resamples, so two streams
        // give the same quantiles of α only by an exact coincidence.
        Prop.ForAll((from input in NoisyPowerLaw from seed in BootstrapSeeds from offset in Gen.Choose(1, int.MaxValue) select (input, seed, offset)).ToArbitrary(), x =>
        {
            var one = PowerLaw.Estimate(x.input.Pairs, x.seed, Resamples)!;
            var other = PowerLaw.Estimate(x.input.Pairs, unchecked(x.seed + (ulong)x.offset), Resamples)!;
            return one.Fit == other.Fit && (one.ExponentLow, one.ExponentHigh) != (other.ExponentLow, other.ExponentHigh);
        });

    [Claim]
    public Property Estimate_IntervalsAreOrdered_AndReportTheirSettings() =>
        Prop.ForAll((from input in AnySweep from seed in BootstrapSeeds from resamples in Gen.Choose(-3, 400) from level in Generators.UnitInterval
                     select (input, seed, resamples, level)).ToArbitrary(), x =>
        {
            var estimate = PowerLaw.Estimate(x.input.Pairs, x.seed, x.resamples, x.level)!;
            return estimate.ExponentLow <= estimate.ExponentHigh && estimate.InterceptLow <= estimate.InterceptHigh
                && estimate.Resamples == Math.Max(1, x.resamples) && estimate.Level == x.level;
        });

    [Claim]
    public Property Estimate_OfOneBatchSize_IsNull() =>
        Prop.ForAll((from size in Gen.Choose(1, 4096) from rates in Generators.ArrayOf(Generators.LogUniform(1e-6, 1), 0, 10) from seed in BootstrapSeeds
                     select (size, rates, seed)).ToArbitrary(), x =>
            PowerLaw.Estimate(x.rates.Select(rate => ((double)x.size, rate)), x.seed) is null);

    [Fact]
    public void Estimate_WithOneRunPerBatchSize_IsTheFitItself()
    {
        // Nothing to redraw: every resample is the data, so the interval closes on the fit (α = 1/2, c = ln 0.01).
        var estimate = PowerLaw.Estimate([(16, 0.04), (64, 0.08), (256, 0.16)], seed: 7)!;
        Assert.Equal(0.5, estimate.Fit.Exponent, 12);
        Assert.Equal(Math.Log(0.01), estimate.Fit.Intercept, 12);
        Assert.Equal((estimate.Fit.Exponent, estimate.Fit.Exponent), (estimate.ExponentLow, estimate.ExponentHigh));
        Assert.Equal(Bootstrap.DefaultResamples, estimate.Resamples);
    }
}
