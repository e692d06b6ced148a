using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using Xunit;
using static Sweep.Properties.Tests.FitGenerators;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>The report over a sweep's run results: its parts, per rule, deterministic for a seed.</summary>
public class ScalingReportProperties
{
    private const int Resamples = 200;

    /// <summary>Run results whose every rule suggests the constructed LR of its cell (min-loss sometimes none).</summary>
    private static Gen<RunResult[]> Results { get; } =
        from input in Gen.OneOf(NoisyPowerLaw, Scattered)
        from losses in Gen.ArrayOf(PositiveLoss, 6)
        select input.Pairs.Select((pair, i) => new RunResult(
            new SweepCell((int)pair.BatchSize, i),
            new Curve(losses.Select((loss, step) => new CurvePoint(1e-4 * (step + 1), loss, loss)).ToArray(), StopReason.Completed),
            RuleName.All.ToDictionary(rule => rule, rule => rule == Rule.MinLoss && i % 3 == 0 ? null : (double?)pair.LearningRate * (1 + (int)rule))))
            .ToArray();

    [Claim]
    public Property Of_IsDeterministicForASeed_AndIsItsPartsPerRule() =>
        Prop.ForAll((from results in Results from seed in BootstrapSeeds select (results, seed)).ToArbitrary(), x =>
        {
            var report = ScalingReport.Of(x.results, x.seed, Resamples);
            var again = ScalingReport.Of(x.results.Reverse(), x.seed, Resamples);
            var parts = RuleName.All.Select(rule => ScalingReport.Scale(rule, Aggregation.Pairs(x.results, rule).ToArray(), x.seed, Resamples));
            return report.Rules.SequenceEqual(again.Rules).Label("same seed, same report, whatever the order of results")
                .And(report.Rules.SequenceEqual(parts).Label("each rule's entry is its own fit"))
                .And(report.Rules.Select(entry => entry.Rule).SequenceEqual(RuleName.All).Label("every rule, in order"))
                .And(report.Noise.Select(entry => entry.BatchSize).SequenceEqual(x.results.Select(r => r.Cell.BatchSize).Distinct().Order()).Label("noise per batch size"))
                .And(report.Rules.All(entry => entry.Verdict == Verdict.Of(entry.PowerLaw, entry.McCandlish)).Label("verdicts from the estimates"));
        });

    [Claim]
    public Property Of_EachEntryHoldsTheEstimatesComputedFromScratch() =>
        // The report fits each resample once for both laws; PowerLaw.Estimate and McCandlish.Estimate
        // each draw and fit the resamples on their own.
        Prop.ForAll((from results in Results from seed in BootstrapSeeds select (results, seed)).ToArbitrary(), x =>
        {
            var report = ScalingReport.Of(x.results, x.seed, Resamples);
            return report.Rules.All(entry =>
            {
                var pairs = Aggregation.Pairs(x.results, entry.Rule).ToArray();
                return entry.PowerLaw == PowerLaw.Estimate(pairs, x.seed, Resamples) && entry.McCandlish == McCandlish.Estimate(pairs, x.seed, Resamples);
            }).Label("power law and McCandlish estimates as computed alone")
                .And(report.Rules.Any(entry => entry.McCandlish is not null).Label("some estimate to compare"));
        });

    [Fact]
    public void Of_NoResults_IsInsufficientForEveryRule()
    {
        var report = ScalingReport.Of([], seed: 1);
        Assert.All(report.Rules, entry => Assert.Equal(ScalingVerdict.Insufficient, entry.Verdict));
        Assert.Empty(report.Noise);
    }
}
