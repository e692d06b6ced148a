using System.Text.Json.Nodes;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests;

/// <summary>
/// Every case of data/suggestions.json: fastai's four rules on the raw curve and after fastai's
/// post-processing, and pytorch-lr-finder's steepest rule, against the answers the reference
/// implementations gave (relative 1e-6; null where the reference gave none). The curves include
/// real runs of several optimisers and models, synthetic shapes, short curves and NaN/Infinity.
/// A mismatch writes data/received/CASE.received.json with our answers beside the expected ones.
/// <para>Six cases are flat (every loss 2.0). There the references still answer — lrs[0], lrs[0]/10,
/// lrs[n−16] — from their index arithmetic; <see cref="Suggest.Exactly"/> reproduces that, while the
/// user-facing <see cref="Suggest.By"/> answers none by design (a flat curve says nothing about
/// the LR). Both layers are checked on every case.</para>
/// </summary>
public class SuggestionsGoldenTests
{
    private const double Tolerance = 1e-6;

    private static readonly Rule[] FastaiRules = [Rule.Valley, Rule.Slide, Rule.Minimum, Rule.Steep];

    private static readonly Lazy<JsonArray> Cases = new(() => ReferenceData.Load("suggestions.json")["cases"]!.AsArray());

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var item in Cases.Value) names.Add(item!["name"]!.GetValue<string>());
        return names;
    }

    [Fact]
    public void The_reference_set_has_the_cases_its_readme_describes()
    {
        Assert.Equal(100, Cases.Value.Count);
        Assert.Contains(Cases.Value, item => ReferenceData.Numbers(item!["losses"]).Any(double.IsNaN));
        Assert.Contains(Cases.Value, item => item!["fastai"]!["slide"] is null);
    }

    [Fact]
    public void Exactly_six_cases_are_flat_and_get_no_user_facing_answer()
    {
        var flat = Cases.Value.Where(item => !Suggest.Informative(ReferenceData.Numbers(item!["lrs"]), ReferenceData.Numbers(item["losses"]))).ToList();
        Assert.Equal(6, flat.Count);
        foreach (var item in flat)
        {
            var learningRates = ReferenceData.Numbers(item!["lrs"]);
            var losses = ReferenceData.Numbers(item["losses"]);
            Assert.Single(losses.Distinct());
            Assert.All(RuleName.All, rule => Assert.Null(Suggest.By(rule, learningRates, losses)));
            Assert.Equal(learningRates[0], Suggest.Exactly(Rule.Valley, learningRates, losses));
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_rule_gives_the_reference_answer(string name)
    {
        var item = Cases.Value.Single(entry => entry!["name"]!.GetValue<string>() == name)!;
        var learningRates = ReferenceData.Numbers(item["lrs"]);
        var losses = ReferenceData.Numbers(item["losses"]);
        var iterations = item["num_it"]!.GetValue<int>();
        var trimmed = PostProcessing.Fastai(iterations, learningRates, losses);

        var comparisons = new List<(string What, double? Expected, double? Actual)>();
        foreach (var rule in FastaiRules)
        {
            var key = RuleName.Of(rule);
            AddBothLayers($"raw.{key}", ReferenceData.Number(item["raw"]![key]), rule, learningRates, losses);
            AddBothLayers($"fastai.{key}", ReferenceData.Number(item["fastai"]![key]), rule, trimmed.LearningRates, trimmed.Losses);
        }

        AddBothLayers("plrf_steepest", ReferenceData.Number(item["plrf_steepest"]), Rule.Steepest, learningRates, losses);

        void AddBothLayers(string what, double? expected, Rule rule, double[] lrs, double[] values)
        {
            comparisons.Add((what, expected, Suggest.Exactly(rule, lrs, values)));
            comparisons.Add(($"{what} (user-facing)", Suggest.Informative(lrs, values) ? expected : null, Suggest.By(rule, lrs, values)));
        }

        var wrong = comparisons.Where(c => !ReferenceData.Close(c.Actual, c.Expected, Tolerance)).ToList();
        if (wrong.Count == 0) return;
        var path = ReferenceData.WriteReceived(name, comparisons.Select(c => new { c.What, c.Expected, c.Actual }));
        Assert.Fail($"{name}: {string.Join("; ", wrong.Select(c => $"{c.What} expected {c.Expected?.ToString() ?? "none"}, got {c.Actual?.ToString() ?? "none"}"))} (all answers in {path})");
    }
}
