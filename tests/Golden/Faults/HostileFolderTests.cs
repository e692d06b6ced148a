using System.Text.Json.Nodes;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Faults;

/// <summary>
/// A sweep folder whose own files are hostile: sweep.json, config.json or a run file truncated, of a
/// gigabyte (sparse: it costs no disk), with numbers beyond their type, or with values of the wrong
/// type. `plot`, `recommend` and `run` refuse each in one line naming the file, with exit code 2 and
/// the folder byte for byte as it was; no file is read whole before its size is checked.
/// </summary>
[Collection(TorchCollection.Name)]
public class HostileFolderTests
{
    private const long Gigabyte = 1L << 30;

    public static TheoryData<string, string, string> Cases() => new()
    {
        { "sweep.json of 1 GB", "plot", "sweep.json is not a readable sweep.json (it is 1 GB, more than the 64 MB such a file can be)" },
        { "config.json of 1 GB", "plot", "has no config.json with a fingerprint ({config} is damaged, too large, or from an older sweep)" },
        { "run file of 1 GB", "plot", "bs8-seed0.json is not a readable run file (it is 1 GB, more than the 256 MB such a file can be); delete it" },
        { "sweep.json truncated", "plot", "sweep.json is not a readable sweep.json (" },
        { "config.json truncated", "plot", "has no config.json with a fingerprint ({config} is damaged" },
        { "run file truncated", "plot", "bs8-seed0.json is not a readable run file (" },
        { "sweep.json batch size 1e308", "plot", "is not a readable sweep.json (An element of type 'Number' cannot be converted to a 'System.Int32')" },
        { "sweep.json batch size beyond 32 bits", "plot", "is not a readable sweep.json (An element of type 'Number' cannot be converted to a 'System.Int32')" },
        { "sweep.json with 2,000,000 seeds", "plot", "a sweep must have at most 10000 cells (batch sizes x seeds), got 2 x 2000000 = 4000000" },
        { "sweep.json seeds a string", "plot", "is not a readable sweep.json (The node must be of type 'JsonArray')" },
        { "sweep.json steps 1e300", "plot", "is not a readable sweep.json (" },
        { "sweep.json an array", "plot", "is not a readable sweep.json (The node must be of type 'JsonObject')" },
        { "sweep.json null", "plot", "is not a readable sweep.json (empty)" },
        { "config.json fingerprint a number", "plot", "has no config.json with a fingerprint ({config} is damaged" },
        { "run file with 5 learning rates", "plot", "bs8-seed0.json is not a readable run file (run bs8-seed0 has 5 learning rates but" },
        { "run file batch size a string", "plot", "bs8-seed0.json is not a readable run file (The JSON value could not be converted" },
        { "recommend: sweep.json of 1 GB", "recommend", "is not a readable sweep.json (it is 1 GB" },
        { "recommend: run file of 1 GB", "recommend", "bs8-seed0.json is not a readable run file (it is 1 GB" },
        { "run: config.json of 1 GB", "run", "holds a sweep with a different configuration (its config.json is unreadable); use another --out, or --force" },
        { "run: config.json truncated", "run", "holds a sweep with a different configuration (its config.json is unreadable)" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_hostile_file_in_a_sweep_folder_is_refused_in_one_line_and_changes_nothing(string name, string command, string fragment)
    {
        using var scratch = new Cli.Scratch();
        var output = scratch.Path("out");
        string[] tiny = [.. Tiny(output, "--batch-sizes", "8,16", "--seeds", "1", "--quiet")];
        Assert.Equal(0, Run(["run", .. tiny]).ExitCode);
        Damage(output, name);
        var before = FaultAssert.Snapshot(output);

        var outcome = command switch
        {
            "plot" => Run("plot", output),
            "recommend" => Run("recommend", output, "--batch-size", "64"),
            _ => Run(["run", .. tiny]),
        };

        FaultAssert.Refused(outcome, 2, fragment.Replace("{config}", Path.Combine(output, "config.json")));
        FaultAssert.Unchanged(output, before);
    }

    // Breaks the one file the case names.
    private static void Damage(string output, string name)
    {
        var (sweep, config, run) = (Path.Combine(output, "sweep.json"), Path.Combine(output, "config.json"), Path.Combine(output, "runs", "bs8-seed0.json"));
        var target = name.Contains("config.json") ? config : name.Contains("run file") ? run : sweep;
        if (name.EndsWith("of 1 GB", StringComparison.Ordinal))
        {
            using var file = new FileStream(target, FileMode.Truncate);
            file.SetLength(Gigabyte);
            return;
        }

        if (name.EndsWith("truncated", StringComparison.Ordinal))
        {
            File.WriteAllText(target, File.ReadAllText(target)[..200]);
            return;
        }

        var root = JsonNode.Parse(File.ReadAllText(target))!;
        switch (name)
        {
            case "sweep.json batch size 1e308": root["batch_sizes"] = new JsonArray(JsonValue.Create(1e308), 8); break;
            case "sweep.json batch size beyond 32 bits": root["batch_sizes"] = new JsonArray(99_999_999_999L, 8); break;
            case "sweep.json with 2,000,000 seeds": root["seeds"] = new JsonArray(Enumerable.Range(0, 2_000_000).Select(seed => (JsonNode)seed).ToArray()); break;
            case "sweep.json seeds a string": root["seeds"] = "many"; break;
            case "sweep.json steps 1e300": root["specification"]!["schedule"]!["steps"] = 1e300; break;
            case "sweep.json an array": root = new JsonArray(); break;
            case "sweep.json null": File.WriteAllText(target, "null"); return;
            case "config.json fingerprint a number": root["fingerprint"] = 5; break;
            case "run file with 5 learning rates": root["learning_rates"] = new JsonArray(1e-3, 1e-2, 1e-1, 1.0, 1e308); break;
            case "run file batch size a string": root["batch_size"] = "eight"; break;
            default: throw new ArgumentException($"no such case: {name}", nameof(name));
        }

        File.WriteAllText(target, root.ToJsonString());
    }
}
