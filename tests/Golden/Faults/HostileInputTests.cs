using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Faults;

/// <summary>
/// Hostile command lines, in process: each is refused with exit code 2 and one "sweep: " line that
/// names the option or file, with no trace, before anything is written: the output folder stays absent.
/// Placeholders: {out} the output folder, {text} a text file, {empty} an empty file, {folder} an
/// existing folder, {underfile} a path below a file, {long} a path with a 300-character name,
/// {bombs} an image folder whose every PNG declares 20000 × 20000 pixels in ~100 bytes.
/// Wording of parse-level messages (a malformed number) may change; the fragments name the option.
/// </summary>
[Collection(TorchCollection.Name)]
public class HostileInputTests
{
    private static readonly string[] Find = ["find", "--data", "blobs", "--hidden", "16", "--steps", "30", "--quiet"];
    private static readonly string[] Sweep = ["run", "--data", "blobs", "--hidden", "16", "--steps", "30", "--batch-sizes", "8", "--seeds", "1", "--quiet"];

    public static TheoryData<string, string[], string> Cases() => new()
    {
        { "empty --out", [.. Find, "--out", ""], "--out is empty" },
        { "blank --out", [.. Find, "--out", "   "], "--out is empty" },
        { "--out below a file", [.. Find, "--out", "{underfile}"], "is a file, not a folder" },
        { "--out name too long", [.. Find, "--out", "{long}"], "the path is too long" },
        { "--out an existing file", [.. Find, "--out", "{text}"], "is a file, not a folder" },
        { "run: --out an existing file", [.. Sweep, "--out", "{text}"], "is a file, not a folder" },
        { "run: empty --out", [.. Sweep, "--out", ""], "--out is empty" },
        { "run: --out below a file", [.. Sweep, "--out", "{underfile}"], "is a file, not a folder" },
        { "run: --out name too long", [.. Sweep, "--out", "{long}"], "the path is too long" },
        { "--steps overflows int", [.. Find, "--out", "{out}", "--steps", "3000000000"], "--steps" },
        { "--steps overflow names the largest it takes", [.. Find, "--out", "{out}", "--steps", "3000000000"], "--steps must be at most 2147483647, got 3000000000" },
        { "--steps hugely negative", [.. Find, "--out", "{out}", "--steps", "-3000000000"], "--steps" },
        { "--steps fractional", [.. Find, "--out", "{out}", "--steps", "2.5"], "--steps" },
        { "--steps empty", [.. Find, "--out", "{out}", "--steps", ""], "--steps" },
        { "--batch-size overflows", [.. Find, "--out", "{out}", "--batch-size", "99999999999"], "--batch-size" },
        { "--seed overflows", [.. Find, "--out", "{out}", "--seed", "99999999999"], "--seed" },
        { "--threads overflows", [.. Find, "--out", "{out}", "--threads", "99999999999"], "--threads" },
        { "--image-size overflows", [.. Find, "--out", "{out}", "--image-size", "99999999999"], "--image-size" },
        { "--accumulate zero", [.. Find, "--out", "{out}", "--accumulate", "0"], "--accumulate" },
        { "--weight-decay inf", [.. Find, "--out", "{out}", "--weight-decay", "inf"], "--weight-decay must be a finite number" },
        { "--weight-decay nan", [.. Find, "--out", "{out}", "--weight-decay", "nan"], "--weight-decay" },
        { "--momentum inf", [.. Find, "--out", "{out}", "--momentum", "inf"], "--momentum" },
        { "--start nan", [.. Find, "--out", "{out}", "--start", "nan"], "--start" },
        { "--end inf", [.. Find, "--out", "{out}", "--end", "inf"], "--end" },
        { "--divergence nan", [.. Find, "--out", "{out}", "--divergence", "nan"], "--divergence" },
        { "--beta inf", [.. Find, "--out", "{out}", "--beta", "inf"], "beta" },
        { "--hidden needs ~100 GB", [.. Find, "--out", "{out}", "--hidden", "65536,65536,65536"], "--hidden 65536,65536,65536 needs about" },
        { "--hidden zero width", [.. Find, "--out", "{out}", "--hidden", "0"], "--hidden" },
        { "--hidden overflows", [.. Find, "--out", "{out}", "--hidden", "16,99999999999"], "--hidden" },
        { "text file as --weights", ["find", "--data", "digits", "--steps", "30", "--quiet", "--out", "{out}", "--model", "resnet18", "--weights", "{text}"], "is not a PyTorch state dict" },
        { "empty file as --weights", ["find", "--data", "digits", "--steps", "30", "--quiet", "--out", "{out}", "--model", "resnet18", "--weights", "{empty}"], "is not a PyTorch state dict" },
        { "image folder of decompression bombs", [.. Find, "--out", "{out}", "--data", "{bombs}"], "megapixels" },
        { "--data a file", [.. Find, "--out", "{out}", "--data", "{text}"], "unknown dataset" },
        { "--seeds 100000000", [.. Sweep, "--out", "{out}", "--seeds", "100000000"], "--seeds 100000000" },
        { "--seeds overflows", [.. Sweep, "--out", "{out}", "--seeds", "99999999999"], "--seeds" },
        { "15,000 cells", [.. Sweep, "--out", "{out}", "--batch-sizes", "8,16,32", "--seeds", "5000"], "at most 10000 cells" },
        { "--batch-sizes overflows", [.. Sweep, "--out", "{out}", "--batch-sizes", "8,99999999999"], "--batch-sizes" },
        { "--shard index beyond count", [.. Sweep, "--out", "{out}", "--shard", "5/2"], "--shard" },
        { "--shard count overflows", [.. Sweep, "--out", "{out}", "--shard", "0/99999999999"], "--shard" },
        { "--targets zero", [.. Sweep, "--out", "{out}", "--targets", "0"], "--targets" },
        { "--targets overflows", [.. Sweep, "--out", "{out}", "--targets", "99999999999"], "--targets" },
        { "--fit-rule unknown", [.. Sweep, "--out", "{out}", "--fit-rule", "bogus"], "bogus" },
        { "unknown option", [.. Sweep, "--out", "{out}", "--frobnicate"], "--frobnicate" },
        { "suggest a folder", ["suggest", "{folder}"], "is a folder" },
        { "suggest a missing file", ["suggest", "{out}"], "no such file" },
        { "suggest an empty file", ["suggest", "{empty}"], "empty" },
        { "suggest a text file", ["suggest", "{text}"], "text.txt" },
        { "suggest a binary file", ["suggest", "{binary}"], "is not a text file" },
        { "plot a folder with a damaged sweep.json", ["plot", "{damaged}"], "is not a readable sweep.json" },
        { "recommend a folder with a damaged sweep.json", ["recommend", "{damaged}", "--batch-size", "64"], "is not a readable sweep.json" },
        { "recommend --batch-size overflows", ["recommend", "{damaged}", "--batch-size", "99999999999"], "--batch-size" },
        { "plot a missing folder", ["plot", "{out}"], "no such folder" },
        { "plot a folder without sweep.json", ["plot", "{folder}"], "has no sweep.json" },
        { "unknown command", ["frobnicate"], "unknown command 'frobnicate'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Refused_in_one_line_with_exit_2_and_nothing_written(string name, string[] template, string fragment)
    {
        using var scratch = new Cli.Scratch();
        var output = scratch.Path("out");
        File.WriteAllText(scratch.Path("text.txt"), "just some words, not weights\n");
        File.WriteAllText(scratch.Path("empty.csv"), "");
        Directory.CreateDirectory(scratch.Path("folder"));
        File.WriteAllBytes(scratch.Path("binary.csv"), [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, (byte)',', 3, 0, 0x3E, 0, (byte)'\n', 1, 2, 3]);
        Directory.CreateDirectory(scratch.Path("damaged"));
        File.WriteAllText(scratch.Path("damaged", "sweep.json"), "garbage");
        foreach (var label in new[] { "a", "b" })
        {
            Directory.CreateDirectory(scratch.Path("bombs", label));
            File.WriteAllBytes(scratch.Path("bombs", label, "bomb.png"), Pictures.Bomb(20_000, 20_000));
        }

        var args = template.Select(arg => arg
            .Replace("{out}", output).Replace("{text}", scratch.Path("text.txt")).Replace("{empty}", scratch.Path("empty.csv"))
            .Replace("{folder}", scratch.Path("folder")).Replace("{underfile}", scratch.Path("text.txt", "out"))
            .Replace("{long}", scratch.Path(new string('a', 300))).Replace("{bombs}", scratch.Path("bombs"))
            .Replace("{binary}", scratch.Path("binary.csv")).Replace("{damaged}", scratch.Path("damaged"))).ToArray();

        var outcome = Run(args);

        FaultAssert.Refused(outcome, 2, fragment);
        Assert.True(name.Length > 0);
        FaultAssert.Unchanged(output, null);
        FaultAssert.Unchanged(scratch.Path("folder"), new Dictionary<string, string>());
        Assert.Equal("garbage", File.ReadAllText(scratch.Path("damaged", "sweep.json")));
        Assert.Single(Directory.EnumerateFileSystemEntries(scratch.Path("damaged")));
    }
}
