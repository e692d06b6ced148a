using SkiaSharp;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// Bad input: one line on stderr naming the problem and the fix, exit code 2, no stack trace, and
/// nothing written to the output folder.
/// </summary>
[Collection(TorchCollection.Name)]
public class BadInputTests
{
    private static void AssertRefused(Outcome outcome, string expectedFragment, string? outputFolder = null)
    {
        Assert.Equal(2, outcome.ExitCode);
        var lines = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("sweep: ", lines[0]);
        Assert.Contains(expectedFragment, lines[0]);
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.Equal("", outcome.Out);
        if (outputFolder is not null)
            Assert.True(!Directory.Exists(outputFolder) || !Directory.EnumerateFileSystemEntries(outputFolder).Any(), $"{outputFolder} was written to");
    }

    public static TheoryData<string[], string> FindMistakes() => new()
    {
        { ["--data", "no-such-set"], "unknown dataset 'no-such-set'" },
        { ["--model", "vgg"], "unknown model 'vgg'; known models: mlp, cnn, resnet18, resnet34." },
        { ["--optimizer", "rmsprop"], "unknown optimizer 'rmsprop'; known optimizers: sgd, adam, adamw." },
        { ["--rules", "valley,bogus"], "unknown rule 'bogus'" },
        { ["--preset", "keras"], "unknown preset 'keras'" },
        { ["--schedule", "cosine"], "unknown schedule 'cosine'" },
        { ["--start", "1", "--end", "0.5"], "end learning rate (0.5) must be greater than start (1)" },
        { ["--start", "0"], "start learning rate must be positive, got 0" },
        { ["--start", "-1e-3"], "start learning rate must be positive" },
        { ["--end", "-2"], "--end must be a positive learning rate" },
        { ["--steps", "0"], "--steps must be at least 2, got 0" },
        { ["--steps", "many"], "option --steps must be a whole number, got 'many'" },
        { ["--batch-size", "0"], "--batch-size must be at least 1, got 0" },
        { ["--batch-size", "5000"], "--batch-size 5000 is larger than the data (2048 samples)" },
        { ["--seed", "-3"], "--seed must be non-negative" },
        { ["--beta", "1.5"], "smoothing beta must be in [0, 1)" },
        { ["--divergence", "0.5"], "divergence factor must be greater than 1" },
        { ["--threads", "0"], "--threads must be at least 1" },
        { ["--frobnicate", "3"], "unknown option --frobnicate for 'sweep find'" },
        { ["--steps"], "option --steps needs a value" },
    };

    [Theory]
    [MemberData(nameof(FindMistakes))]
    public void Find_refuses_bad_input_in_one_line(string[] mistake, string expected)
    {
        using var scratch = new Scratch();
        var output = scratch.Path("out");
        AssertRefused(Run(["find", "--data", "blobs", "--out", output, .. mistake]), expected, output);
    }

    public static TheoryData<string[], string> RunMistakes() => new()
    {
        { ["--seeds", "0"], "--seeds must be a positive count" },
        { ["--seeds", "-1,2"], "seeds must be non-negative" },
        { ["--batch-sizes", "8,0"], "batch sizes must be positive" },
        { ["--batch-sizes", "8,4096"], "batch size 4096 is larger than the data (2048 samples)" },
        { ["--shard", "2/2"], "--shard must be i/n with 0 <= i < n" },
        { ["--fit-rule", "guess"], "unknown --fit-rule 'guess'" },
    };

    [Theory]
    [MemberData(nameof(RunMistakes))]
    public void Run_refuses_bad_input_in_one_line(string[] mistake, string expected)
    {
        using var scratch = new Scratch();
        var output = scratch.Path("out");
        AssertRefused(Run(["run", .. Tiny(output, mistake)]), expected, output);
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        using var scratch = new Scratch();
        AssertRefused(Run(["find", "--data", scratch.Path("no", "such", "folder"), "--out", scratch.Path("out")]), "no such folder", scratch.Path("out"));
    }

    [Fact]
    public void A_folder_with_no_readable_images_is_refused()
    {
        using var scratch = new Scratch();
        foreach (var name in new[] { "cats", "dogs" })
        {
            Directory.CreateDirectory(scratch.Path("pets", name));
            File.WriteAllText(scratch.Path("pets", name, "note.txt"), "not a picture");
        }

        AssertRefused(Run(["find", "--data", scratch.Path("pets"), "--out", scratch.Path("out")]), "pets", scratch.Path("out"));
    }

    [Fact]
    public void A_folder_with_one_class_is_refused()
    {
        using var scratch = new Scratch();
        Directory.CreateDirectory(scratch.Path("pets", "cats"));
        for (var i = 0; i < 3; i++) WritePng(scratch.Path("pets", "cats", $"{i}.png"), (byte)(i * 80));
        AssertRefused(Run(["find", "--data", scratch.Path("pets"), "--out", scratch.Path("out")]), "class", scratch.Path("out"));
    }

    [Fact]
    public void An_unwritable_output_folder_is_refused_before_training()
    {
        using var scratch = new Scratch();
        var blocker = scratch.Path("file");
        File.WriteAllText(blocker, "a file where a folder should be");
        var outcome = Run(["find", "--data", "blobs", "--steps", "5", "--out", Path.Combine(blocker, "out")]);
        AssertRefused(outcome, "cannot write to output folder");
    }

    [Fact]
    public void Plot_refuses_a_malformed_sweep_json_and_a_missing_folder()
    {
        using var scratch = new Scratch();
        Directory.CreateDirectory(scratch.Path("broken"));
        File.WriteAllText(scratch.Path("broken", "sweep.json"), "{ \"configuration\": 3 ");
        AssertRefused(Run("plot", scratch.Path("broken")), "is not a readable sweep.json");
        AssertRefused(Run("plot", scratch.Path("absent")), "no such folder");
        AssertRefused(Run("plot"), "give one sweep folder");
    }

    [Fact]
    public void An_unknown_command_is_refused() =>
        AssertRefused(Run("frobnicate"), "unknown command 'frobnicate'; commands: run, find, plot, suggest, list, bench.");

    private static void WritePng(string path, byte shade)
    {
        using var bitmap = new SKBitmap(12, 12);
        bitmap.Erase(new SKColor(shade, shade, shade));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
