using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using Xunit;
using static Sweep.Properties.Tests.FitGenerators;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>The same cells fitted under two step budgets: the shift is the difference of the exponents, and the sentence says whether it is measurable.</summary>
public class BudgetComparisonProperties
{
    private const ulong Seed = 11;
    private const int Resamples = 200;

    // Two exact power laws on the same batch sizes: exact data make each bootstrap interval a point.
    private static Gen<(FitInput Steps, FitInput Samples, double StepsExponent, double SamplesExponent)> ExactPair { get; } =
        from sizes in PowersOfTwo(2, 6)
        from stepsExponent in Uniform(-1, 1)
        from gap in Uniform(0.1, 1.5)
        from intercept in Uniform(-10, 0)
        let samplesExponent = stepsExponent + gap
        select (SweepOf(sizes, [0.0], size => intercept + stepsExponent * Math.Log(size)),
                SweepOf(sizes, [0.0], size => intercept + samplesExponent * Math.Log(size)),
                stepsExponent, samplesExponent);

    private static RuleScaling Fit(FitInput input) => ScalingReport.Scale(Rule.MinLoss, input.Pairs, Seed, Resamples);

    [Claim]
    public Property Shift_IsSamplesExponentMinusStepsExponent() =>
        Prop.ForAll(ExactPair.ToArbitrary(), pair =>
        {
            var comparison = new BudgetComparison(Rule.MinLoss, Fit(pair.Steps), Fit(pair.Samples));
            return Math.Abs(comparison.Shift!.Value - (pair.SamplesExponent - pair.StepsExponent)) < 1e-9;
        });

    [Claim]
    public Property DistinctExactExponents_AreMeasurable_AndTheSentenceGivesTheShift() =>
        Prop.ForAll(ExactPair.ToArbitrary(), pair =>
        {
            var comparison = new BudgetComparison(Rule.MinLoss, Fit(pair.Steps), Fit(pair.Samples));
            var shift = (pair.SamplesExponent - pair.StepsExponent).ToString("+0.00;-0.00;0.00", System.Globalization.CultureInfo.InvariantCulture);
            return comparison.Measurable && comparison.Sentence().Contains($"moves it by {shift}", StringComparison.Ordinal);
        });

    [Claim]
    public Property TheSameData_UnderBothBudgets_IsNotMeasurable() =>
        Prop.ForAll(NoisyPowerLaw.ToArbitrary(), input =>
        {
            var comparison = new BudgetComparison(Rule.MinLoss, Fit(input), Fit(input));
            return comparison.Shift == 0 && !comparison.Measurable && comparison.Sentence().Contains("intervals overlap", StringComparison.Ordinal);
        });

    [Fact]
    public void OneBatchSize_HasNoShift_AndSaysItCannotCompare()
    {
        var single = new FitInput([8, 8], [1e-3, 2e-3]);
        var both = new FitInput([8, 64], [1e-3, 1e-2]);
        var comparison = new BudgetComparison(Rule.MinLoss, Fit(both), Fit(single));
        Assert.Null(comparison.Shift);
        Assert.False(comparison.Measurable);
        Assert.Contains("cannot be compared", comparison.Sentence());
    }

    [Fact]
    public void Of_FindsTheRuleInBothReports()
    {
        var input = new FitInput([8, 64], [1e-3, 1e-2]);
        var report = new ScalingReport(Seed, Resamples, 0.95, [Fit(input)], []);
        Assert.NotNull(BudgetComparison.Of(Rule.MinLoss, report, report));
        Assert.Null(BudgetComparison.Of(Rule.Valley, report, report));
    }
}
