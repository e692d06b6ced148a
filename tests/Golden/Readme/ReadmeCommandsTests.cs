using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace Sweep.Golden.Tests.Readme;

/// <summary>
/// Every command in a fenced shell block of README.md runs, as typed, with `sweep` the built
/// command: each block in bash (so loops, `&amp;` and `wait` mean what they say), in a fresh folder
/// that sees the repository's data/ as the repository root does. Long commands run with smaller
/// sizes, each substitution stated below; a substitution or skip whose command left the README
/// fails, so the list cannot go stale.
/// </summary>
[Collection(TorchCollection.Name)]
public partial class ReadmeCommandsTests
{
    /// <summary>A README command run with other values of some options (appended when the command lacks them).</summary>
    public sealed record Substitution(string Command, IReadOnlyList<(string Option, string Value)> Options, string Why);

    /// <summary>A README command not run, and why.</summary>
    public sealed record Skip(string Command, string Why);

    /// <summary>How the README runs the command from the repository; the test runs the built command instead, which is the same program.</summary>
    public const string FromRepository = "dotnet run --project src/Cli -c Release --";

    private const string Smaller = "the same command on fewer steps, seeds and batch sizes, to keep the test to seconds";

    public static readonly IReadOnlyList<Substitution> Substitutions =
    [
        new($"{FromRepository} run", [("--steps", "10"), ("--seeds", "1"), ("--batch-sizes", "16,8")], Smaller),
        new("sweep find --data digits --model mlp --hidden 64 --preset pytorch-lr-finder", [("--steps", "20")], Smaller),
        new("sweep run --data fashion-mnist --model cnn --batch-sizes 128,64,32,16,8 --seeds 8 --out cnn-sweep",
            [("--batch-sizes", "16,8"), ("--seeds", "1"), ("--steps", "5")], Smaller),
        new("sweep run --data data/sneakers-and-boots/images --model resnet18-imagenet --image-size 64 --steps 60 --seeds 2",
            [("--steps", "10"), ("--seeds", "1"), ("--batch-sizes", "16,8")], Smaller),
        new("sweep run --data data/sneakers-and-boots/images --model resnet18-imagenet --image-size 64 --preset fastai-0.7 --steps epoch --start 1e-5 --seeds 3 --out original",
            [("--seeds", "1"), ("--batch-sizes", "16,8")], Smaller + " (one epoch stays one epoch)"),
        new("sweep run --compare-budgets --out budgets", [("--steps", "10"), ("--seeds", "2"), ("--batch-sizes", "64,32")], Smaller + " (one epoch stays one epoch)"),
        new("for i in 0 1 2 3; do sweep run --seeds 8 --shard $i/4 --out shared & done; wait",
            [("--seeds", "2"), ("--steps", "10"), ("--batch-sizes", "16,8")], Smaller + " (2 x 2 cells: one for each of the 4 shards)"),
    ];

    public static readonly IReadOnlyList<Skip> Skips =
    [
        new("dotnet test Sweep.sln -c Release", "the test suite itself, this test included"),
        new("dotnet pack src/Cli -c Release -o artifacts", "packs libtorch and the datasets into a 140 MB package: minutes, not seconds"),
        new("dotnet tool install --global Sweep.Cli --add-source artifacts", "installs into the user's global tools, a change outside the test's folder, and needs the package above"),
    ];

    /// <summary>
    /// The file `sweep suggest exported-from-pytorch.csv` reads: a curve exported from
    /// pytorch-lr-finder (history["lr"], history["loss"], the loss already smoothed), here the
    /// reference run digits, batch size 64, seed 0 (tests/Golden/data/digits-runs).
    /// </summary>
    public const string ExportedCurve = "exported-from-pytorch.csv";

