using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Sweep.Cli;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Faults;

/// <summary>
/// Input files passed over are reported everywhere: one console line (by kind), the list with reasons
/// in find's summary.json and in sweep.json (valid against docs/sweep.schema.json), and a section of
/// report.html; a rerun that loads nothing and `plot` keep the list; a pretrained model reports them
/// too; a built-in set says that nothing was skipped out of no files.
/// </summary>
[Collection(TorchCollection.Name)]
public class SkippedInputsTests
{
    // Two classes of four pictures, with a text file, a truncated PNG, a bomb and a stray file beside the classes.
    private static string Pets(Cli.Scratch scratch)
    {
        foreach (var label in new[] { "cats", "dogs" })
            for (var i = 0; i < 4; i++) Pictures.WriteSmall(scratch.Path("pets", label, $"{i}.png"), (byte)(30 + 50 * i));
        File.WriteAllText(scratch.Path("pets", "cats", "notes.txt"), "not a picture");
        File.WriteAllBytes(scratch.Path("pets", "dogs", "cut.png"), File.ReadAllBytes(scratch.Path("pets", "dogs", "0.png"))[..40]);
        File.WriteAllBytes(scratch.Path("pets", "dogs", "bomb.png"), Pictures.Bomb(20_000, 20_000));
        File.WriteAllText(scratch.Path("pets", "README"), "stray");
        return scratch.Path("pets");
    }

    private static void AssertListed(JsonNode? skipped, string folder)
    {
        Assert.NotNull(skipped);
        Assert.Equal(12, skipped!["examined"]!.GetValue<int>());
        Assert.Equal(4, skipped["skipped"]!.GetValue<int>());
        Assert.Equal("""{"damaged":1,"not-an-image":1,"outside-classes":1,"too-large":1}""", skipped["by_kind"]!.ToJsonString());
        var files = skipped["files"]!.AsArray().ToDictionary(file => Path.GetRelativePath(folder, file!["path"]!.GetValue<string>()), file => file!["kind"]!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string>
        {
            ["README"] = "outside-classes", [Path.Combine("cats", "notes.txt")] = "not-an-image",
            [Path.Combine("dogs", "bomb.png")] = "too-large", [Path.Combine("dogs", "cut.png")] = "damaged",
        }, files);
    }

    [Fact]
    public void Find_prints_one_line_by_kind_and_lists_every_file_in_summary_json()
    {
        using var scratch = new Cli.Scratch();
        var pets = Pets(scratch);

        var outcome = Run("find", "--data", pets, "--image-size", "8", "--hidden", "8", "--steps", "20", "--batch-size", "4", "--out", scratch.Path("out"), "--quiet");

        Assert.Equal(0, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"sweep: skipped 4 of 12 files in {pets}: 1 damaged, 1 not an image, 1 outside the class folders, 1 too large (e.g. README: not inside a class folder)", line, StringComparison.Ordinal);
        AssertListed(JsonNode.Parse(File.ReadAllText(scratch.Path("out", "summary.json")))!["skipped_inputs"], pets);
    }

