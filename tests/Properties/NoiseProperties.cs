using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using Xunit;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>Noise per batch size: loss around its smoothed curve, suggestions across seeds.</summary>
public class NoiseProperties
{
    [Claim]
    public Property LossSpread_OfRawLossesAlternatingAShareAroundALevelCurve_IsThatShare() =>
        // raw = s · (1 ± δ) around a level curve s, signs alternating: every step jumps by 2δs.
        Prop.ForAll((from level in PositiveLoss from length in Gen.Choose(2, 60) from share in Uniform(0, 0.9) select (level, length, share)).ToArbitrary(), x =>
        {
            var curve = new Curve(Enumerable.Range(0, x.length).Select(i => new CurvePoint(1e-3 * (i + 1), x.level * (1 + (i % 2 == 0 ? x.share : -x.share)), x.level)).ToArray(), StopReason.Completed);
            return Math.Abs(Noise.LossSpread(curve) - x.share) <= 1e-12 * Math.Max(1, x.share);
        });

    [Claim]
    public Property SuggestionSpread_IsInDecades_UnchangedByScaling_AndNaNBelowTwoAnswers() =>
        Prop.ForAll((from answers in ArrayOf(LogUniform(1e-6, 1), 0, 10) from k in LogUniform(1e-3, 1e3) select (answers, k)).ToArbitrary(), x =>
        {
            var spread = Noise.SuggestionSpread(x.answers.Select(a => (double?)a).Append((double?)null));
            var scaled = Noise.SuggestionSpread(x.answers.Select(a => (double?)(a * x.k)));
            return x.answers.Length < 2
                ? double.IsNaN(spread) && double.IsNaN(scaled)
                : spread >= 0 && Math.Abs(spread - scaled) <= 1e-9;
        });

    [Fact]
    public void SuggestionSpread_OfOneAndOneHundred_IsOneDecadeTimesRootTwo()
    {
        // log10: 0 and 2, mean 1, sample variance (1 + 1)/1 = 2.
        Assert.Equal(Math.Sqrt(2), Noise.SuggestionSpread([1.0, 100.0, null, -3.0]), 12);
    }
}
