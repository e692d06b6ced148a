using System.Text.Json.Nodes;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// Step budgets end to end on blobs (2,048 samples): under one epoch or K samples every batch size
/// B records ⌈N / B⌉ or ⌈K / B⌉ planned steps in its run files, curves.csv and sweep.json;
/// --compare-budgets writes both sweeps and their comparison, resumes without running again, and
/// its sweep.json satisfies the schema; contradictory budget options are refused in one line.
/// </summary>
[Collection(TorchCollection.Name)]
public class BudgetCommandTests
{
    // Tiny without --steps: the budget decides the steps.
    private static string[] Blobs(string output, params string[] more) =>
        ["--data", "blobs", "--hidden", "16", "--start", "1e-3", "--out", output, .. more];

    private static JsonNode Json(params string[] path) => JsonNode.Parse(File.ReadAllText(Path.Combine(path)))!;

    // batch size -> planned steps, as sweep.json's budget lists them.
    private static Dictionary<int, int?> SweepSteps(JsonNode budget) =>
        budget["steps"]!.AsArray().ToDictionary(entry => entry!["batch_size"]!.GetValue<int>(), entry => entry!["steps"]?.GetValue<int>());

    private static void AssertStepsRecorded(string output, IReadOnlyDictionary<int, int> expected)
    {
        foreach (var (batchSize, steps) in expected)
        {
            var run = Json(output, "runs", $"bs{batchSize}-seed0.json");
            Assert.Equal(steps, run["steps"]!.GetValue<int>());
            Assert.True(run["learning_rates"]!.AsArray().Count <= steps);
        }

        var rows = File.ReadAllLines(Path.Combine(output, "curves.csv"));
        Assert.Equal("batch_size,seed,step,lr,loss,smoothed_loss,planned_steps", rows[0]);
        var planned = rows.Skip(1).Select(row => row.Split(',')).GroupBy(cells => int.Parse(cells[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(group => group.Key, group => group.Select(cells => int.Parse(cells[^1], System.Globalization.CultureInfo.InvariantCulture)).Distinct().Single());
        Assert.Equal(expected.OrderBy(pair => pair.Key), planned.OrderBy(pair => pair.Key));
        Assert.Equal(expected.ToDictionary(pair => pair.Key, pair => (int?)pair.Value).OrderBy(pair => pair.Key),
            SweepSteps(Json(output, "sweep.json")["budget"]!).OrderBy(pair => pair.Key));
    }

    [Fact]
    public void Steps_epoch_gives_each_batch_size_one_pass_over_the_training_set()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("epoch");
        Assert.Equal(0, Run(["run", .. Blobs(output, "--steps", "epoch", "--batch-sizes", "512,256", "--seeds", "1")]).ExitCode);

        // 2048 / 512 = 4 and 2048 / 256 = 8 steps.
        AssertStepsRecorded(output, new Dictionary<int, int> { [512] = 4, [256] = 8 });
        var summary = Json(output, "sweep.json");
        Assert.Equal("epoch", summary["budget"]!["kind"]!.GetValue<string>());
        Assert.Equal("epoch", summary["specification"]!["budget"]!["kind"]!.GetValue<string>());
        Assert.Null(summary["specification"]!["schedule"]!["steps"]);
    }

    [Fact]
    public void Budget_samples_with_a_count_gives_the_ceiling_of_samples_over_batch_size()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("samples");
        Assert.Equal(0, Run(["run", .. Blobs(output, "--budget", "samples", "--samples", "1000", "--batch-sizes", "256,128", "--seeds", "1")]).ExitCode);

        // ⌈1000 / 256⌉ = 4, ⌈1000 / 128⌉ = 8.
        AssertStepsRecorded(output, new Dictionary<int, int> { [256] = 4, [128] = 8 });
        Assert.Equal(1000, Json(output, "sweep.json")["budget"]!["samples"]!.GetValue<long>());
    }

    [Fact]
    public void Find_with_steps_epoch_plans_one_epoch()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("find");
        Assert.Equal(0, Run(["find", .. Blobs(output, "--steps", "epoch", "--batch-size", "128")]).ExitCode);

        Assert.Equal(16, Json(output, "summary.json")["planned_steps"]!.GetValue<int>());
    }

    [Fact]
    public void Compare_budgets_writes_both_sweeps_and_the_comparison_and_resumes_without_running_again()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("compare");
        string[] command = ["run", .. Blobs(output, "--steps", "30", "--batch-sizes", "64,32,16", "--seeds", "2", "--compare-budgets")];
        var first = Run(command);
        Assert.Equal(0, first.ExitCode);

