using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using Xunit;
using static Sweep.Properties.Tests.FitGenerators;

namespace Sweep.Properties.Tests;

/// <summary>The McCandlish curve η = η_max / (1 + B_noise / B): recovery, invariance, limits, bootstrap.</summary>
public class McCandlishProperties
{
    private const int Resamples = 200;

    // Exact data: the objective is 0 at the truth and the golden-section search closes its bracket
    // to 1e-12 in ln B_noise; rounding in ln η (~1e-14) moves the minimum by about as much. So
    // 1e-6 relative is a margin of ~10⁶ over what the method achieves, and still 1000× tighter than
    // any use of B_noise needs.
    private const double Recovery = 1e-6;

    [Claim]
    public Property Fit_OfExactMcCandlishData_GivesBackMaxRateAndNoiseScale() =>
        Prop.ForAll(ExactMcCandlish.ToArbitrary(), x =>
        {
            var fit = McCandlish.Fit(x.Input.Pairs)!;
            return (fit.Regime == McCandlishRegime.Knee).Label($"regime {fit.Regime}")
                .And(Near(fit.MaxLearningRate, x.MaxRate, Recovery).Label($"η_max {fit.MaxLearningRate} vs {x.MaxRate}"))
                .And(Near(fit.NoiseScale, x.NoiseScale, Recovery).Label($"B_noise {fit.NoiseScale} vs {x.NoiseScale}"))
                .And((fit.ResidualStandardError < 1e-6 || double.IsNaN(fit.ResidualStandardError)).Label($"residual {fit.ResidualStandardError}"));
        });

    [Claim]
    public Property Fit_ScalingEveryRateByK_MultipliesMaxRateByK_AndLeavesNoiseScale() =>
        // Shifting every ln η by ln k shifts ȳ_j and m(x) alike: S(x) is unchanged up to rounding, so
        // the same grid point wins and the refinement lands close. How close is limited by the
        // rounding of S near a flat minimum, about √ε relative: replay (4359114356287427061,
        // 1587547016911144845) moved B_noise by 1.2e-6 on scattered data, hence 1e-5.
        Prop.ForAll((from input in Gen.OneOf(ExactMcCandlish.Select(x => x.Input), NoisyMcCandlish, Scattered, NoisyPowerLaw) from k in Scales select (input, k)).ToArbitrary(), x =>
        {
            var plain = McCandlish.Fit(x.input.Pairs)!;
            var scaled = McCandlish.Fit(x.input.Scaled(x.k).Pairs)!;
            return (plain.Regime == scaled.Regime).Label($"regime {plain.Regime} vs {scaled.Regime}")
                .And(Near(scaled.NoiseScale, plain.NoiseScale, 1e-5).Label($"B_noise {scaled.NoiseScale} vs {plain.NoiseScale}"))
                .And(Near(scaled.MaxLearningRate, plain.MaxLearningRate * x.k, 1e-5).Label($"η_max {scaled.MaxLearningRate} vs {plain.MaxLearningRate}·{x.k}"));
        });

    [Claim]
    public Property Fit_OfSlopeOneData_IsTheLinearRegime_WithTheLineAsCoefficient() =>
        Prop.ForAll((from sizes in PowersOfTwo(2, 6) from noise in BalancedNoise(0, 0.5) from coefficient in Generators.LogUniform(1e-7, 1e-1)
                     select (input: SweepOf(sizes, noise, size => Math.Log(coefficient * size)), coefficient)).ToArbitrary(), x =>
        {
            var fit = McCandlish.Fit(x.input.Pairs)!;
            return fit.Regime == McCandlishRegime.Linear && fit.MaxLearningRate == double.PositiveInfinity
                && Near(fit.LinearCoefficient, x.coefficient, 1e-9) && Near(fit.At(100), 100 * x.coefficient, 1e-9);
        });

    [Claim]
    public Property Fit_OfDataThatDoNotDependOnB_IsFlat_AtTheirGeometricMean() =>
        Prop.ForAll((from sizes in PowersOfTwo(2, 6) from noise in BalancedNoise(0, 0.5) from level in Generators.LogUniform(1e-6, 1)
                     select (input: SweepOf(sizes, noise, _ => Math.Log(level)), level)).ToArbitrary(), x =>
        {
            var fit = McCandlish.Fit(x.input.Pairs)!;
            return fit.Regime == McCandlishRegime.Flat && fit.NoiseScale == 0 && Near(fit.MaxLearningRate, x.level, 1e-9);
        });

