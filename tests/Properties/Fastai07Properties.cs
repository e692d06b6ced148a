using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>
/// The fastai-0.7 preset against a line-by-line transliteration of fastai 0.7's LR_Finder
/// (sgdr.py) fed by model.py's debiased average, and the claims that set it apart from fastai v2.
/// </summary>
public class Fastai07Properties
{
    private static RangeTestSettings Settings(int steps) =>
        Right(Preset.Fastai07.Settings(Preset.Fastai07.UsualStart, 10, steps));

    /// <summary>
    /// fastai 0.7, transliterated: avg = avg·0.98 + loss·(1 − 0.98); s = avg / (1 − 0.98^batch_num);
    /// on_batch_end(s): if isnan(s) or s &gt; best·4: stop; if s &lt; best and iteration &gt; 10: best = s;
    /// then record (iteration += 1). Returns the recorded smoothed losses and whether it stopped.
    /// </summary>
    private static (List<double> Recorded, bool Stopped) Reference(double[] losses, int steps)
    {
        double average = 0, best = 1e9;
        var recorded = new List<double>();
        for (var iteration = 0; iteration < Math.Min(steps, losses.Length); iteration++)
        {
            average = average * 0.98 + losses[iteration] * (1 - 0.98);
            var smoothed = average / (1 - Math.Pow(0.98, iteration + 1));
            if (double.IsNaN(smoothed) || smoothed > best * 4) return (recorded, true);
            if (smoothed < best && iteration > 10) best = smoothed;
            recorded.Add(smoothed);
        }

        return (recorded, false);
    }

    private static Gen<(double[] Losses, int Steps)> Runs { get; } =
        from steps in Gen.Choose(2, 120)
        from losses in Gen.Frequency((3, LossCurve(1, 130)), (1, ArrayOf(WildLoss, 1, 130)))
        select (losses, steps);

    [Claim]
    public Property Replay_IsFastai07sLrFinder_PointForPoint() =>
        Prop.ForAll(Runs.ToArbitrary(), x =>
        {
            var curve = RangeTest.Replay(Settings(x.Steps), x.Losses);
            var (recorded, stopped) = Reference(x.Losses, x.Steps);
            var expectedStop = stopped ? (StopReason?)null : recorded.Count == x.Steps ? StopReason.Completed : StopReason.Cancelled;
            return curve.SmoothedLosses.SequenceEqual(recorded)
                && (expectedStop is { } stop ? curve.Stop == stop : curve.Stop is StopReason.Diverged or StopReason.NonFinite)
                && curve.LearningRates.SequenceEqual(Settings(x.Steps).Schedule.LearningRates().Take(recorded.Count));
        });

    [Claim]
    public Property TheDivergingPoint_IsNeverRecorded() =>
        // Every recorded s is a number and at most 4 × the best before it; the loss that stopped the run is not in the curve.
        Prop.ForAll(Runs.ToArbitrary(), x =>
        {
            var curve = RangeTest.Replay(Settings(x.Steps), x.Losses);
            var smoothed = Smoothing.Smooth(SmoothingSettings.Fastai, x.Losses.Take(x.Steps).ToArray());
            var best = 1e9;
            for (var i = 0; i < curve.Points.Count; i++)
            {
                if (double.IsNaN(curve.Points[i].SmoothedLoss) || curve.Points[i].SmoothedLoss > 4 * best) return false;
                if (i > 10) best = Math.Min(best, curve.Points[i].SmoothedLoss);
            }

            var stoppedEarly = curve.Stop is StopReason.Diverged or StopReason.NonFinite;
            return !stoppedEarly || double.IsNaN(smoothed[curve.Points.Count]) || smoothed[curve.Points.Count] > 4 * best;
        });

    [Claim]
    public Property TheBest_IgnoresBatches1To11() =>
        // Unsmoothed (β = 0, so s = loss): batches 1–11 at any level below 1e9 never stop the run nor
        // set the best, so batch 12 may be a thousand times batch 1; batch 12 then sets it.
        Prop.ForAll((from early in ArrayOf(LogUniform(1e-6, 1e8), 11, 11) from twelfth in LogUniform(1e-3, 1e9 - 1)
                     from jump in Uniform(4.01, 100) select (early, twelfth, jump)).ToArbitrary(), x =>
        {
            var settings = Settings(40) with { Smoothing = new SmoothingSettings(0, Debiased: true) };
            var losses = x.early.Append(x.twelfth).Append(x.twelfth * x.jump).ToArray();
            var curve = RangeTest.Replay(settings, losses);
            return curve.Points.Count == 12 && curve.Stop == StopReason.Diverged && curve.Points[11].SmoothedLoss == x.twelfth;
        });

    [Claim]
    public Property View_IsPoints10ToMinus5() =>
        Prop.ForAll((from n in Gen.Choose(0, 80) from lrs in ScheduleLrs(n) from losses in ArrayOf(ModerateFinite, n, n) select (lrs, losses)).ToArbitrary(), x =>
        {
            var view = Preset.Fastai07.View(x.lrs.Length, x.lrs, x.losses);
            var kept = Enumerable.Range(0, x.lrs.Length).Where(i => i >= 10 && i < x.lrs.Length - 5).ToArray();
            return view.LearningRates.SequenceEqual(kept.Select(i => x.lrs[i])) && view.Losses.SequenceEqual(kept.Select(i => x.losses[i]));
        });
}
