using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sweep.Domain;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>The O(n log n) longest-decreasing-subsequence lengths against fastai's O(n²) double loop.</summary>
public class LongestDecreaseProperties
{
    /// <summary>Curves with many ties (few distinct values), NaN, ±∞, realistic shapes and raw noise.</summary>
    private static Gen<double[]> Curves { get; } = Gen.Frequency(
        (2, ArrayOf(Gen.Frequency((6, Gen.Choose(0, 4).Select(i => (double)i)), (1, NonFinite)), 0, 80)),
        (2, LossCurve(0, 150)),
        (1, ArrayOf(WildLoss, 0, 80)),
        (1, ArrayOf(AnyDouble, 0, 80)));

    [Claim]
    public Property Lengths_EqualFastaisDoubleLoop() =>
        Prop.ForAll(Curves.ToArbitrary(), values =>
            LongestDecrease.Lengths(values).SequenceEqual(FastaiReference.Lds(values)));

    [Claim]
    public Property Lengths_AreBetweenOneAndIndexPlusOne_AndOneAtEveryNaN() =>
        Prop.ForAll(Curves.ToArbitrary(), values =>
        {
            var lengths = LongestDecrease.Lengths(values);
            return lengths.Length == values.Length
                && Enumerable.Range(0, values.Length).All(i => lengths[i] >= 1 && lengths[i] <= i + 1 && (!double.IsNaN(values[i]) || lengths[i] == 1));
        });

    [Claim]
    public Property Lengths_OfAStrictlyDecreasingRun_CountUp() =>
        Prop.ForAll((from length in Gen.Choose(0, 200)
                     from steps in Gen.ArrayOf(LogUniform(1e-6, 10), length)
                     select steps.Select((_, i) => -steps.Take(i + 1).Sum()).ToArray()).ToArbitrary(), values =>
            LongestDecrease.Lengths(values).SequenceEqual(Enumerable.Range(1, values.Length)));
}
