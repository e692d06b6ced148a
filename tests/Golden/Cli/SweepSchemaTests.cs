using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// docs/sweep.schema.json (JSON Schema draft 2020-12) describes the sweep.json a real `sweep run`
/// writes; copies broken in one place each (a number as a string, widths not an array, a missing
/// description, an unknown kind) are rejected, so the schema says something.
/// </summary>
[Collection(TorchCollection.Name)]
public class SweepSchemaTests
{
    // Built once: the schema registers under its $id, which may be done once per process.
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(ReferenceData.RepositoryRoot, "docs", "sweep.schema.json")));

    internal static EvaluationResults Evaluate(JsonNode document) =>
        Schema.Evaluate(JsonDocument.Parse(document.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

    internal static string Errors(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(detail => detail.Errors is not null).SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}")));

    public static TheoryData<string> Breakages() => ["steps as a string", "hidden not an array", "no description", "unknown optimizer kind", "start as prose", "unknown top-level field"];

    private static void Break(JsonNode document, string breakage)
    {
        var specification = document["specification"]!;
        switch (breakage)
        {
            case "steps as a string": specification["schedule"]!["steps"] = "30"; break;
            case "hidden not an array": specification["model"]!["hidden"] = 16; break;
            case "no description": document.AsObject().Remove("description"); break;
            case "unknown optimizer kind": specification["optimizer"]!["kind"] = "rmsprop"; break;
            case "start as prose": specification["schedule"]!["start"] = "1E-03"; break;
            default: document["configuration"] = "mlp (hidden 16)"; break;
        }
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public void A_real_sweep_json_satisfies_the_schema_and_a_copy_broken_in_one_place_does_not(string breakage)
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, "--batch-sizes", "16,8", "--seeds", "2")]).ExitCode);
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "sweep.json")))!;

        var valid = Evaluate(document);
        Break(document, breakage);
        var broken = Evaluate(document);

        Assert.True(valid.IsValid, Errors(valid));
        Assert.False(broken.IsValid, breakage);
    }
}