    /// <summary>The blocks with something to run (a block of skipped commands only is no test), by index and first command.</summary>
    public static TheoryData<int, string> Blocks()
    {
        var blocks = ShellBlocks();
        var data = new TheoryData<int, string>();
        foreach (var index in Enumerable.Range(0, blocks.Count).Where(index => Script(blocks[index]).Count > 0))
            data.Add(index, blocks[index][0]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Every_command_of_the_block_runs(int block, string firstCommand)
    {
        var lines = ShellBlocks()[block];
        Assert.Equal(firstCommand, lines[0]);
        var script = Script(lines);
        var folder = Directory.CreateTempSubdirectory("sweep-readme-").FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(folder, "data"), Path.Combine(ReferenceData.RepositoryRoot, "data"));
            WriteExportedCurve(Path.Combine(folder, ExportedCurve));
            var (code, output, error) = Bash(folder, script);
            Assert.True(code == 0 && !error.Contains(FailedMarker, StringComparison.Ordinal),
                $"README block {block} failed (exit {code}):\n{string.Join("\n", script)}\n--- stderr ---\n{error}\n--- stdout ---\n{output}");
            if (lines.Any(line => line.Contains(ExportedCurve, StringComparison.Ordinal))) CheckSteepest(output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Every_substitution_and_skip_names_a_command_of_the_readme_and_every_block_is_classified()
    {
        var commands = ShellBlocks().SelectMany(block => block).ToArray();
        Assert.All(Substitutions, substitution => Assert.Contains(substitution.Command, commands));
        Assert.All(Skips, skip => Assert.Contains(skip.Command, commands));
        Assert.Contains(commands, command => command.StartsWith("sweep suggest " + ExportedCurve, StringComparison.Ordinal));
        // The C# snippet is not a command: it is left out, and the shell blocks are all that is left.
        Assert.Equal(ShellBlocks().Count + CodeBlocks().Count(block => block.Language is "csharp" or "cs"), CodeBlocks().Count);
    }

    /// <summary>What `sweep` means in the scripts: the built command; a failure is marked on stderr, so that background jobs (`&amp;`) cannot fail unseen.</summary>
    private const string FailedMarker = "README COMMAND FAILED";

    private static IReadOnlyList<string> Script(IReadOnlyList<string> lines) =>
    [
        .. lines.Where(line => !Skips.Any(skip => skip.Command == line)).Select(Substituted)
            .Select(line => line.StartsWith(FromRepository + " ", StringComparison.Ordinal) ? "sweep " + line[(FromRepository.Length + 1)..] : line),
    ];

    private static string Substituted(string line)
    {
        var substitution = Substitutions.FirstOrDefault(candidate => candidate.Command == line);
        if (substitution is null) return line;
        foreach (var (option, value) in substitution.Options)
        {
            var given = new Regex(Regex.Escape(option) + @" \S+");
            // In a loop the command ends before `&` (or `;`): an option it lacks goes there.
            line = given.IsMatch(line) ? given.Replace(line, $"{option} {value}", 1)
                : line.Contains(" & ", StringComparison.Ordinal) ? line.Replace(" & ", $" {option} {value} & ", StringComparison.Ordinal)
                : $"{line} {option} {value}";
        }

        return line;
    }

    private static (int Code, string Output, string Error) Bash(string folder, IReadOnlyList<string> script)
    {
        var sweep = Path.Combine(AppContext.BaseDirectory, "sweep.dll");
        var text = string.Join("\n",
        [
            "set -e",
            $"sweep() {{ dotnet exec '{sweep}' \"$@\" || {{ echo \"{FailedMarker}: sweep $* (exit $?)\" >&2; return 1; }}; }}",
            .. script,
        ]) + "\n";
        var start = new ProcessStartInfo("bash", ["-c", text])
        { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    private static JsonNode ReferenceRun() =>
        ReferenceData.Load("digits-runs/runs.json")["cases"]!.AsArray()
            .First(run => run!["batch_size"]!.GetValue<int>() == 64 && run["seed"]!.GetValue<int>() == 0)!["plrf"]!;

    private static void WriteExportedCurve(string path)
    {
        var run = ReferenceRun();
        var (rates, losses) = (run["lrs"]!.AsArray(), run["smoothed_losses"]!.AsArray());
        File.WriteAllLines(path, ["lr,loss", .. rates.Select((rate, index) =>
            string.Create(CultureInfo.InvariantCulture, $"{ReferenceData.Number(rate):R},{ReferenceData.Number(losses[index]):R}"))]);
    }

    // The README promises pytorch-lr-finder's answer on its own curve.
    private static void CheckSteepest(string output)
    {
        var answers = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        Assert.Equal(ReferenceData.Number(ReferenceRun()["steepest_skip10_5"])!.Value, answers["steepest"]!.GetValue<double>(), 12);
    }

    private sealed record CodeBlock(string Language, IReadOnlyList<string> Lines);

    /// <summary>The README's fenced code blocks, indented ones (inside list items) included.</summary>
    private static IReadOnlyList<CodeBlock> CodeBlocks()
    {
        var blocks = new List<CodeBlock>();
        string? language = null;
        var lines = new List<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(ReferenceData.RepositoryRoot, "README.md")))
        {
            var fence = Fence().Match(line);
            if (!fence.Success) { if (language is not null) lines.Add(line.Trim()); continue; }
            if (language is null) { language = fence.Groups[1].Value; lines = []; continue; }
            blocks.Add(new CodeBlock(language, lines.Where(text => text.Length > 0).ToArray()));
            language = null;
        }

        return blocks;
    }

    /// <summary>The fenced blocks that are commands: no language, or a shell's.</summary>
    private static IReadOnlyList<IReadOnlyList<string>> ShellBlocks() =>
        [.. CodeBlocks().Where(block => block.Language is "" or "sh" or "bash" or "shell" or "console").Select(block => block.Lines)];

    [GeneratedRegex(@"^\s*```\s*(\w*)\s*$")]
    private static partial Regex Fence();
}
