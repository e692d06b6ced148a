using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using Xunit;
using static Sweep.Properties.Tests.FitGenerators;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>Recommended learning rates at target batch sizes, and the t quantile their intervals use.</summary>
public class RecommendationProperties
{
    private const int Resamples = 40;

    private static bool Close(double actual, double expected, double tolerance) =>
        Math.Abs(actual - expected) <= tolerance * Math.Abs(expected);

    /// <summary>A target between B/8 and 8·B_max of the input, as ln B uniform.</summary>
    private static Gen<double> Target(FitInput input) =>
        Uniform(Math.Log(input.BatchSizes.Min() / 8), Math.Log(input.BatchSizes.Max() * 8)).Select(Math.Exp);

    [Claim]
    public Property ExactPowerLaw_GivesBackTheLaw_WithAnIntervalCollapsedOnIt() =>
        Prop.ForAll((from exact in ExactPowerLaw from target in Target(exact.Input) select (exact, target)).ToArbitrary(), x =>
        {
            var recommended = Recommend.For(x.exact.Input.Pairs, [x.target], 5, Resamples)[0].PowerLaw!;
            var law = Math.Exp(x.exact.Intercept) * Math.Pow(x.target, x.exact.Exponent);
            var collapsed = x.exact.Input.BatchSizes.Length > 2
                ? Close(recommended.Low, law, 1e-9) && Close(recommended.High, law, 1e-9)
                : double.IsNaN(recommended.Low) && double.IsNaN(recommended.High);   // n − 2 = 0: no t, no interval
            return Close(recommended.LearningRate, law, 1e-9) && collapsed;
        });

    [Claim]
    public Property PowerLawInterval_WidensWithTheDistanceFromTheMeasuredBatchSizes() =>
        Prop.ForAll((from input in NoisyPowerLaw from near in Uniform(0, 3) from further in Uniform(0.01, 3) from side in Gen.Elements(-1, 1)
                     select (input, near, further, side)).ToArbitrary(), x =>
        {
            var fit = PowerLaw.Fit(x.input.Pairs)!;
            double Width(double distance)
            {
                var rate = Recommend.FromPowerLaw(fit, Math.Exp(fit.MeanLogBatch + x.side * distance));
                return Math.Log(rate.High) - Math.Log(rate.Low);
            }

            return Width(x.near + x.further) > Width(x.near) && Width(x.near) > 0;
        });

    [Claim]
    public Property Extrapolated_IffOutsideTheMeasuredBatchSizes() =>
        Prop.ForAll((from input in Scattered from target in Gen.Frequency((3, Target(input)), (1, Gen.Elements(input.BatchSizes))) select (input, target)).ToArbitrary(), x =>
            Recommend.For(x.input.Pairs, [x.target], 1, 1)[0].Extrapolated == (x.target < x.input.BatchSizes.Min() || x.target > x.input.BatchSizes.Max()));

    [Claim]
    public Property ExactMcCandlish_GivesTheFittedCurve_WithAnIntervalCollapsedOnIt() =>
        // Identical runs per batch size: every resample is the data, so every bootstrap fit is the fit.
        Prop.ForAll((from exact in ExactMcCandlish from target in Target(exact.Input) select (exact, target)).ToArbitrary(), x =>
        {
            var recommended = Recommend.For(x.exact.Input.Pairs, [x.target], 9, Resamples)[0].McCandlish!;
            var fitted = McCandlish.Fit(x.exact.Input.Pairs)!.At(x.target);
            return recommended.LearningRate == fitted && recommended.Low == fitted && recommended.High == fitted;
        });

    [Claim]
    public Property FromTheReportsDraws_EqualsTheRecommendationFromScratch() =>
        // The sweep reads the McCandlish intervals off the resample fits its scaling report made
        // (FitDraws: resamples regrouped by layout, one search grid); from scratch, Recommend.For
        // draws and groups every resample again. Same seed, same resamples, so the same bits.
        Prop.ForAll((from input in Gen.OneOf(NoisyPowerLaw, NoisyMcCandlish, Scattered) from seed in BootstrapSeeds from target in Target(input)
                     select (input, seed, target)).ToArbitrary(), x =>
        {
            var targets = Recommend.DefaultTargets(x.input.BatchSizes).Append(x.target).ToArray();
            var shared = Recommend.For(FitDraws.Of(x.input.Pairs, x.seed, Resamples), targets);
            var fromScratch = Recommend.For(x.input.Pairs, targets, x.seed, Resamples);
            return shared.SequenceEqual(fromScratch).Label("same recommendations")
                .And(shared.All(entry => entry.McCandlish is not null).Label("with McCandlish intervals to compare"));
        });

    [Claim]
    public Property DefaultTargets_AreTheMeasuredSizes_ThenTwiceAndFourTimesTheLargest() =>
        Prop.ForAll(Scattered.ToArbitrary(), input =>
        {
            var sizes = input.BatchSizes.Distinct().Order().ToArray();
            var targets = Recommend.DefaultTargets(input.BatchSizes.Reverse());
            var recommendations = Recommend.For(input.Pairs, targets, 3, 1);
            return targets.SequenceEqual([.. sizes, 2 * sizes[^1], 4 * sizes[^1]])
                && recommendations.Select(entry => entry.Extrapolated).SequenceEqual(targets.Select((_, i) => i >= sizes.Length));
        });

    [Claim]
    public Property StudentTQuantile_MatchesTheClosedFormsForOneAndTwoDegrees() =>
        // ν = 1 (Cauchy): tan(π(p − ½)); ν = 2: (2p − 1) / √(2p(1 − p)). Near p = ½ the CDF's last
        // bit (1e-16 of p) moves t by about 3e-16, hence the absolute allowance.
        Prop.ForAll(Gen.Frequency((3, Uniform(0.001, 0.999)), (1, Uniform(0.5 - 1e-6, 0.5 + 1e-6))).ToArbitrary(), p =>
            Math.Abs(StudentT.Quantile(p, 1) - Math.Tan(Math.PI * (p - 0.5))) <= 1e-9 * Math.Abs(Math.Tan(Math.PI * (p - 0.5))) + 1e-15
            && Math.Abs(StudentT.Quantile(p, 2) - (2 * p - 1) / Math.Sqrt(2 * p * (1 - p))) <= 1e-9 * Math.Abs((2 * p - 1) / Math.Sqrt(2 * p * (1 - p))) + 1e-15);

    [Fact]
    public void StudentTQuantile_NearOneHalf_KeepsTsDigits()
    {
        // Found with replay (7313743016856503316,16188512048643329291,28): 1 − x from a rounded
        // x = ν/(ν + t²) lost half of t's digits; the CDF now takes t²/(ν + t²) directly.
        const double p = 0.5000357989;
        Assert.True(Close(StudentT.Quantile(p, 1), Math.Tan(Math.PI * (p - 0.5)), 1e-9));
    }

    [Theory]
    [InlineData(0.975, 1, 12.706204736174707)]
    [InlineData(0.975, 2, 4.302652729749464)]
    [InlineData(0.975, 5, 2.570581835636314)]
    [InlineData(0.975, 10, 2.228138851986274)]
    [InlineData(0.975, 30, 2.042272456301238)]
    [InlineData(0.95, 3, 2.353363434801823)]
    public void StudentTQuantile_IsRs_qt(double p, double degrees, double expected) =>
        Assert.True(Close(StudentT.Quantile(p, degrees), expected, 1e-9), $"{StudentT.Quantile(p, degrees)}");
}
