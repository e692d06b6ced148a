using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Sweep.Domain;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>The range test as a state machine, driven by replaying raw losses.</summary>
public class RangeTestProperties
{
    private static bool SameBits(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private static bool SameBits(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        a.Count == b.Count && Enumerable.Range(0, a.Count).All(i => SameBits(a[i], b[i]));

    /// <summary>Settings and n losses (n = the schedule's steps) that never diverge: positive, max/min below the factor.</summary>
    private static Gen<(RangeTestSettings Settings, double[] Losses)> Calm { get; } =
        from settings in Settings
        from extra in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 20)))
        from losses in WithinFactor(settings.DivergenceFactor, settings.Schedule.Steps + extra)
        select (settings, losses);

    /// <summary>Settings and losses of any kind: spikes, NaN, ±∞, shorter or longer than the schedule.</summary>
    private static Gen<(RangeTestSettings Settings, double[] Losses)> Anything { get; } =
        from settings in Settings
        from losses in Gen.Frequency(
            (2, LossCurve(0, 520)),
            (1, ArrayOf(WildLoss, 0, 100)),
            (1, from calm in WithinFactor(settings.DivergenceFactor, settings.Schedule.Steps)
                from at in Gen.Choose(0, settings.Schedule.Steps - 1)
                from spike in Gen.Frequency((3, LogUniform(1, 1e6).Select(m => m * settings.DivergenceFactor * calm.Max())), (1, NonFinite))
                select calm.Take(at).Append(spike).Concat(calm.Skip(at)).ToArray()))
        select (settings, losses);

    /// <summary>The reference: where a run over these losses stops, from Smoothing.Smooth and the definition of divergence.</summary>
    private static (int Count, StopReason Stop) Expected(RangeTestSettings settings, double[] losses)
    {
        var smoothed = Smoothing.Smooth(settings.Smoothing, losses);
        var best = double.PositiveInfinity;
        for (var i = 0; i < smoothed.Length && i < settings.Schedule.Steps; i++)
        {
            if (!double.IsFinite(smoothed[i])) return (i + 1, StopReason.NonFinite);
            best = Math.Min(best, smoothed[i]);
            if (smoothed[i] > settings.DivergenceFactor * best) return (i + 1, StopReason.Diverged);
        }

        return losses.Length >= settings.Schedule.Steps
            ? (settings.Schedule.Steps, StopReason.Completed)
            : (losses.Length, StopReason.Cancelled);
    }

    [Claim]
    public Property Replay_OfCalmLosses_CompletesWithExactlyStepsPoints() =>
        Prop.ForAll(Calm.ToArbitrary(), x =>
        {
            var curve = RangeTest.Replay(x.Settings, x.Losses);
            return curve.Stop == StopReason.Completed && curve.Points.Count == x.Settings.Schedule.Steps;
        });

    [Claim]
    public Property Replay_RecordsTheSchedulesLearningRates() =>
        Prop.ForAll(Anything.ToArbitrary(), x =>
        {
            var curve = RangeTest.Replay(x.Settings, x.Losses);
            var planned = x.Settings.Schedule.LearningRates();
            return SameBits(curve.LearningRates, planned.Take(curve.Points.Count).ToArray());
        });

    [Claim]
    public Property Replay_StopsAtTheFirstDivergingPoint_AndKeepsIt() =>
        Prop.ForAll(Anything.ToArbitrary(), x =>
        {
            var curve = RangeTest.Replay(x.Settings, x.Losses);
            var (count, stop) = Expected(x.Settings, x.Losses);
            return (curve.Points.Count == count).Label($"count {curve.Points.Count}, expected {count}")
                .And((curve.Stop == stop).Label($"stop {curve.Stop}, expected {stop}"))
                .And(SameBits(curve.Losses, x.Losses.Take(count).ToArray()).Label("raw losses kept, the last one included"));
        });

    [Claim]
    public Property Replay_OfASpike_StopsOnTheSpike_AndKeepsIt() =>
        // Constructed: a calm prefix of at least one loss, then one loss above factor × every earlier
        // loss, with β = 0 so the smoothed spike is the spike itself; later losses are never read.
        Prop.ForAll((from settings in Settings
                     from prefixLength in Gen.Choose(1, settings.Schedule.Steps - 1)
                     from calm in WithinFactor(settings.DivergenceFactor, prefixLength)
                     from multiple in LogUniform(1.01, 1e3)
                     from debiased in Gen.Elements(false, true)
                     from after in ArrayOf(WildLoss, 0, 10)
                     let unsmoothed = settings with { Smoothing = new SmoothingSettings(0, debiased) }
                     select (unsmoothed, calm, spike: settings.DivergenceFactor * calm.Min() * multiple, after)).ToArbitrary(), x =>
        {
            var curve = RangeTest.Replay(x.unsmoothed, x.calm.Append(x.spike).Concat(x.after));
            return curve.Stop == StopReason.Diverged
                && curve.Points.Count == x.calm.Length + 1
                && curve.Points[^1].Loss == x.spike
                && curve.Points[^1].SmoothedLoss == x.spike;
        });

    [Claim]
    public Property Record_AfterDone_IsANoOp() =>
        Prop.ForAll((from input in Anything
                     from more in ArrayOf(AnyDouble, 1, 5)
                     select (input.Settings, input.Losses, more)).ToArbitrary(), x =>
        {
            var state = RangeTest.Start();
            foreach (var loss in x.Losses.Concat(Enumerable.Repeat(1.0, x.Settings.Schedule.Steps)))
            {
                if (state.IsDone) break;
                state = RangeTest.Record(x.Settings, state, loss);
            }

            var done = state;
            var after = x.more.Aggregate(done, (s, loss) => RangeTest.Record(x.Settings, s, loss));
            return done.IsDone && ReferenceEquals(after, done) && ReferenceEquals(RangeTest.Cancel(done), done);
        });

    [Claim]
    public Property Curve_SmoothedLosses_EqualSmoothingSmoothOfItsRawLosses() =>
        Prop.ForAll(Anything.ToArbitrary(), x =>
        {
            var curve = RangeTest.Replay(x.Settings, x.Losses);
            return SameBits(curve.SmoothedLosses, Smoothing.Smooth(x.Settings.Smoothing, curve.Losses));
        });

    [Claim]
    public Property Record_UsesNextLearningRate_AndStepCountsPoints() =>
        Prop.ForAll(Anything.ToArbitrary(), x =>
        {
            var state = RangeTest.Start();
            foreach (var loss in x.Losses)
            {
                if (state.IsDone) break;
                var lr = RangeTest.NextLearningRate(x.Settings, state);
                var step = state.Step;
                state = RangeTest.Record(x.Settings, state, loss);
                if (state.Step != step + 1 || !SameBits(state.Points[^1].LearningRate, lr)
                    || !SameBits(lr, x.Settings.Schedule.LearningRate(step))) return false;
            }

            return RangeTest.ToCurve(state).Equals(RangeTest.Replay(x.Settings, x.Losses));
        });

    [Claim]
    public Property UnfinishedRun_ReadsAsCancelled_AndCancelStopsIt() =>
        Prop.ForAll(Calm.ToArbitrary(), x =>
        {
            var taken = x.Losses.Take(x.Settings.Schedule.Steps - 1).ToArray();
            var state = taken.Aggregate(RangeTest.Start(), (s, loss) => RangeTest.Record(x.Settings, s, loss));
            var cancelled = RangeTest.Cancel(state);
            return !state.IsDone
                && RangeTest.ToCurve(state).Stop == StopReason.Cancelled
                && cancelled.Stop == StopReason.Cancelled
                && cancelled.Points.Count == taken.Length
                && RangeTest.ToCurve(cancelled).Equals(RangeTest.Replay(x.Settings, taken));
        });
}
