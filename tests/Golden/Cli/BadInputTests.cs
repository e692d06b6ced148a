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
        { ["--model", "vgg"], "unknown model 'vgg'; known models: mlp, cnn, resnet18, resnet34, resnet18-imagenet." },
        { ["--optimizer", "rmsprop"], "unknown optimizer 'rmsprop'; known optimizers: sgd, adam, adamw." },
        { ["--rules", "valley,bogus"], "unknown rule 'bogus'" },
        { ["--preset", "keras"], "unknown preset 'keras'" },
        { ["--schedule", "cosine"], "unknown schedule 'cosine'" },
        { ["--start", "1", "--end", "0.5"], "--end: end learning rate (0.5) must be greater than start (1)" },
        { ["--start", "0"], "--start: start learning rate must be positive, got 0" },
        { ["--start", "-1e-3"], "start learning rate must be positive" },
        { ["--end", "-2"], "--end: end learning rate (-2) must be greater than start (1e-7)" },
        { ["--steps", "0"], "--steps: a schedule needs at least 2 steps, got 0" },
        { ["--steps", "many"], "option --steps must be a whole number or epoch, got 'many'" },
        { ["--batch-size", "0"], "--batch-size must be at least 1, got 0" },
        { ["--batch-size", "5000"], "--batch-size 5000 is larger than the data (2048 samples)" },
        { ["--seed", "-3"], "--seed must be non-negative" },
        { ["--beta", "1.5"], "--beta: smoothing beta must be in [0, 1)" },
        { ["--divergence", "0.5"], "--divergence: divergence factor must be greater than 1" },
        { ["--threads", "0"], "--threads must be at least 1" },
        { ["--frobnicate", "3"], "unknown option --frobnicate for 'sweep find'; run 'sweep find --help' for its options." },
        { ["--stpes", "50"], "unknown option --stpes for 'sweep find'; did you mean --steps?" },
        { ["--steps"], "option --steps needs a value; e.g. --steps 100." },
        { ["--start", "--end", "5"], "option --start needs a value, but --end follows it" },
        { ["--hidden", "64,x"], "option --hidden must be a comma-separated list of whole numbers, got '64,x'" },
        { ["--momentum", "lots"], "option --momentum must be a number, got 'lots'" },
        { ["--nesterov=yes"], "option --nesterov takes true or false, got 'yes'" },
        { ["50"], "'sweep find' takes no arguments, got '50'" },
        { ["--start", "0.1", "--end", "0.1"], "--end: end learning rate (0.1) must be greater than start (0.1)" },
        { ["--schedule", "linear", "--end", "1e300"], "--end must be at most 1e6" },
        { ["--start", "1e-320"], "--start must be at least 1e-30" },
        { ["--momentum", "-1"], "--momentum must be in [0, 1), got -1." },
        { ["--weight-decay", "-0.1"], "--weight-decay must be a finite number, zero or positive, got -0.1" },
        { ["--nesterov", "--momentum", "0"], "--nesterov needs a positive --momentum" },
        { ["--nesterov", "--optimizer", "adam"], "--nesterov applies to sgd only" },
        { ["--hidden", "99999999"], "--hidden widths must be between 1 and 65536, at least one, got 99999999" },
        { ["--threads", "100000"], "--threads must be at most the" },
        { ["--image-size", "100000"], "--image-size must be at most 1024" },
        { ["--model", "cnn"], "model cnn cannot take blobs's samples of shape 1x1x32" },
        { ["--model", "mlp", "--weights", "model.pt"], "--weights applies to --model resnet18 or resnet34" },
        { ["--model", "resnet18", "--weights", "/no/such/model.pt"], "no such weights file '/no/such/model.pt'" },
        { ["--unfreeze"], "--unfreeze applies to pretrained models" },
        { ["--model", "cnn", "--hidden", "64"], "--hidden applies to --model mlp, not cnn; drop --hidden." },
        { ["--optimizer", "adam", "--momentum", "0.5"], "--momentum applies to sgd only, not adam; drop --momentum" },
        { ["--optimizer", "adamw", "--nesterov"], "--nesterov applies to sgd only, not adamw; drop --nesterov." },
        { ["--channels", "rgb"], "--channels applies to image folders, not the built-in set blobs; drop --channels." },
        { ["--data", "digits", "--model", "resnet18-imagenet", "--channels", "grey"], "--channels applies to image folders trained from scratch, not a pretrained model (it always reads RGB); drop --channels." },
        { ["--image-size", "32"], "--image-size applies to image folders and pretrained models, not the built-in set blobs trained from scratch; drop --image-size." },
        { ["--model", "cnn", "--weights", "model.pt"], "--weights applies to --model resnet18 or resnet34 (torchvision's layout), not cnn" },
        { ["--model", "resnet18-imagenet"], "a pretrained model reads images: use --data fashion-mnist, digits or an image folder, not blobs." },
    };

    [Theory]
    [MemberData(nameof(FindMistakes))]
    public void Find_refuses_bad_input_in_one_line(string[] mistake, string expected)
    {
        using var scratch = new Scratch();
        var output = scratch.Path("out");
        AssertRefused(Run(["find", "--data", "blobs", "--out", output, .. mistake]), expected, output);
    }

    [Fact]
    public void Every_problem_of_an_experiment_is_named_in_the_one_line()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("out");
        var outcome = Run(["find", "--data", "blobs", "--out", output, "--momentum", "2", "--beta", "1.5", "--model", "cnn", "--hidden", "8"]);
        AssertRefused(outcome, "--hidden applies to --model mlp, not cnn; drop --hidden. --momentum must be in [0, 1), got 2. --beta: smoothing beta must be in [0, 1), got 1.5", output);
    }

    public static TheoryData<string[], string> RunMistakes() => new()
    {
        { ["--seeds", "0"], "--seeds must be a positive count" },
        { ["--seeds", "-1,2"], "seeds must be non-negative" },
        { ["--batch-sizes", "8,0"], "batch sizes must be positive" },
        { ["--batch-sizes", "8,4096"], "batch size 4096 is larger than the data (2048 samples)" },
        { ["--shard", "2/2"], "--shard must be i/n with 0 <= i < n" },
        { ["--fit-rule", "guess"], "unknown rule 'guess'; known rules: valley, slide, minimum, steep, steepest, min-loss." },
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
    public void Run_refuses_an_unwritable_output_folder_and_a_model_that_cannot_take_the_data_before_writing()
    {
        using var scratch = new Scratch();
        var blocker = scratch.Path("file");
        File.WriteAllText(blocker, "a file where a folder should be");
        AssertRefused(Run(["run", .. Tiny(Path.Combine(blocker, "out"))]), "cannot write to output folder");

        var output = scratch.Path("sweep");
        AssertRefused(Run(["run", "--data", "blobs", "--steps", "30", "--start", "1e-3", "--out", output, "--model", "cnn"]), "model cnn cannot take", output);
        Assert.Equal(0, Run(["run", .. Tiny(output, "--batch-sizes", "8", "--seeds", "1")]).ExitCode);
    }

    [Fact]
    public void A_corrupt_run_file_from_another_shard_is_named_with_the_fix()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, "--batch-sizes", "16,8", "--seeds", "1", "--shard", "0/2")]).ExitCode);
        Directory.CreateDirectory(Path.Combine(output, "runs"));
        File.WriteAllText(Path.Combine(output, "runs", "bs8-seed0.json"), "{ \"batch_size\": 8, ");
        var outcome = Run(["run", .. Tiny(output, "--batch-sizes", "16,8", "--seeds", "1", "--shard", "0/2")]);
        // Its own run is reported as kept first; then the one line about the other shard's file.
        Assert.Equal(2, outcome.ExitCode);
        var last = outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith("sweep: ", last);
        Assert.Contains("bs8-seed0.json is not a readable run file", last);
        Assert.Contains("delete that file and run again", last);
        Assert.DoesNotContain("   at ", outcome.Error);
    }

    [Fact]
    public void Suggest_refuses_a_json_curve_whose_arrays_differ_in_length()
    {
        using var scratch = new Scratch();
        File.WriteAllText(scratch.Path("curve.json"), "{ \"lr\": [1e-3, 1e-2], \"loss\": [2.3] }");
        AssertRefused(Run("suggest", scratch.Path("curve.json")), "has 2 learning rates but 1 losses");
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
    public void Bench_refuses_bad_batch_sizes_and_no_models_before_printing_anything()
    {
        AssertRefused(Run("bench", "--batch-sizes", "0"), "--batch-sizes must lie between 1 and 10000, got 0.");
        AssertRefused(Run("bench", "--models", ""), "--models needs at least one of mlp, cnn, resnet18, resnet34.");
    }

    [Fact]
    public void An_unknown_command_is_refused() =>
        AssertRefused(Run("frobnicate"), "unknown command 'frobnicate'; commands: run, find, plot, suggest, recommend, list, bench, completion.");

    private static void WritePng(string path, byte shade)
    {
        using var bitmap = new SKBitmap(12, 12);
        bitmap.Erase(new SKColor(shade, shade, shade));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
