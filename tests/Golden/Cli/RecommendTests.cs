using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// `sweep recommend` and the recommendations in sweep.json, checked against the fit sweep.json
/// reports: the power law η = e^c · B^α evaluated here from its own exponent and intercept (an
/// independent path to the same number), the interval around it, and the extrapolated flag.
/// </summary>
public class RecommendTests
{
    private static (Scratch Scratch, string Folder) Sweep()
    {
        var scratch = new Scratch();
        var folder = scratch.Path("sweep");
        var outcome = Run(["run", .. Tiny(folder), "--seeds", "3", "--batch-sizes", "32,16,8"]);
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        return (scratch, folder);
    }

    private static JsonNode Summary(string folder) => JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "sweep.json")))!;

    private static double PowerLawAt(JsonNode summary, string rule, double batchSize)
    {
        var fit = summary["fits"]![rule]!["power_law"]!;
        return Math.Exp(fit["intercept"]!.GetValue<double>() + fit["exponent"]!.GetValue<double>() * Math.Log(batchSize));
    }

    [Fact]
    public void Recommend_prints_the_power_law_at_the_batch_size_in_one_line()
    {
        var (scratch, folder) = Sweep();
        using var _ = scratch;
        var outcome = Run("recommend", folder, "--batch-size", "128");
        Assert.Equal(0, outcome.ExitCode);
        var line = Assert.Single(outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("batch size 128: learning rate ", line);
        Assert.Contains("from the power law of min-loss", line);
        Assert.Contains("extrapolated beyond the measured batch sizes 8 to 32", line);
        var printed = double.Parse(line.Split(' ')[5], CultureInfo.InvariantCulture);
        Assert.Equal(PowerLawAt(Summary(folder), "min-loss", 128), printed, tolerance: 1e-3 * printed);
    }

    [Fact]
    public void A_measured_batch_size_is_not_extrapolated_and_another_rule_can_be_asked()
    {
        var (scratch, folder) = Sweep();
        using var _ = scratch;
        var outcome = Run("recommend", folder, "--batch-size", "16", "--rule", "minimum");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("from the power law of minimum", outcome.Out);
        Assert.DoesNotContain("extrapolated", outcome.Out);
    }

    [Fact]
    public void Sweep_json_recommends_at_every_measured_batch_size_and_at_twice_and_four_times_the_largest()
    {
        var (scratch, folder) = Sweep();
        using var _ = scratch;
        var summary = Summary(folder);
        var recommendations = summary["recommendations"]!;
        Assert.Equal("min-loss", recommendations["rule"]!.GetValue<string>());
        var targets = recommendations["targets"]!.AsArray();
        Assert.Equal([8.0, 16, 32, 64, 128], targets.Select(target => target!["batch_size"]!.GetValue<double>()));
        Assert.Equal([false, false, false, true, true], targets.Select(target => target!["extrapolated"]!.GetValue<bool>()));
        foreach (var target in targets)
        {
            var size = target!["batch_size"]!.GetValue<double>();
            var power = target["power_law"]!;
            var rate = power["learning_rate"]!.GetValue<double>();
            Assert.Equal(PowerLawAt(summary, "min-loss", size), rate, tolerance: 1e-12 * rate);
            var interval = power["interval"]!.AsArray().Select(end => end!.GetValue<double>()).ToArray();
            Assert.True(interval[0] < rate && rate < interval[1], $"interval [{interval[0]}, {interval[1]}] around {rate} at B = {size}");
        }

        // A prediction interval widens away from the measured sizes: 4x the largest is wider (in log space) than the middle one.
        double Width(int index) => Math.Log(targets[index]!["power_law"]!["interval"]![1]!.GetValue<double>() / targets[index]!["power_law"]!["interval"]![0]!.GetValue<double>());
        Assert.True(Width(4) > Width(1), $"{Width(4)} vs {Width(1)}");
        Assert.Contains("Recommended learning rates", File.ReadAllText(Path.Combine(folder, "report.html")));
    }

    [Fact]
    public void Targets_choose_where_sweep_json_recommends_and_a_redraw_keeps_them()
    {
        using var scratch = new Scratch();
        var folder = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(folder), "--seeds", "2", "--batch-sizes", "16,8", "--targets", "512,12"]).ExitCode);
        double[] Targets() => Summary(folder)["recommendations"]!["targets"]!.AsArray().Select(target => target!["batch_size"]!.GetValue<double>()).ToArray();
        Assert.Equal([12.0, 512], Targets());
        Assert.Equal(0, Run("plot", folder).ExitCode);
        Assert.Equal([12.0, 512], Targets());

        var refused = Run(["run", .. Tiny(scratch.Path("other")), "--targets", "0,64"]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--targets must be positive batch sizes", refused.Error);
        Assert.False(Directory.Exists(scratch.Path("other")));
    }

    [Fact]
    public void Recommend_without_a_sweep_folder_says_what_to_give()
    {
        using var scratch = new Scratch();
        var outcome = Run("recommend", scratch.Path("nothing-here"), "--batch-size", "256");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no such folder", outcome.Error);
        Assert.Equal(2, Run("recommend", scratch.Root, "--batch-size", "0").ExitCode);
    }
}
