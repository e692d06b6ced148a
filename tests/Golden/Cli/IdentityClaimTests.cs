using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Sweep.Domain;
using Sweep.Training.Models;
using TorchSharp.PyBridge;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;
using static Sweep.Golden.Tests.Cli.IdentityTests;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// Who owns a sweep folder: of two shards started at once with different configurations exactly one
/// gets it (config.json is created exclusively) and the other is refused without writing; a weights
/// file counts by its content, so new weights at the same path are another configuration.
/// </summary>
[Collection(TorchCollection.Name)]
public class IdentityClaimTests
{
    [Fact]
    public async Task Two_shards_started_at_once_with_different_configurations_leave_the_folder_to_exactly_one()
    {
        using var scratch = new Scratch();
        var shared = scratch.Path("shared");
        string[] steps = ["100", "80"];
        var processes = Enumerable.Range(0, 2).Select(index => Process.Start(new ProcessStartInfo("dotnet",
            ["exec", Path.Combine(AppContext.BaseDirectory, "sweep.dll"), "run", "--data", "blobs", "--hidden", "16", "--steps", steps[index], "--start", "1e-3",
                "--batch-sizes", "32,8", "--seeds", "2", "--shard", $"{index}/2", "--out", shared])
            { RedirectStandardOutput = true, RedirectStandardError = true })!).ToArray();
        var errorReads = processes.Select(process => process.StandardError.ReadToEndAsync()).ToArray();
        var outputReads = processes.Select(process => process.StandardOutput.ReadToEndAsync()).ToArray();
        var (errors, outputs) = (await Task.WhenAll(errorReads), await Task.WhenAll(outputReads));
        foreach (var process in processes) await process.WaitForExitAsync();
        var exits = processes.Select(process => process.ExitCode).ToArray();
        foreach (var process in processes) process.Dispose();

        Assert.Equal([0, 2], exits.Order());
        var (winner, loser) = exits[0] == 0 ? (0, 1) : (1, 0);
        var refusal = Assert.Single(Lines(errors[loser]));
        Assert.StartsWith($"sweep: '{shared}' holds a sweep with a different configuration (schedule differs)", refusal);
        Assert.Equal("", outputs[loser]);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(shared, "config.json")))!;
        Assert.Equal(int.Parse(steps[winner]), config["specification"]!["schedule"]!["steps"]!.GetValue<int>());
        var plan = SweepPlan.Create([32, 8], [0, 1]).IfLeft(problem => throw new InvalidOperationException(problem.Message));
        var shard = Shard.Parse($"{winner}/2").IfLeft(problem => throw new InvalidOperationException(problem.Message));
        var files = Directory.GetFiles(Path.Combine(shared, "runs"));
        Assert.Equal(plan.CellsOf(shard).Select(cell => cell.Key + ".json").Order(), files.Select(Path.GetFileName).Order());
        Assert.All(files, file => Assert.Equal(config["fingerprint"]!.GetValue<string>(), JsonNode.Parse(File.ReadAllText(file))!["fingerprint"]!.GetValue<string>()));
        Assert.All(files, file => Assert.Equal(int.Parse(steps[winner]), JsonNode.Parse(File.ReadAllText(file))!["learning_rates"]!.AsArray().Count));
    }

    [Fact]
    public void New_weights_at_the_same_path_are_another_configuration_and_reuse_no_run()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        var weights = scratch.Path("resnet18.safetensors");
        SaveWeights(weights, seed: 5);
        var firstWeights = File.ReadAllBytes(weights);
        string[] arguments = ["run", "--data", Path.Combine(ReferenceData.SourceFolder, "pets"), "--model", "resnet18", "--weights", weights,
            "--image-size", "32", "--batch-sizes", "2", "--seeds", "1", "--steps", "8", "--out", output];
        Assert.Equal(0, Run(arguments).ExitCode);
        var configText = File.ReadAllText(Path.Combine(output, "config.json"));
        var run = File.ReadAllBytes(RunPath(output, "bs2-seed0"));

        SaveWeights(weights, seed: 6);
        var again = Run(arguments);

        Assert.NotEqual(firstWeights, File.ReadAllBytes(weights));
        Assert.Equal(2, again.ExitCode);
        var refusal = Assert.Single(Lines(again.Error));
        Assert.StartsWith($"sweep: '{output}' holds a sweep with a different configuration (weights differ)", refusal);
        Assert.Equal(configText, File.ReadAllText(Path.Combine(output, "config.json")));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(firstWeights)), JsonNode.Parse(configText)!["specification"]!["weights"]!["sha256"]!.GetValue<string>());
        Assert.Equal(run, File.ReadAllBytes(RunPath(output, "bs2-seed0")));
        Assert.Single(Directory.GetFiles(Path.Combine(output, "runs")));
    }

    private static void SaveWeights(string path, int seed)
    {
        using var network = SeededConstruction.Build(seed, () => new ResNet(ResNet.ResNet18Blocks, 3, 1000, ResNetStem.ImageNet));
        network.save_safetensors(path);
    }
}
