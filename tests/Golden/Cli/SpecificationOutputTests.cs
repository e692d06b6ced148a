using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;
using static Sweep.Golden.Tests.Cli.IdentityTests;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// Every file a command writes carries the experiment as structured JSON under "specification"
/// (numbers as JSON numbers, widths as arrays, kinds as strings, a schema version) with a one-line
/// "description" beside it; `sweep plot` reads it back and checks it like a command line.
/// </summary>
[Collection(TorchCollection.Name)]
public class SpecificationOutputTests
{
    private static readonly string[] Cells = ["--batch-sizes", "16,8", "--seeds", "1"];

    private static JsonNode Read(params string[] path) => JsonNode.Parse(File.ReadAllText(Path.Combine(path)))!;

    // What the tiny command line asks for, as the structured form must say it.
    private static void AssertTinySpecification(JsonNode? specification, double start)
    {
        Assert.NotNull(specification);
        Assert.Equal(1, specification["schema"]!.GetValue<int>());
        Assert.Equal(("built-in", "blobs"), (specification["data"]!["kind"]!.GetValue<string>(), specification["data"]!["name"]!.GetValue<string>()));
        Assert.Equal(JsonValueKind.Null, specification["images"]?.GetValueKind() ?? JsonValueKind.Null);
        Assert.Equal("mlp", specification["model"]!["kind"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Array, specification["model"]!["hidden"]!.GetValueKind());
        Assert.Equal([16], specification["model"]!["hidden"]!.AsArray().Select(width => width!.GetValue<int>()));
        var optimizer = specification["optimizer"]!;
        Assert.Equal(("sgd", 0.9, false, 0.0), (optimizer["kind"]!.GetValue<string>(), optimizer["momentum"]!.GetValue<double>(),
            optimizer["nesterov"]!.GetValue<bool>(), optimizer["weight_decay"]!.GetValue<double>()));
        var schedule = specification["schedule"]!;
        Assert.All(new[] { "start", "end", "steps" }, key => Assert.Equal(JsonValueKind.Number, schedule[key]!.GetValueKind()));
        Assert.Equal(("exponential", start, 10.0, 30), (schedule["kind"]!.GetValue<string>(), schedule["start"]!.GetValue<double>(),
            schedule["end"]!.GetValue<double>(), schedule["steps"]!.GetValue<int>()));
        Assert.Equal("fastai", specification["preset"]!.GetValue<string>());
        Assert.Equal((0.98, 4.0, 1, 1), (specification["smoothing"]!["beta"]!.GetValue<double>(), specification["divergence"]!.GetValue<double>(),
            specification["accumulation"]!.GetValue<int>(), specification["threads"]!.GetValue<int>()));
    }

    [Fact]
    public void Config_sweep_and_run_files_carry_the_same_structured_specification_and_a_description()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, Cells)]).ExitCode);

        var (config, sweep, run) = (Read(output, "config.json"), Read(output, "sweep.json"), Read(RunPath(output, "bs8-seed0")));

        AssertTinySpecification(config["specification"], 1e-3);
        Assert.All(new[] { sweep, run }, file => Assert.True(JsonNode.DeepEquals(config["specification"], file["specification"])));
        Assert.All(new[] { config, sweep, run }, file => Assert.Equal(
            "blobs, model mlp (hidden 16), optimizer sgd (momentum 0.9, weight decay 0), schedule exponential 0.001 -> 10 over 30 steps, " +
            "preset fastai (beta 0.98, debiased; stop at 4x the best loss), accumulation 1, threads 1", file["description"]!.GetValue<string>()));
        Assert.Null(sweep["configuration"]);
    }

    [Fact]
    public void Find_summary_carries_the_structured_specification_and_describes_1e_7_as_1e_7()
    {
        using var scratch = new Scratch();
        Assert.Equal(0, Run(["find", "--data", "blobs", "--hidden", "16", "--steps", "30", "--out", scratch.Path("find")]).ExitCode);

        var summary = Read(scratch.Path("find"), "summary.json");

        AssertTinySpecification(summary["specification"], 1e-7);
        Assert.Contains("schedule exponential 1e-7 -> 10 over 30 steps", summary["description"]!.GetValue<string>());
        Assert.Contains("\"start\":1e-7,", summary["specification"]!.ToJsonString());
    }

    [Fact]
    public void Plot_reads_the_specification_back_and_redraws_the_same_sweep_json()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, Cells)]).ExitCode);
        var before = File.ReadAllText(Path.Combine(output, "sweep.json"));
        File.Delete(Path.Combine(output, "report.html"));

        var plotted = Run("plot", output);

        Assert.Equal(0, plotted.ExitCode);
        Assert.Equal(before, File.ReadAllText(Path.Combine(output, "sweep.json")));
        Assert.Contains("mlp (hidden 16)", File.ReadAllText(Path.Combine(output, "report.html")));
    }

    [Fact]
    public void Plot_checks_the_specification_it_reads_like_a_command_line()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, Cells)]).ExitCode);
        var sweep = Read(output, "sweep.json");
        sweep["specification"]!["optimizer"]!["momentum"] = 2;
        sweep["specification"]!["model"]!["kind"] = "cnn";
        File.WriteAllText(Path.Combine(output, "sweep.json"), sweep.ToJsonString());

        var plotted = Run("plot", output);

        Assert.Equal(2, plotted.ExitCode);
        var line = Assert.Single(Lines(plotted.Error));
        Assert.Contains("is not a readable sweep.json (--hidden applies to --model mlp, not cnn; drop --hidden. --momentum must be in [0, 1), got 2", line);
    }
}