        var samplesFolder = Path.Combine(output, "equal-samples");
        Assert.True(File.Exists(Path.Combine(samplesFolder, "config.json")));
        Assert.Equal(6, Directory.GetFiles(Path.Combine(output, "runs")).Length);
        Assert.Equal(6, Directory.GetFiles(Path.Combine(samplesFolder, "runs")).Length);
        var comparison = Json(output, "sweep.json")["budget_comparison"]!;
        Assert.Equal(new Dictionary<int, int?> { [64] = 30, [32] = 30, [16] = 30 }, SweepSteps(comparison["equal_steps"]!["budget"]!));
        Assert.Equal(new Dictionary<int, int?> { [64] = 32, [32] = 64, [16] = 128 }, SweepSteps(comparison["equal_samples"]!["budget"]!));
        Assert.Equal("equal-samples", comparison["equal_samples"]!["folder"]!.GetValue<string>());
        // Each side's exponent is the one its own sweep.json fitted.
        foreach (var (side, folder) in new[] { ("equal_steps", output), ("equal_samples", samplesFolder) })
            Assert.Equal(Json(folder, "sweep.json")["fits"]!["min-loss"]!["power_law"]!["exponent"]!.GetValue<double>(), comparison[side]!["exponent"]!.GetValue<double>());
        var shift = comparison["equal_samples"]!["exponent"]!.GetValue<double>() - comparison["equal_steps"]!["exponent"]!.GetValue<double>();
        Assert.Equal(shift, comparison["shift"]!.GetValue<double>(), 12);
        var sentence = comparison["sentence"]!.GetValue<string>();
        Assert.Contains(sentence, first.Out);
        Assert.Contains("<h2>Step budget</h2>", File.ReadAllText(Path.Combine(output, "report.html")));
        var valid = SweepSchemaTests.Evaluate(Json(output, "sweep.json"));
        Assert.True(valid.IsValid, SweepSchemaTests.Errors(valid));

        var written = Directory.GetFiles(output, "*.json", SearchOption.AllDirectories).Where(path => path.Contains("runs")).ToDictionary(path => path, File.GetLastWriteTimeUtc);
        var second = Run(command);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(12, second.Error.Split('\n').Count(line => line.Contains("already done, kept")));
        Assert.All(written, pair => Assert.Equal(pair.Value, File.GetLastWriteTimeUtc(pair.Key)));
        Assert.Equal(comparison.ToJsonString(), Json(output, "sweep.json")["budget_comparison"]!.ToJsonString());
    }

    [Fact]
    public void A_budget_read_back_from_the_specification_is_the_one_written_and_a_fixed_budget_writes_none()
    {
        var blobs = new Sweep.Domain.ExperimentRequest { Data = "blobs", Start = 1e-4 };
        Sweep.Domain.ExperimentSpec Spec(Sweep.Domain.ExperimentRequest request) =>
            Sweep.Domain.Specification.Validate(request, new Sweep.Domain.ExperimentFacts(8)).Match(spec => spec, _ => throw new InvalidOperationException("invalid"));
        var (fixedSteps, epoch, samples) = (Spec(blobs with { Steps = 40 }), Spec(blobs with { EpochSteps = true }), Spec(blobs with { Budget = "samples", Samples = 5000 }));

        foreach (var spec in new[] { fixedSteps, epoch, samples })
            // As a file holds it: text, read back.
            Assert.Equal(spec.Budget, Sweep.Cli.Files.SpecificationJson.Read(JsonNode.Parse(Sweep.Cli.Files.SpecificationJson.Of(spec).ToJsonString())).Budget);
        Assert.DoesNotContain("budget", Sweep.Cli.Files.SpecificationJson.Canonical(Sweep.Cli.Files.SpecificationJson.Of(fixedSteps)));
        Assert.Equal(3, new[] { fixedSteps, epoch, samples }.Select(spec => Sweep.Cli.Files.Fingerprint.Of(Sweep.Cli.Files.SpecificationJson.Of(spec))).Distinct().Count());
    }

    public static TheoryData<string[], string> Contradictions() => new()
    {
        { ["--samples", "1000"], "--samples applies to --budget samples, not --budget steps; add --budget samples, or drop --samples." },
        { ["--steps", "epoch", "--budget", "steps"], "--steps epoch is the samples budget" },
        { ["--steps", "epoch", "--samples", "1000"], "--samples cannot go with --steps epoch" },
        { ["--budget", "samples", "--steps", "40"], "--steps counts steps under --budget steps" },
        { ["--budget", "seconds"], "--budget: unknown budget 'seconds'; known budgets: steps, samples." },
        { ["--steps", "ten"], "option --steps must be a whole number or epoch, got 'ten'." },
        { ["--budget", "samples", "--samples", "0"], "--samples must be at least 1, got 0." },
        { ["--compare-budgets", "--budget", "samples"], "--compare-budgets runs both budgets itself" },
        { ["--steps", "epoch", "--batch-sizes", "2048"], "the step budget at batch size 2048 gives 1 steps" },
    };

    [Theory]
    [MemberData(nameof(Contradictions))]
    public void Contradictory_budget_options_are_refused_in_one_line_before_anything_is_written(string[] mistake, string expected)
    {
        using var scratch = new Scratch();
        var output = scratch.Path("refused");
        var outcome = Run(["run", .. Blobs(output, mistake)]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(expected, outcome.Error);
        Assert.False(Directory.Exists(output));
    }
}
