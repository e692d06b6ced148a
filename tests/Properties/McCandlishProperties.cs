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

    // Exact data: the objective is 0 at the truth and the bisection on S' closes its bracket to
    // 1e-13 in ln B_noise; rounding in ln η (~1e-14) moves the root by about as much. So 1e-6
    // relative is a margin of ~10⁶ over what the method achieves, and still 1000× tighter than any
    // use of B_noise needs.
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
        // Shifting every ln η by ln k shifts ȳ_j and the flat level alike: the residuals r_j, and so
        // D(x) and S'(x), are unchanged up to rounding, the same grid point wins and the root of S'
        // lands within a few ulps of ln B_noise. Over 300,000 cases (210,000 knees) the worst move was
        // 1.4e-12 relative, hence 1e-9. The search by comparing values of S that came before moved
        // B_noise by 1.2e-5 on replay (3308824710961791481,7033125940663917725,80): see the Fact below.
        Prop.ForAll((from input in Gen.OneOf(ExactMcCandlish.Select(x => x.Input), NoisyMcCandlish, Scattered, NoisyPowerLaw) from k in Scales select (input, k)).ToArbitrary(), x =>
        {
            var plain = McCandlish.Fit(x.input.Pairs)!;
            var scaled = McCandlish.Fit(x.input.Scaled(x.k).Pairs)!;
            return (plain.Regime == scaled.Regime).Label($"regime {plain.Regime} vs {scaled.Regime}")
                .And(Near(scaled.NoiseScale, plain.NoiseScale, 1e-9).Label($"B_noise {scaled.NoiseScale} vs {plain.NoiseScale}"))
                .And(Near(scaled.MaxLearningRate, plain.MaxLearningRate * x.k, 1e-9).Label($"η_max {scaled.MaxLearningRate} vs {plain.MaxLearningRate}·{x.k}"));
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
    public void Fit_OfAKneeFarBelowTheBatchSizes_MovesNoMoreThanRoundingWhenEveryRateIsScaled()
    {
        // Replay (3308824710961791481,7033125940663917725,80) of the claim above: scattered rates whose
        // best B_noise, 0.0098, lies far below the smallest batch size 2. There g_j(x) ≤ 0.005, and the
        // search on S(x) itself, ~300 of which does not depend on x, moved B_noise by 1.2e-5 when every
        // rate was multiplied by 9.6. The root of S' built from the flat fit's residuals moves by ulps.
        double[] sizes = [2, 4, 8, 32, 1024, 4096];
        double[] rates =
        [
            0.0001147852100755802, 0.0002834971675468074, 2.0826708503888494E-06, 0.009749187392523211, 0.00011204584240269754, 6.764260949919974,
            1.5386905305614766E-05, 0.2344029756546266, 0.019757323161035317, 0.04454211947578942, 4.548589052158111E-06, 4.5647298339242354E-05,
            0.00153172105610498, 0.004112905865409201, 8.845529007621126E-06, 0.01658539263196773, 0.18389850074222402, 0.09803565252714577,
            5.6581018755028295E-06, 2.188275989882653E-05, 0.4623567399557399, 6.632808351640315E-06, 0.014420390282533977, 0.013025662137491545,
            0.00012625993826842084, 0.12474764061380396, 8.45304598083072E-06, 1.9396516641262597E-05, 0.06889871081847536, 0.005259013596078142,
            0.0003245580947970044, 3.038163361861148E-05, 1.15022726655513, 0.1396669616857908, 1.2183388470998578E-06, 0.0001409900907738168,
        ];
        const double k = 9.595801872;
        var pairs = rates.Select((rate, i) => (sizes[i / 6], rate)).ToArray();
        var plain = McCandlish.Fit(pairs)!;
        var scaled = McCandlish.Fit(pairs.Select(pair => (pair.Item1, pair.rate * k)))!;
        Assert.Equal(McCandlishRegime.Knee, plain.Regime);
        Assert.InRange(plain.NoiseScale, 0.005, 0.02);
        Assert.True(Near(scaled.NoiseScale, plain.NoiseScale, 1e-8), $"B_noise {scaled.NoiseScale} vs {plain.NoiseScale}");
        Assert.True(Near(scaled.MaxLearningRate, plain.MaxLearningRate * k, 1e-12), $"η_max {scaled.MaxLearningRate} vs {plain.MaxLearningRate}·{k}");
    }

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
