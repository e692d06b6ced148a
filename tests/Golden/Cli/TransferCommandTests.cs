using System.Text.Json.Nodes;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// The transfer path from the command line, end to end on the committed cats/dogs folder
/// (tests/Golden/data/pets) at a small image size: the bundled ImageNet ResNet-18, a frozen body,
/// a new head trained on features cached in the output folder and reused by the next invocation.
/// </summary>
[Collection(TorchCollection.Name)]
public class TransferCommandTests
{
    private static string Pets => Path.Combine(ReferenceData.SourceFolder, "pets");

    [Fact]
    public void A_folder_of_cats_and_dogs_runs_with_the_pretrained_resnet_and_reuses_its_feature_cache()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("pets");
        string[] arguments = ["run", "--data", Pets, "--model", "resnet18-imagenet", "--image-size", "32", "--batch-sizes", "4,2", "--seeds", "1", "--steps", "12", "--out", output];

        var first = Run(arguments);

        Assert.True(first.ExitCode == 0, first.Error);
        var cache = Directory.GetFiles(Path.Combine(output, "feature-cache"));
        Assert.Single(cache);
        var specification = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "sweep.json")))!["specification"]!;
        Assert.Equal(("resnet18-imagenet", false), (specification["model"]!["kind"]!.GetValue<string>(), specification["model"]!["unfreeze"]!.GetValue<bool>()));
        Assert.Equal((32, "rgb"), (specification["images"]!["side"]!.GetValue<int>(), specification["images"]!["channels"]!.GetValue<string>()));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(output, "runs")).Length);

        var written = File.GetLastWriteTimeUtc(cache[0]);
        var second = Run([.. arguments[..^2], "--seeds", "2", "--out", output]);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(output, "runs")).Length);
        Assert.Equal(written, File.GetLastWriteTimeUtc(cache[0]));
    }
}
