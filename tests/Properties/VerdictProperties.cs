using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using Xunit;
using static Sweep.Properties.Tests.FitGenerators;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>Verdicts: from constructed α intervals, and end to end from constructed sweeps.</summary>
public class VerdictProperties
{
    private const int Resamples = 200;

    /// <summary>An α interval built inside the zone of one verdict (margins of 0.01 keep it off the borders).</summary>
    private static Gen<(ScalingVerdict Expected, double Low, double High)> Intervals { get; } = Gen.OneOf(
        from high in Uniform(-3, -0.01) from width in Uniform(0, 2) select (ScalingVerdict.Reversed, high - width, high),
        from low in Uniform(-2, 0) from high in Uniform(0, 3) select (ScalingVerdict.NoRelation, low, high),
        from low in Uniform(0.51, 1) from high in Uniform(1, 3) select (ScalingVerdict.Linear, low, high),
        from low in Uniform(0.01, 0.5) from high in Uniform(0.5, 0.99) select (ScalingVerdict.SquareRoot, low, high),
        from low in Uniform(0.01, 0.5) from high in Uniform(1, 3) select (ScalingVerdict.Inconclusive, low, high),
        from low in Uniform(0.01, 0.49) from width in Uniform(0, 1) select (ScalingVerdict.WeakerThanSquareRoot, low, low + (0.49 - low) * width),
        from low in Uniform(0.51, 0.99) from width in Uniform(0, 1) select (ScalingVerdict.BetweenSquareRootAndLinear, low, low + (0.99 - low) * width),
        from low in Uniform(1.01, 3) from width in Uniform(0, 2) select (ScalingVerdict.FasterThanLinear, low, low + width));

    private static PowerLawEstimate EstimateWith(double low, double high) =>
        new(new PowerLawFit((low + high) / 2, -5, 12, 0.1, 0.05), low, high, -6, -4, Resamples, 0.95);

    [Claim]
    public Property Of_AConstructedInterval_WithoutAKnee_IsTheVerdictOfItsZone() =>
        Prop.ForAll(Intervals.ToArbitrary(), x =>
            (Verdict.Of(EstimateWith(x.Low, x.High), null) == x.Expected).Label($"[{x.Low}, {x.High}] → {Verdict.Of(EstimateWith(x.Low, x.High), null)}"));

    [Claim]
    public Property Of_ExactPowerLawData_WithBalancedNoise_NamesTheRule() =>
        // Balanced noise of at most 0.05 in ln η moves α by at most 2·0.05/ln 2 ≈ 0.14 on any resample,
        // so the interval holds the true α and stays clear of the other rule and of 0.
        Prop.ForAll((from sizes in PowersOfTwo(2, 6) from noise in BalancedNoise(0.01, 0.05)
                     from rule in Gen.Elements((0.5, ScalingVerdict.SquareRoot), (1.0, ScalingVerdict.Linear), (-0.5, ScalingVerdict.Reversed))
                     from intercept in Uniform(-10, 0) from seed in BootstrapSeeds
                     select (input: SweepOf(sizes, noise, size => intercept + rule.Item1 * Math.Log(size)), expected: rule.Item2, seed)).ToArbitrary(), x =>
        {
            var scaling = ScalingReport.Scale(Rule.Valley, x.input.Pairs, x.seed, Resamples);
            return (scaling.Verdict == x.expected).Label($"{scaling.Verdict}: α ∈ [{scaling.PowerLaw?.ExponentLow}, {scaling.PowerLaw?.ExponentHigh}]");
        });

    [Claim]
    public Property Of_DataThatDoNotDependOnB_IsNoRelation() =>
        Prop.ForAll((from sizes in PowersOfTwo(2, 6) from noise in BalancedNoise(0.01, 0.5) from level in LogUniform(1e-6, 1) from seed in BootstrapSeeds
                     select (input: SweepOf(sizes, noise, _ => Math.Log(level)), seed)).ToArbitrary(), x =>
            ScalingReport.Scale(Rule.Valley, x.input.Pairs, x.seed, Resamples).Verdict == ScalingVerdict.NoRelation);

    [Claim]
    public Property Of_McCandlishDataBendingWithinTheBatchSizes_IsSaturating() =>
        // Batch sizes B_noise·2^k for k = −4, 0, 4 and any others in between: the curve goes from slope
        // ~1 to ~0, a bend (≈ 0.25 in ln η off the best line) far above noise of at most 0.02.
        Prop.ForAll((from noiseScale in LogUniform(16, 256) from maxRate in LogUniform(1e-4, 1)
                     from middle in Gen.Shuffle(new[] { -3, -2, -1, 1, 2, 3 }) from extra in Gen.Choose(0, 3)
                     from noise in BalancedNoise(0.001, 0.02) from seed in BootstrapSeeds
                     let sizes = middle.Take(extra).Concat([-4, 0, 4]).Order().Select(k => noiseScale * Math.Pow(2, k)).ToArray()
                     select (input: SweepOf(sizes, noise, size => Math.Log(maxRate) - Math.Log(1 + noiseScale / size)), seed)).ToArbitrary(), x =>
        {
            var scaling = ScalingReport.Scale(Rule.Valley, x.input.Pairs, x.seed, Resamples);
            return (scaling.Verdict == ScalingVerdict.Saturating).Label($"{scaling.Verdict}, preferred {scaling.McCandlish?.PreferredShare}");
        });

    [Fact]
    public void Of_NoFit_IsInsufficient_AndTwoBatchSizesNeverSaturate()
    {
        Assert.Equal(ScalingVerdict.Insufficient, Verdict.Of(null, null));
        var twoSizes = McCandlish.Estimate([(8, 0.02), (8, 0.021), (128, 0.08), (128, 0.079)], seed: 3, resamples: Resamples);
        Assert.False(Verdict.Saturates(twoSizes));
    }

    [Fact]
    public void EveryVerdict_HasADistinctName_AndAOneLineExplanation()
    {
        var verdicts = Enum.GetValues<ScalingVerdict>();
        Assert.Equal(verdicts.Length, verdicts.Select(Verdict.Name).Distinct().Count());
        Assert.All(verdicts, verdict =>
        {
            var line = Verdict.Explain(verdict);
            Assert.False(string.IsNullOrWhiteSpace(line));
            Assert.DoesNotContain('\n', line);
            Assert.NotEqual("unknown", Verdict.Name(verdict));
        });
    }
}
