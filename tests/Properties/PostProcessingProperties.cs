using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sweep.Domain;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>fastai's trim of the recorded curve, and the identity trim.</summary>
public class PostProcessingProperties
{
    private static bool SameBits(double[] a, double[] b) =>
        a.Length == b.Length && a.Zip(b, (x, y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y)).All(same => same);

    private static Gen<int> AnyIterations { get; } = Gen.Frequency(
        (4, Gen.Choose(0, 1200)),
        (1, Gen.Choose(-50, 50)),
        (1, Gen.Elements(int.MinValue, int.MaxValue, -1, 0, 9, 10, 11)));

    [Claim]
    public Property Fastai_NeverThrows_ForAnyIterationsAndLists() =>
        Prop.ForAll((from curve in AnyCurve from iterations in AnyIterations select (curve, iterations)).ToArbitrary(), x =>
        {
            var view = PostProcessing.Fastai(x.iterations, x.curve.Lrs, x.curve.Losses);
            return view.LearningRates.Length == view.Losses.Length && view.Count == view.Losses.Length;
        });

    [Claim]
    public Property Fastai_IsLrFindsSliceThenCutAtTheFirstNaN() =>
        Prop.ForAll((from losses in Gen.Frequency((3, LossCurve(0, 150)), (1, ArrayOf(WildLoss, 0, 40)))
                     from lrs in ScheduleLrs(losses.Length)
                     from iterations in Gen.Frequency((3, Gen.Constant(losses.Length)), (2, Gen.Choose(0, 1200)))
                     select (iterations, curve: new CurveInput(lrs, losses))).ToArbitrary(), x =>
        {
            var (lrs, losses) = FastaiReference.Trim(x.iterations, x.curve.Lrs, x.curve.Losses);
            var view = PostProcessing.Fastai(x.iterations, x.curve.Lrs, x.curve.Losses);
            return SameBits(view.LearningRates, lrs) && SameBits(view.Losses, losses);
        });

    [Claim]
    public Property Fastai_KeepsNoNaN_AndAtMostNMinusFiveMinusATenthOfIterations() =>
        Prop.ForAll((from curve in AnyCurve from iterations in Gen.Choose(0, 1000) select (curve, iterations)).ToArbitrary(), x =>
        {
            var n = Math.Min(x.curve.Lrs.Length, x.curve.Losses.Length);
            var view = PostProcessing.Fastai(x.iterations, x.curve.Lrs, x.curve.Losses);
            return !view.Losses.Any(double.IsNaN) && view.Count <= Math.Max(0, n - 5 - x.iterations / 10);
        });

    [Claim]
    public Property None_IsBothListsCutToTheShorter() =>
        Prop.ForAll(AnyCurve.ToArbitrary(), curve =>
        {
            var n = Math.Min(curve.Lrs.Length, curve.Losses.Length);
            var view = PostProcessing.None(curve.Lrs, curve.Losses);
            return SameBits(view.LearningRates, curve.Lrs[..n]) && SameBits(view.Losses, curve.Losses[..n]) && view.Count == n;
        });

    [Claim]
    public Property Fastai_ReturnsCopies_NotViewsOfTheInput() =>
        Prop.ForAll(RealisticCurve.ToArbitrary(), curve =>
        {
            var lrs = (double[])curve.Lrs.Clone();
            var losses = (double[])curve.Losses.Clone();
            var view = PostProcessing.Fastai(0, lrs, losses);
            Array.Fill(view.LearningRates, -1.0);
            Array.Fill(view.Losses, -1.0);
            return SameBits(lrs, curve.Lrs) && SameBits(losses, curve.Losses);
        });
}
