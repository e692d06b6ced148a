using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Sweep.Domain;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// The reference curves of data/suggestions.json, exported as a European spreadsheet would (a BOM,
/// ; between quoted fields, decimal commas, CRLF, capitalised names), read by `sweep suggest
/// --smoothed --iterations num_it`: fastai's rules give the reference's post-processed answers and
/// steepest pytorch-lr-finder's, relative 1e-6 (null where the reference's curve has no spread,
/// as <see cref="Suggest.By"/> documents).
/// </summary>
public class SuggestReferenceCurveTests
{
    private static readonly Lazy<JsonArray> Cases = new(() => ReferenceData.Load("suggestions.json")["cases"]!.AsArray());

    private static readonly string[] FastaiRules = ["valley", "slide", "minimum", "steep"];

    // Long enough for every rule after fastai's [num_it/10 : n−5] trim: slide needs 16 kept points, steepest 17 in all.
    private static bool LongEnough(JsonNode item) =>
        ReferenceData.Numbers(item["lrs"]) is var lrs && lrs.Length - 5 - item["num_it"]!.GetValue<int>() / 10 >= 16 && lrs.Length >= 17;

    public static TheoryData<string> LongCases()
    {
        var names = new TheoryData<string>();
        foreach (var item in Cases.Value.Where(item => LongEnough(item!))) names.Add(item!["name"]!.GetValue<string>());
        return names;
    }

    private static string Export(Scratch scratch, JsonNode item)
    {
        static string Number(double value) => $"\"{value.ToString("R", CultureInfo.InvariantCulture).Replace('.', ',')}\"";
        var rows = ReferenceData.Numbers(item["lrs"]).Zip(ReferenceData.Numbers(item["losses"]), (lr, loss) => $"{Number(lr)};{Number(loss)}");
        var path = scratch.Path("exported.csv");
        File.WriteAllText(path, string.Join("\r\n", ["\"Learning_Rate\";\"Loss\"", .. rows]) + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal([0xEF, 0xBB, 0xBF], File.ReadAllBytes(path)[..3]);
        return path;
    }

    [Fact]
    public void Most_reference_curves_are_long_enough_for_every_rule() => Assert.Equal(86, LongCases().Count);

    [Theory]
    [MemberData(nameof(LongCases))]
    public void A_spreadsheet_export_gives_the_reference_answers(string name)
    {
        using var scratch = new Scratch();
        var item = Cases.Value.Single(entry => entry!["name"]!.GetValue<string>() == name)!;
        var iterations = item["num_it"]!.GetValue<int>();
        var outcome = Run("suggest", Export(scratch, item), "--smoothed", "--iterations", $"{iterations}", "--json");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        var answers = JsonNode.Parse(outcome.Out)!.AsObject();

        var lrs = ReferenceData.Numbers(item["lrs"]);
        var losses = ReferenceData.Numbers(item["losses"]);
        var trimmed = PostProcessing.Fastai(iterations, lrs, losses);
        foreach (var rule in FastaiRules)
        {
            var expected = Suggest.Informative(trimmed.LearningRates, trimmed.Losses) ? ReferenceData.Number(item["fastai"]![rule]) : null;
            Assert.True(ReferenceData.Close(ReferenceData.Number(answers[rule]), expected, 1e-6), $"{rule}: {answers[rule]} vs {expected}");
        }

        var steepest = Suggest.Informative(lrs, losses) ? ReferenceData.Number(item["plrf_steepest"]) : null;
        Assert.True(ReferenceData.Close(ReferenceData.Number(answers["steepest"]), steepest, 1e-6), $"steepest: {answers["steepest"]} vs {steepest}");
    }

    [Fact]
    public void A_short_reference_curve_is_refused_and_then_answered_by_the_rules_it_can_feed()
    {
        using var scratch = new Scratch();
        // synthetic_7: 20 points planned as 20; fastai keeps [2 : 15], 13 points, too few for slide's 16.
        var item = Cases.Value.Single(entry => entry!["name"]!.GetValue<string>() == "synthetic_7")!;
        var path = Export(scratch, item);
        var refused = Run("suggest", path, "--smoothed", "--iterations", "20", "--json");
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"sweep: {path} has 20 points; slide with the fastai preset and --iterations 20 needs at least 23 points: record a longer range test, or ask only for --rules valley,minimum,steep,steepest,min-loss.",
            Assert.Single(refused.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        var outcome = Run("suggest", path, "--smoothed", "--iterations", "20", "--json", "--rules", "valley,minimum,steep");
        Assert.Equal(0, outcome.ExitCode);
        var answers = JsonNode.Parse(outcome.Out)!.AsObject();
        foreach (var rule in new[] { "valley", "minimum", "steep" })
            Assert.True(ReferenceData.Close(ReferenceData.Number(answers[rule]), ReferenceData.Number(item["fastai"]![rule]), 1e-6), rule);
    }
}
