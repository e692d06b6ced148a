using System.Text.Json.Nodes;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests;

/// <summary>
/// Every case of data/digits-runs/runs.json, recorded by pytorch-lr-finder and by a replica of
/// fastai's lr_find on the same model, data and batch order. Without any training, the Domain must
/// agree with what each reference did with its own losses:
/// our schedule gives its learning rates, our smoothing of its raw losses gives its smoothed
/// losses (relative 1e-5: the fastai replica keeps its average in float32), replaying its raw
/// losses stops at the same point exactly, and our rules on its smoothed curve give its suggestions.
/// </summary>
public class DigitsRunsReplayTests
{
    private static readonly Lazy<JsonArray> Cases = new(() => ReferenceData.Load("digits-runs/runs.json")["cases"]!.AsArray());

    public static TheoryData<string, string> CasesAndPresets()
    {
        var data = new TheoryData<string, string>();
        foreach (var item in Cases.Value)
        {
            data.Add(item!["name"]!.GetValue<string>(), "plrf");
            data.Add(item["name"]!.GetValue<string>(), "fastai");
        }

        return data;
    }

    private static (JsonNode Case, JsonNode Run, Preset Preset) Load(string name, string presetKey)
    {
        var item = Cases.Value.Single(entry => entry!["name"]!.GetValue<string>() == name)!;
        var preset = presetKey == "plrf" ? Preset.PytorchLrFinder : Preset.Fastai;
        return (item, item[presetKey]!, preset);
    }

    private static RangeTestSettings Settings(JsonNode item, Preset preset) =>
        preset.Settings(item["start_lr"]!.GetValue<double>(), item["end_lr"]!.GetValue<double>(), item["iterations"]!.GetValue<int>())
            .IfLeft(problem => throw new InvalidDataException(problem.Message));

    [Fact]
    public void The_reference_set_has_twelve_runs_with_both_presets() => Assert.Equal(12, Cases.Value.Count);

    [Theory]
    [MemberData(nameof(CasesAndPresets))]
    public void Our_schedule_gives_the_reference_learning_rates(string name, string presetKey)
    {
        var (item, run, preset) = Load(name, presetKey);
        var expected = ReferenceData.Numbers(run["lrs"]);
        var schedule = Settings(item, preset).Schedule;
        for (var step = 0; step < expected.Length; step++)
            Assert.True(ReferenceData.Close(schedule.LearningRate(step), expected[step], 1e-12),
                $"step {step}: expected {expected[step]}, got {schedule.LearningRate(step)}");
    }

    [Theory]
    [MemberData(nameof(CasesAndPresets))]
    public void Smoothing_its_raw_losses_gives_its_smoothed_losses(string name, string presetKey)
    {
        var (_, run, preset) = Load(name, presetKey);
        var smoothed = Smoothing.Smooth(preset.Smoothing, ReferenceData.Numbers(run["raw_losses"]));
        var expected = ReferenceData.Numbers(run["smoothed_losses"]);
        Assert.Equal(expected.Length, smoothed.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(ReferenceData.Close(smoothed[i], expected[i], 1e-5), $"point {i}: expected {expected[i]}, got {smoothed[i]}");
    }

    [Theory]
    [MemberData(nameof(CasesAndPresets))]
    public void Replaying_its_raw_losses_stops_where_it_stopped(string name, string presetKey)
    {
        var (item, run, preset) = Load(name, presetKey);
        var curve = RangeTest.Replay(Settings(item, preset), ReferenceData.Numbers(run["raw_losses"]));
        var stoppedAt = run["stopped_at"]!.GetValue<int>();
        Assert.Equal(stoppedAt, curve.Points.Count);
        var iterations = item["iterations"]!.GetValue<int>();
        // A run that diverges on its very last step is both complete and diverged; we report Diverged.
        if (stoppedAt < iterations) Assert.Equal(StopReason.Diverged, curve.Stop);
        else Assert.Contains(curve.Stop, new[] { StopReason.Completed, StopReason.Diverged });
    }

    [Theory]
    [MemberData(nameof(CasesAndPresets))]
    public void Our_rules_on_its_smoothed_curve_give_its_suggestions(string name, string presetKey)
    {
        var (item, run, preset) = Load(name, presetKey);
        var learningRates = ReferenceData.Numbers(run["lrs"]);
        var smoothed = ReferenceData.Numbers(run["smoothed_losses"]);
        if (presetKey == "plrf")
        {
            Assert.True(ReferenceData.Close(Suggest.By(Rule.Steepest, learningRates, smoothed),
                ReferenceData.Number(run["steepest_skip10_5"]), 1e-6));
            return;
        }

        var view = preset.View(item["iterations"]!.GetValue<int>(), learningRates, smoothed);
        foreach (var (key, expected) in run["suggestions"]!.AsObject())
        {
            var rule = RuleName.TryParse(key) ?? throw new InvalidDataException($"unknown rule {key}");
            var actual = Suggest.By(rule, view.LearningRates, view.Losses);
            Assert.True(ReferenceData.Close(actual, ReferenceData.Number(expected), 1e-6), $"{key}: expected {expected}, got {actual}");
        }
    }
}
