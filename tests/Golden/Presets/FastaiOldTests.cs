using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Presets;

/// <summary>
/// The fastai-0.7 preset on hand-built loss sequences whose stop and plotted points are derived by
/// hand below from fastai 0.7's source (sgdr.py LR_Finder.on_batch_end, model.py fit):
/// avg_k = 0.98·avg_(k−1) + 0.02·x_k (avg_0 = 0), s_k = avg_k / (1 − 0.98^k), k = 1, 2, …;
/// stop before recording batch k when s_k is NaN or s_k &gt; 4·best; best = 1e9, set to s_k when
/// s_k &lt; best and k ≥ 12; sched.plot() shows points [10 : −5]. With x_j = 1 for every j ≤ k,
/// avg_k = 1 − 0.98^k and s_k = 1 (to rounding), which the derivations use.
/// </summary>
public class FastaiOldTests
{
    private const int Steps = 30;

    private static Curve Run(Func<int, double> lossOfBatch, Preset? preset = null) =>
        RangeTest.Replay(
            (preset ?? Preset.Fastai07).Settings(1e-5, 10, Steps).IfLeft(problem => throw new InvalidOperationException(problem.Message)),
            Enumerable.Range(1, Steps).Select(lossOfBatch));

    // lr of batch k (1-based) = 1e-5 · (10 / 1e-5)^((k − 1)/30): i/nb positions, i = k − 1.
    private static double Rate(int index) => 1e-5 * Math.Pow(1e6, index / 30.0);

    private static void AssertPlotted(Curve curve, int first, int count)
    {
        var view = Preset.Fastai07.View(Steps, curve.LearningRates, curve.SmoothedLosses);
        Assert.Equal(count, view.Count);
        for (var i = 0; i < count; i++) Assert.Equal(Rate(first + i), view.LearningRates[i], 1e-12 * Rate(first + i));
    }

    [Fact]
    public void A_flat_loss_runs_the_whole_epoch_and_plots_points_10_to_24()
    {
        // s_k = 1 for every k: never above 4 · best. All 30 batches recorded; [10 : 30 − 5] = indices 10 … 24.
        var curve = Run(_ => 1.0);
        Assert.Equal(StopReason.Completed, curve.Stop);
        Assert.Equal(30, curve.Points.Count);
        AssertPlotted(curve, first: 10, count: 15);
        Assert.Equal(Rate(29), curve.Points[^1].LearningRate, 1e-12);   // one step short of 10: i/nb, not i/(nb − 1)
    }

    [Fact]
    public void A_jump_after_the_twelfth_batch_stops_before_recording_it()
    {
        // x_20 = 1000, else 1. best = s_12 = 1 from batch 12 on. avg_19 = 1 − 0.98^19 = 0.31877,
        // avg_20 = 0.98 · 0.31877 + 0.02 · 1000 = 20.3124, s_20 = 20.3124 / (1 − 0.98^20 = 0.33239) = 61.1 > 4.
        // Stop at batch 20, not recorded: 19 points (indices 0 … 18); plotted [10 : 19 − 5] = indices 10 … 13.
        var curve = Run(batch => batch == 20 ? 1000 : 1.0);
        Assert.Equal(StopReason.Diverged, curve.Stop);
        Assert.Equal(19, curve.Points.Count);
        Assert.All(curve.SmoothedLosses, value => Assert.Equal(1.0, value, 1e-12));
        AssertPlotted(curve, first: 10, count: 4);

        // fastai v2 keeps the diverging point: 20 points, the last at s_20 ≈ 61.1.
        var modern = Run(batch => batch == 20 ? 1000 : 1.0, Preset.Fastai);
        Assert.Equal(20, modern.Points.Count);
        Assert.Equal(61.11, modern.Points[^1].SmoothedLoss, 0.01);
    }

    [Fact]
    public void The_same_jump_before_the_twelfth_batch_is_measured_against_1e9_and_runs_on()
    {
        // x_8 = 1000: avg_7 = 1 − 0.98^7 = 0.13187, avg_8 = 0.12924 + 20 = 20.1292,
        // s_8 = 20.1292 / (1 − 0.98^8 = 0.14924) = 134.9, far below 4 · 1e9: recorded. s_k then decays
        // (s_12 = (avg_8 · 0.98^4 + 0.02 · Σ_{j<4} 0.98^j) / (1 − 0.98^12) = (18.566 + 0.07763) / 0.21528 = 86.6),
        // and best = s_12, s_13, … follows it down: no later s exceeds 4 × the best before it. Completed.
        var curve = Run(batch => batch == 8 ? 1000 : 1.0);
        Assert.Equal(StopReason.Completed, curve.Stop);
        Assert.Equal(30, curve.Points.Count);
        Assert.Equal(134.9, curve.Points[7].SmoothedLoss, 0.1);
        Assert.Equal(86.6, curve.Points[11].SmoothedLoss, 0.1);
        AssertPlotted(curve, first: 10, count: 15);
    }

    [Fact]
    public void Low_early_losses_do_not_set_the_best_where_fastai_v2_stops_at_once()
    {
        // x_1 … x_5 = 0.01, then 10. fastai v2: best = s_1 = 0.01; s_6 = (0.98 · 0.01 · (1 − 0.98^5) + 0.2)
        // / (1 − 0.98^6) = 0.20094 / 0.11416 = 1.760 > 0.04: stops at batch 6, recorded (6 points).
        // fastai 0.7: best stays 1e9 through batch 11; s_12 = (0.01 · 0.98^7 · 0.09608 + 10 · (1 − 0.98^7))
        // / (1 − 0.98^12) = 1.31958 / 0.21528 = 6.13 sets it; s_k rises towards 10 < 4 · 6.13: completed.
        static double Loss(int batch) => batch <= 5 ? 0.01 : 10;
        var modern = Run(Loss, Preset.Fastai);
        Assert.Equal((StopReason.Diverged, 6), (modern.Stop, modern.Points.Count));
        Assert.Equal(1.760, modern.Points[5].SmoothedLoss, 0.001);

        var old = Run(Loss);
        Assert.Equal((StopReason.Completed, 30), (old.Stop, old.Points.Count));
        Assert.Equal(6.13, old.Points[11].SmoothedLoss, 0.01);
    }

    [Fact]
    public void A_nan_loss_stops_without_being_recorded()
    {
        // x_3 = NaN makes s_3 NaN: stop before recording; 2 points, too few to plot ([10 : −5] of 2 is empty).
        var curve = Run(batch => batch == 3 ? double.NaN : 1.0);
        Assert.Equal((StopReason.NonFinite, 2), (curve.Stop, curve.Points.Count));
        Assert.Equal(0, Preset.Fastai07.View(Steps, curve.LearningRates, curve.SmoothedLosses).Count);
    }

    [Fact]
    public void The_preset_is_listed_parsed_and_reports_minimum_and_min_loss()
    {
        Assert.Contains(Preset.Fastai07, Preset.All);
        Assert.Equal(Preset.Fastai07, Preset.Parse("FastAI-0.7").IfNone(Preset.Fastai));
        Assert.Equal([Rule.Minimum, Rule.MinLoss], Preset.Fastai07.Rules);
        Assert.Equal(1e-5, Preset.Fastai07.UsualStart);
    }
}