    [Claim]
    public Property Estimate_IsDeterministicForASeed_WithOrderedIntervalsAndShares() =>
        Prop.ForAll((from input in Gen.OneOf(Scattered, NoisyPowerLaw, NoisyMcCandlish) from seed in BootstrapSeeds select (input, seed)).ToArbitrary(), x =>
        {
            var estimate = McCandlish.Estimate(x.input.Pairs, x.seed, Resamples)!;
            bool Share(double value) => value >= 0 && value <= 1;
            return (estimate == McCandlish.Estimate(x.input.Pairs, x.seed, Resamples)).Label("same seed, same estimate")
                .And((estimate.NoiseScaleLow <= estimate.NoiseScaleHigh && estimate.MaxLearningRateLow <= estimate.MaxLearningRateHigh).Label("ordered"))
                .And((Share(estimate.LinearShare) && Share(estimate.FlatShare) && Share(estimate.PreferredShare)
                      && estimate.LinearShare + estimate.FlatShare <= 1).Label("shares"));
        });

    [Claim]
    public Property Estimate_ScalingEveryRateByK_ScalesTheMaxRateInterval_AndLeavesTheNoiseScaleInterval() =>
        Prop.ForAll((from input in NoisyMcCandlish from k in Scales from seed in BootstrapSeeds select (input, k, seed)).ToArbitrary(), x =>
        {
            var plain = McCandlish.Estimate(x.input.Pairs, x.seed, 50)!;
            var scaled = McCandlish.Estimate(x.input.Scaled(x.k).Pairs, x.seed, 50)!;
            return Near(scaled.NoiseScaleLow, plain.NoiseScaleLow, 1e-6) && Near(scaled.NoiseScaleHigh, plain.NoiseScaleHigh, 1e-6)
                && Near(scaled.MaxLearningRateLow, plain.MaxLearningRateLow * x.k, 1e-6) && Near(scaled.MaxLearningRateHigh, plain.MaxLearningRateHigh * x.k, 1e-6);
        });

    [Fact]
    public void Fit_OfAHandMadeKneeAt32_FindsIt()
    {
        // η_max = 0.1, B_noise = 32: η(8) = 0.1/5 = 0.02, η(32) = 0.05, η(128) = 0.1/1.25 = 0.08.
        var fit = McCandlish.Fit([(8, 0.02), (32, 0.05), (128, 0.08)])!;
        Assert.Equal(McCandlishRegime.Knee, fit.Regime);
        Assert.Equal(0.1, fit.MaxLearningRate, 9);
        Assert.Equal(32, fit.NoiseScale, 6);
        Assert.Equal(0.1 / 32, fit.LinearCoefficient, 9);
        Assert.True(fit.KneeWithinBatchSizes);
        Assert.Equal((3, 3, 8.0, 128.0), (fit.Points, fit.BatchSizes, fit.SmallestBatchSize, fit.LargestBatchSize));
    }

    [Fact]
    public void Fit_OfLinearAndOfFlatData_ReportsTheLimit()
    {
        var linear = McCandlish.Fit([(8, 0.008), (16, 0.016), (64, 0.064)])!;
        Assert.Equal((McCandlishRegime.Linear, double.PositiveInfinity, double.PositiveInfinity), (linear.Regime, linear.NoiseScale, linear.MaxLearningRate));
        Assert.Equal(0.001, linear.LinearCoefficient, 12);
        var flat = McCandlish.Fit([(8, 0.01), (16, 0.01), (64, 0.01)])!;
        Assert.Equal((McCandlishRegime.Flat, 0.0, double.PositiveInfinity), (flat.Regime, flat.NoiseScale, flat.LinearCoefficient));
        Assert.Equal(0.01, flat.MaxLearningRate, 12);
        // Falling data have no knee to offer either: the flat limit is the closest the curve comes.
        Assert.Equal(McCandlishRegime.Flat, McCandlish.Fit([(8, 0.1), (16, 0.05), (64, 0.02)])!.Regime);
        Assert.Null(McCandlish.Fit([(8, 0.1), (8, 0.05), (double.NaN, 0.02), (16, -1)]));
    }
}
