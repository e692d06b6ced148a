using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Faults;

/// <summary>
/// Bad input to every command (find, run, plot, suggest, recommend, bench, list, completion) and
/// hostile response files (@FILE missing, of a gigabyte, binary, a folder, naming itself): exit code
/// 2, one "sweep: " line naming the file or option, no trace, and the scratch folder (inputs and
/// --out) byte for byte as it was. Placeholders: {out} an output folder, {sweep} a finished tiny
/// sweep, {curve:NAME} a curve file made by <see cref="Curve"/>, {rsp:NAME} a response file made by
/// <see cref="ResponseFile"/>.
/// </summary>
[Collection(TorchCollection.Name)]
public class HostileArgumentTests
{
    private static readonly string[] Find = ["find", "--data", "blobs", "--hidden", "16", "--steps", "30", "--quiet", "--out", "{out}"];

    public static TheoryData<string, string[], string> Cases() => new()
    {
        { "response file missing", [.. Find, "@{rsp:missing}"], "no such response file" },
        { "response file of 1 GB", [.. Find, "@{rsp:huge}"], "is 1.1 GB, more than the 1 MB a file of arguments may be" },
        { "response file binary", [.. Find, "@{rsp:binary}"], "is not a text file (it holds bytes that are not UTF-8 text)" },
        { "response file of NUL bytes", [.. Find, "@{rsp:nul}"], "is not a text file" },
        { "response file a folder", [.. Find, "@{rsp:folder}"], "is a folder; an @FILE argument names a file of arguments" },
        { "response file naming itself", [.. Find, "@{rsp:loop}"], "names itself through @FILE (loop.rsp -> loop.rsp); remove the @" },
        { "response file naming one naming itself", [.. Find, "@{rsp:outer}"], "names itself through @FILE (outer.rsp -> loop.rsp -> loop.rsp)" },
        { "response file with a bad option", ["@{rsp:bad-option}"], "--frobnicate" },
        { "suggest a 2-point curve", ["suggest", "{curve:two}"], "two.csv has 2 points; slide with the fastai preset needs at least 23 points" },
        { "suggest a 1-point curve", ["suggest", "{curve:one}"], "one.csv has 1 point;" },
        { "suggest a header alone", ["suggest", "{curve:header}"], "header.csv" },
        { "suggest a falling learning rate", ["suggest", "{curve:backwards}"], "does not rise above the previous point's" },
        { "suggest a learning rate beyond double", ["suggest", "{curve:overflow}"], "learning rate Infinity is not a finite number" },
        { "suggest a curve of 1 GB", ["suggest", "{curve:huge}"], "huge.csv" },
        { "recommend --batch-size 0", ["recommend", "{sweep}", "--batch-size", "0"], "--batch-size must be at least 1, got 0" },
        { "recommend two folders", ["recommend", "{sweep}", "{sweep}", "--batch-size", "64"], "give one sweep folder" },
        { "plot two folders", ["plot", "{sweep}", "{sweep}"], "give one sweep folder" },
        { "bench --threads 0", ["bench", "--threads", "0"], "--threads must be at least 1, got 0" },
        { "bench unknown model", ["bench", "--models", "transformer"], "transformer" },
        { "bench unknown option", ["bench", "--frob"], "unknown option --frob for 'sweep bench'" },
        { "list with an argument", ["list", "extra"], "'sweep list' takes no arguments, got 'extra'" },
        { "list unknown option", ["list", "--frob"], "unknown option --frob for 'sweep list'" },
        { "completion unknown shell", ["completion", "fish"], "unknown shell 'fish'; known shells: bash" },
        { "completion without a shell", ["completion"], "give one shell: sweep completion bash" },
        { "find --batch-size beyond the data", [.. Find, "--batch-size", "100000"], "is larger than the data" },
        { "run --batch-sizes beyond the data", ["run", .. Tiny("{out}", "--batch-sizes", "100000", "--seeds", "1", "--quiet")], "is larger than the data" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Refused_in_one_line_with_exit_2_and_nothing_written(string name, string[] template, string fragment)
    {
        using var scratch = new Cli.Scratch();
        var sweep = scratch.Path("sweep");
        if (template.Contains("{sweep}")) Assert.Equal(0, Run(["run", .. Tiny(sweep, "--batch-sizes", "8,16", "--seeds", "1", "--quiet")]).ExitCode);
        var args = template.Select(arg => Fill(scratch, arg)).ToArray();
        var before = FaultAssert.Snapshot(scratch.Root);

        var outcome = Run(args);

        FaultAssert.Refused(outcome, 2, fragment);
        Assert.True(name.Length > 0);
        FaultAssert.Unchanged(scratch.Root, before);
        Assert.False(Directory.Exists(scratch.Path("out")), "the output folder was created");
    }

    // A placeholder made into its file.
    private static string Fill(Cli.Scratch scratch, string arg)
    {
        arg = arg.Replace("{out}", scratch.Path("out")).Replace("{sweep}", scratch.Path("sweep"));
        if (arg.Contains("{curve:")) return Curve(scratch, arg[(arg.IndexOf(':') + 1)..arg.IndexOf('}')]);
        if (arg.Contains("{rsp:")) return "@" + ResponseFile(scratch, arg[(arg.IndexOf(':') + 1)..arg.IndexOf('}')]);
        return arg;
    }

    /// <summary>A curve file for suggest.</summary>
    private static string Curve(Cli.Scratch scratch, string name)
    {
        var path = scratch.Path(name + ".csv");
        switch (name)
        {
            case "two": File.WriteAllText(path, "lr,loss\n0.001,2.3\n0.01,2.1\n"); break;
            case "one": File.WriteAllText(path, "lr,loss\n0.001,2.3\n"); break;
            case "header": File.WriteAllText(path, "lr,loss\n"); break;
            case "backwards": File.WriteAllText(path, "lr,loss\n0.01,2.3\n0.001,2.1\n0.0001,1.9\n"); break;
            case "overflow": File.WriteAllText(path, "lr,loss\n1e400,2.3\n0.01,2.1\n"); break;
            default: Sparse(path, 1L << 30); break;
        }

        return path;
    }

    /// <summary>A response file (its path, without the @).</summary>
    private static string ResponseFile(Cli.Scratch scratch, string name)
    {
        var path = scratch.Path(name + ".rsp");
        switch (name)
        {
            case "missing": break;
            case "huge": Sparse(path, 1L << 30); break;
            case "binary": File.WriteAllBytes(path, [0x7F, (byte)'E', (byte)'L', (byte)'F', 0xFF, 0xFE, 0xC3, 0x28, 0x80]); break;
            case "nul": File.WriteAllBytes(path, [0, 0, 0]); break;
            case "folder": Directory.CreateDirectory(path); break;
            case "loop": File.WriteAllText(path, $"--quiet\n@{path}\n"); break;
            case "outer": ResponseFile(scratch, "loop"); File.WriteAllText(path, $"@{scratch.Path("loop.rsp")}\n"); break;
            default: File.WriteAllText(path, $"run\n--data blobs\n--frobnicate\n--out {scratch.Path("out")}\n"); break;
        }

        return path;
    }

    // A file of that many bytes that takes no disk (a hole).
    private static void Sparse(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Create);
        file.SetLength(length);
    }

    [Fact]
    public void A_falling_curve_of_forty_points_is_answered_not_refused()
    {
        using var scratch = new Cli.Scratch();
        var path = scratch.Path("falling.csv");
        File.WriteAllLines(path, ["lr,loss", .. Enumerable.Range(0, 40).Select(i => FormattableString.Invariant($"{Math.Pow(10, -5 + i * 0.15)},{3 - i * 0.05}"))]);

        var outcome = Run("suggest", path);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Error);
        // The loss never turns up: min-loss lies in the last decade of the curve (10^-0.85 .. 10^0.85), not at its start.
        var minLoss = outcome.Out.Split('\n').Single(line => line.StartsWith("min-loss", StringComparison.Ordinal));
        var value = double.Parse(minLoss["min-loss".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(value, 0.1, 10);
    }
}