    [Fact]
    public void Run_lists_them_in_sweep_json_and_the_report_and_a_rerun_and_plot_keep_them()
    {
        using var scratch = new Cli.Scratch();
        var pets = Pets(scratch);
        var output = scratch.Path("out");
        string[] sweep = ["run", "--data", pets, "--image-size", "8", "--hidden", "8", "--steps", "20", "--batch-sizes", "4,2", "--seeds", "1", "--out", output, "--quiet"];

        Assert.Equal(0, Run(sweep).ExitCode);
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "sweep.json")))!;
        AssertListed(document["skipped_inputs"], pets);
        // Without its $id: the schema registers under it once per process, and SweepSchemaTests already did.
        var schemaText = JsonNode.Parse(File.ReadAllText(Path.Combine(ReferenceData.RepositoryRoot, "docs", "sweep.schema.json")))!.AsObject();
        schemaText.Remove("$id");
        var schema = JsonSchema.FromText(schemaText.ToJsonString());
        Assert.True(schema.Evaluate(JsonDocument.Parse(document.ToJsonString()).RootElement).IsValid);
        document["skipped_inputs"]!["by_kind"]!["gremlins"] = 1;
        Assert.False(schema.Evaluate(JsonDocument.Parse(document.ToJsonString()).RootElement).IsValid);
        var report = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("<h2>Skipped input files</h2>", report);
        Assert.Contains("bomb.png", report);

        // Every run is done: the data is not loaded again, and what was skipped is carried over, not forgotten.
        var rerun = Run(sweep);
        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal("", rerun.Error);
        AssertListed(JsonNode.Parse(File.ReadAllText(Path.Combine(output, "sweep.json")))!["skipped_inputs"], pets);
        Assert.Equal(0, Run("plot", output).ExitCode);
        AssertListed(JsonNode.Parse(File.ReadAllText(Path.Combine(output, "sweep.json")))!["skipped_inputs"], pets);
        Assert.Contains("<h2>Skipped input files</h2>", File.ReadAllText(Path.Combine(output, "report.html")));
    }

    [Fact]
    public void A_built_in_set_skips_nothing_out_of_no_files_and_the_report_has_no_section()
    {
        using var scratch = new Cli.Scratch();
        var output = scratch.Path("out");
        Assert.Equal(0, Run(["run", .. Tiny(output, "--batch-sizes", "8,16", "--seeds", "1", "--quiet")]).ExitCode);
        Assert.Equal("""{"folder":"","examined":0,"skipped":0,"by_kind":{},"files":[]}""", JsonNode.Parse(File.ReadAllText(Path.Combine(output, "sweep.json")))!["skipped_inputs"]!.ToJsonString());
        Assert.DoesNotContain("Skipped input files", File.ReadAllText(Path.Combine(output, "report.html")));
    }

    [Fact]
    public void A_pretrained_model_announces_and_lists_the_files_its_images_skipped()
    {
        using var scratch = new Cli.Scratch();
        var pets = Pets(scratch);

        var outcome = Run("find", "--data", pets, "--model", "resnet18-imagenet", "--image-size", "32", "--steps", "10", "--batch-size", "4", "--out", scratch.Path("out"), "--quiet");

        Assert.Equal(0, outcome.ExitCode);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"sweep: skipped 4 of 12 files in {pets}: ", line, StringComparison.Ordinal);
        AssertListed(JsonNode.Parse(File.ReadAllText(scratch.Path("out", "summary.json")))!["skipped_inputs"], pets);
    }

    [Theory]
    [InlineData("the image declares 20000x20000 pixels (400 megapixels, 1.6 GB to decode), over the budget of 50 megapixels; shrink it or remove it", "too-large")]
    [InlineData("no memory for its 9000x9000 pixels (0.32 GB); shrink it or remove it", "too-large")]
    [InlineData("not an image in a format this program reads (JPEG, PNG, GIF, BMP, WebP, ...)", "not-an-image")]
    [InlineData("the file could not be read (Permission denied)", "unreadable")]
    [InlineData("not inside a class folder", "outside-classes")]
    [InlineData("the image is truncated", "damaged")]
    [InlineData("the image has no pixels", "damaged")]
    public void Each_reason_has_its_kind(string reason, string kind) => Assert.Equal(kind, SkippedInputs.KindOf(reason));

    [Fact]
    public void The_console_line_counts_by_kind_with_thousands_separated()
    {
        var files = Enumerable.Range(0, 2).Select(i => new SkippedInputs.File($"/p/a/{i}.txt", "not-an-image", "not an image"))
            .Append(new SkippedInputs.File("/p/b/big.png", "too-large", "the image declares")).ToArray();
        Assert.Equal("skipped 3 of 1,203 files in /p: 2 not images, 1 too large", new SkippedInputs("/p", 1203, files).Summary);
    }
}
