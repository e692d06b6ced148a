using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sweep.Domain;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>numpy.gradient and numpy/torch argmin, as the rules use them.</summary>
public class GradientProperties
{
    private static bool SameBits(double[] a, double[] b) =>
        a.Length == b.Length && a.Zip(b, (x, y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y)).All(same => same);

    [Claim]
    public Property Gradient_MatchesNumpyGradientsDefinition_BitForBit() =>
        Prop.ForAll(Gen.Frequency((2, ArrayOf(AnyDouble, 0, 60)), (1, LossCurve(0, 60))).ToArbitrary(), values =>
        {
            var expected = FastaiReference.NumpyGradient(values) ?? [];
            return SameBits(Gradient.Of(values), expected);
        });

    [Claim]
    public Property Gradient_HasOneValuePerInput_OrNoneBelowTwo() =>
        Prop.ForAll(ArrayOf(ModerateFinite, 0, 10).ToArbitrary(), values =>
            Gradient.Of(values).Length == (values.Length < 2 ? 0 : values.Length));

    [Claim]
    public Property Gradient_OfAnArithmeticProgression_IsItsStepEverywhere() =>
        // Small integers: every sum and halving is exact.
        Prop.ForAll((from first in Gen.Choose(-1000, 1000)
                     from step in Gen.Choose(-1000, 1000)
                     from length in Gen.Choose(2, 100)
                     select (first, step, length)).ToArbitrary(), x =>
            Gradient.Of(Enumerable.Range(0, x.length).Select(i => (double)(x.first + x.step * i)).ToArray())
                .All(g => g == x.step));

    [Claim]
    public Property ArgMin_IsTheFirstNaN_IfAny_ElseTheFirstMinimum() =>
        Prop.ForAll(Gen.Frequency(
                (2, ArrayOf(Gen.Frequency((5, Gen.Choose(0, 5).Select(i => (double)i)), (1, NonFinite)), 0, 30)),
                (1, ArrayOf(AnyDouble, 0, 30))).ToArbitrary(), values =>
        {
            var firstNaN = Array.FindIndex(values, double.IsNaN);
            var expected = values.Length == 0 ? -1
                : firstNaN >= 0 ? firstNaN
                : Array.IndexOf(values, values.Min());
            return Gradient.ArgMin(values) == expected && expected == (FastaiReference.Argmin(values) ?? -1);
        });
}
