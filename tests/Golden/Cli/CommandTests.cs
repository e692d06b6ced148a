using System.Diagnostics;
using System.Text.Json.Nodes;
using Sweep.Domain;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// The commands end to end on a tiny configuration (seconds): files exist and parse, a rerun does
/// no repeated work, an interrupted run resumes, shards merge to the unsharded result, plot redraws
/// from files alone, and runs are bit-identical across processes.
/// </summary>
[Collection(TorchCollection.Name)]
public class CommandTests
{
    private static readonly string[] TwoByTwo = ["--batch-sizes", "32,8", "--seeds", "2"];

    [Fact]
    public void Find_writes_curve_summary_and_prints_every_rule()
    {
        using var scratch = new Scratch();
        var outcome = Run(["find", .. Tiny(scratch.Path("find"))]);

        Assert.Equal(0, outcome.ExitCode);
        Assert.All(RuleName.All, rule => Assert.Contains(RuleName.Of(rule), outcome.Out));
        var csv = File.ReadAllLines(scratch.Path("find", "curve.csv"));
        Assert.Equal("step,lr,loss,smoothed_loss", csv[0]);
        var summary = JsonNode.Parse(File.ReadAllText(scratch.Path("find", "summary.json")))!;
        Assert.Equal(csv.Length - 1, summary["steps"]!.GetValue<int>());
        Assert.Equal(1e-3, double.Parse(csv[1].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public void Run_writes_every_output_and_a_rerun_does_no_repeated_work()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        var first = Run(["run", .. Tiny(output, TwoByTwo)]);
        Assert.Equal(0, first.ExitCode);
        foreach (var file in new[] { "curves.csv", "sweep.json", "config.json", "noise-scale.json", "report.html", "signature.png", "signature.svg",
                     "scaling-min-loss.png", "scaling-min-loss.svg", "seeds.png", "seeds.svg" })
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        Assert.Equal(4, Directory.GetFiles(Path.Combine(output, "runs")).Length);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "sweep.json")))!;
        Assert.Equal(4, summary["runs"]!.AsArray().Count);
        Assert.Empty(summary["missing"]!.AsArray());
        var written = Directory.GetFiles(Path.Combine(output, "runs")).ToDictionary(path => path, File.GetLastWriteTimeUtc);

        var second = Run(["run", .. Tiny(output, TwoByTwo)]);

        Assert.Equal(0, second.ExitCode);
        Assert.Equal(4, second.Error.Split('\n').Count(line => line.Contains("already done, kept")));
        Assert.All(written, pair => Assert.Equal(pair.Value, File.GetLastWriteTimeUtc(pair.Key)));
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public void Sweep_json_and_the_report_carry_fits_with_intervals_verdicts_noise_and_the_noise_scale()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, "--batch-sizes", "64,32,16,8", "--seeds", "3")]).ExitCode);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "sweep.json")))!;

        foreach (var rule in RuleName.All.Select(RuleName.Of))
        {
            var fit = summary["fits"]![rule]!;
            Assert.False(string.IsNullOrEmpty(fit["verdict"]!.GetValue<string>()));
            if (fit["power_law"] is not { } power) continue;
            var (exponent, interval) = (power["exponent"]!.GetValue<double>(), power["exponent_interval"]!.AsArray().Select(node => node!.GetValue<double>()).ToArray());
            Assert.True(interval[0] <= exponent && exponent <= interval[1], $"{rule}: {exponent} outside [{interval[0]}, {interval[1]}]");
        }

        Assert.Equal(4, summary["noise"]!.AsArray().Count);
        Assert.True(double.IsFinite(summary["noise_scale"]!["b_simple"]!.GetValue<double>()));
        Assert.Equal(2000, summary["bootstrap"]!["resamples"]!.GetValue<int>());
        var report = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("<h2>Findings</h2>", report);
        Assert.Contains("gradient noise scale B_simple", report);
        Assert.Contains(summary["fits"]!["min-loss"]!["verdict"]!.GetValue<string>(), report);
    }

    [Fact]
    public void Auto_range_measures_where_the_coarse_pass_falls_and_resumes_with_the_same_range()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        string[] arguments = ["run", "--data", "blobs", "--hidden", "16", "--steps", "40", "--batch-sizes", "32,8", "--seeds", "2", "--auto-range", "--out", output];

        var first = Run(arguments);

        Assert.Equal(0, first.ExitCode);
        var line = first.Error.Split('\n').Single(text => text.StartsWith("auto range: ", StringComparison.Ordinal));
        var schedule = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "sweep.json")))!["specification"]!["schedule"]!;
        var bounds = line["auto range: the coarse pass puts the interesting range at ".Length..].Split(" -> ").Select(text => double.Parse(text, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.True(bounds[0] >= 1e-7 && bounds[1] < 10 && bounds[0] < bounds[1], line); // blobs fall at once: the start clamps to the coarse range; the end is where it diverged
        Assert.Equal(("exponential", bounds[0], bounds[1]), (schedule["kind"]!.GetValue<string>(), schedule["start"]!.GetValue<double>(), schedule["end"]!.GetValue<double>()));

        var again = Run(arguments);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(4, again.Error.Split('\n').Count(text => text.Contains("already done, kept")));
    }

    [Fact]
    public void An_interrupted_run_keeps_finished_runs_and_the_same_command_finishes_it()
    {
        // One job, so that exactly one run is finished when the first progress line asks to stop:
        // with cells on two threads the other cell, a few milliseconds of 30 tiny steps, may finish
        // before it sees the request (seen in CI once the steps got faster), and 2 runs are kept.
        string[] oneJob = [.. TwoByTwo, "--jobs", "1"];
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        using var cancellation = new CancellationTokenSource();
        var interrupted = Run(cancellation.Token, line => { if (line.StartsWith("[1/4]", StringComparison.Ordinal)) cancellation.Cancel(); },
            ["run", .. Tiny(output, oneJob)]);

        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains("interrupted; 1 finished runs are kept", interrupted.Error);
        Assert.Single(Directory.GetFiles(Path.Combine(output, "runs")));

        var resumed = Run(["run", .. Tiny(output, oneJob)]);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Single(resumed.Error.Split('\n'), line => line.Contains("already done, kept"));
        Assert.Equal(4, Directory.GetFiles(Path.Combine(output, "runs")).Length);
        Assert.Equal(Run(["run", .. Tiny(scratch.Path("whole"), TwoByTwo)]).Out, resumed.Out);
    }

    [Fact]
    public void Shards_fill_one_folder_and_merge_to_the_unsharded_result()
    {
        using var scratch = new Scratch();
        var whole = Run(["run", .. Tiny(scratch.Path("whole"), TwoByTwo)]);
        var shared = scratch.Path("shared");

        var shard0 = Run(["run", .. Tiny(shared, [.. TwoByTwo, "--shard", "0/2"])]);
        Assert.Contains("2 runs still missing", shard0.Out);
        Assert.Equal(0, Run(["run", .. Tiny(shared, [.. TwoByTwo, "--shard", "1/2"])]).ExitCode);
        var merged = Run("plot", shared);

        Assert.Equal(0, merged.ExitCode);
        Assert.Equal(whole.Out, merged.Out);
        Assert.Equal(File.ReadAllText(scratch.Path("whole", "curves.csv")), File.ReadAllText(Path.Combine(shared, "curves.csv")));
        Assert.Equal(File.ReadAllText(scratch.Path("whole", "sweep.json")), File.ReadAllText(Path.Combine(shared, "sweep.json")));
    }

    [Fact]
    public void Shards_running_at_the_same_time_in_separate_processes_merge_to_the_unsharded_result()
    {
        using var scratch = new Scratch();
        var whole = Run(["run", .. Tiny(scratch.Path("whole"), TwoByTwo)]);
        var shared = scratch.Path("shared");
        var processes = Enumerable.Range(0, 2).Select(index => Process.Start(new ProcessStartInfo("dotnet",
            ["exec", Path.Combine(AppContext.BaseDirectory, "sweep.dll"), "run", .. Tiny(shared, [.. TwoByTwo, "--shard", $"{index}/2"])])
            { RedirectStandardOutput = true, RedirectStandardError = true })!).ToArray();
        var errors = processes.Select(process => process.StandardError.ReadToEndAsync()).ToArray();
        foreach (var process in processes)
        {
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
        }

        Assert.All(processes.Zip(errors, (process, error) => (process, error)), pair => Assert.True(pair.process.ExitCode == 0, pair.error.Result));
        var merged = Run("plot", shared);
        Assert.Equal(whole.Out, merged.Out);
        Assert.Equal(File.ReadAllText(scratch.Path("whole", "sweep.json")), File.ReadAllText(Path.Combine(shared, "sweep.json")));
        foreach (var process in processes) process.Dispose();
    }

    [Fact]
    public void Progress_redraws_one_line_on_a_terminal_and_writes_plain_lines_otherwise()
    {
        using var scratch = new Scratch();
        var live = new StringWriter();
        Assert.Equal(0, Sweep.Cli.Program.Run(["find", .. Tiny(scratch.Path("live"))], new Sweep.Cli.Terminal(new StringWriter(), live, Interactive: true)));
        Assert.Contains("\r\u001b[2K[1/1] bs64-seed0 step ", live.ToString());
        Assert.Contains(" ETA ", live.ToString());

        var plain = Run(["find", .. Tiny(scratch.Path("plain"))]);
        Assert.DoesNotContain("\u001b", plain.Error);
        // The header line comes first; each run's line starts a line of its own.
        Assert.Matches(@"(?m)^\[1/1\] bs64-seed0: (diverged|completed|non-finite) after \d+ steps", plain.Error);
    }

    [Fact]
    public void The_svgs_are_rendered_one_after_another_in_a_fixed_order()
    {
        // An SVG numbers its clip paths from a per-process counter: only a fixed order of the files
        // (signature, scaling, seeds) gives the same bytes every run, whatever the threads do.
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Run(["run", .. Tiny(output, TwoByTwo)]);
        var numbers = new[] { "signature.svg", "scaling-min-loss.svg", "seeds.svg" }
            .Select(name => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Path.Combine(output, name)), "id=\"cl_([0-9a-f]+)\"")
                .Select(match => Convert.ToInt64(match.Groups[1].Value, 16)).ToArray())
            .ToArray();
        Assert.All(numbers, Assert.NotEmpty);
        Assert.True(numbers[0].Max() < numbers[1].Min() && numbers[1].Max() < numbers[2].Min(),
            string.Join(" | ", numbers.Select(each => $"{each.Min()}-{each.Max()}")));
    }

    [Fact]
    public void Plot_redraws_from_files_alone_giving_the_same_outputs()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Run(["run", .. Tiny(output, TwoByTwo)]);
        var before = File.ReadAllText(Path.Combine(output, "sweep.json"));
        // PNGs only: an SVG numbers its clip paths with a per-process counter.
        string[] figures = ["signature.png", "scaling-min-loss.png", "seeds.png"];
        var drawn = figures.ToDictionary(name => name, name => File.ReadAllBytes(Path.Combine(output, name)));
        foreach (var name in figures.Append("curves.csv").Append("report.html")) File.Delete(Path.Combine(output, name));

        var plotted = Run("plot", Path.Combine(output, "sweep.json"));

        Assert.Equal(0, plotted.ExitCode);
        Assert.Equal(before, File.ReadAllText(Path.Combine(output, "sweep.json")));
        Assert.True(File.Exists(Path.Combine(output, "curves.csv")) && File.Exists(Path.Combine(output, "report.html")));
        // Drawn from the same numbers, the figures come out byte for byte the same.
        Assert.All(figures, name => Assert.Equal(drawn[name], File.ReadAllBytes(Path.Combine(output, name))));
    }

    [Fact]
    public void A_different_configuration_is_refused_unless_forced_and_more_seeds_reuse_old_runs()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Run(["run", .. Tiny(output, TwoByTwo)]);

        var changed = Run(["run", .. Tiny(output, [.. TwoByTwo, "--momentum", "0.5"])]);
        Assert.Equal(2, changed.ExitCode);
        Assert.Contains("holds a sweep with a different configuration (optimizer differs); use another --out, or --force", changed.Error);

        // A change in the fifth digit is still a change, named by the part of the specification it is in.
        var subtle = Run(["run", "--data", "blobs", "--hidden", "16", "--steps", "30", "--start", "1.0001e-3", "--out", output, .. TwoByTwo]);
        Assert.Equal(2, subtle.ExitCode);
        Assert.Contains("holds a sweep with a different configuration (schedule differs)", subtle.Error);

        var moreSeeds = Run(["run", .. Tiny(output, "--batch-sizes", "32,8", "--seeds", "3")]);
        Assert.Equal(4, moreSeeds.Error.Split('\n').Count(line => line.Contains("already done, kept")));

        var forced = Run(["run", .. Tiny(output, [.. TwoByTwo, "--momentum", "0.5", "--force"])]);
        Assert.Equal(0, forced.ExitCode);
        Assert.DoesNotContain("already done", forced.Error);
    }

    [Fact]
    public void Suggest_reads_a_curve_from_elsewhere_and_answers_as_the_reference_did()
    {
        using var scratch = new Scratch();
        var reference = ReferenceData.Load("digits-runs/runs.json")["cases"]!.AsArray()[0]!["fastai"]!;
        var lrs = ReferenceData.Numbers(reference["lrs"]);
        var raw = ReferenceData.Numbers(reference["raw_losses"]);
        var csv = scratch.Path("exported.csv");
        File.WriteAllLines(csv, ["lr,loss", .. lrs.Zip(raw, (lr, loss) => $"{lr:R},{loss:R}")]);

        var outcome = Run("suggest", csv, "--json", "--iterations", "100");
        // The same curve exported already smoothed (as fastai's recorder holds it) gives the same answers with --smoothed.
        var smoothedCsv = scratch.Path("smoothed.csv");
        File.WriteAllLines(smoothedCsv, ["lr,loss", .. lrs.Zip(ReferenceData.Numbers(reference["smoothed_losses"]), (lr, loss) => $"{lr:R},{loss:R}")]);
        var fromSmoothed = Run("suggest", smoothedCsv, "--json", "--iterations", "100", "--smoothed");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(0, fromSmoothed.ExitCode);
        foreach (var (rule, expected) in reference["suggestions"]!.AsObject())
            Assert.True(ReferenceData.Close(ReferenceData.Number(JsonNode.Parse(fromSmoothed.Out)![rule]), ReferenceData.Number(expected), 1e-6), rule);
        var answers = JsonNode.Parse(outcome.Out)!.AsObject();
        foreach (var (rule, expected) in reference["suggestions"]!.AsObject())
            Assert.True(ReferenceData.Close(ReferenceData.Number(answers[rule]), ReferenceData.Number(expected), 1e-6), $"{rule}: {answers[rule]} vs {expected}");
        Assert.Equal(RuleName.All.Count, answers.Count);
    }

    [Fact]
    public void One_seed_alone_is_written_with_a_trailing_comma()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, "--batch-sizes", "8", "--seeds", "7,")]).ExitCode);
        Assert.Equal("bs8-seed7.json", Path.GetFileName(Assert.Single(Directory.GetFiles(Path.Combine(output, "runs")))));
    }

    [Fact]
    public void Every_command_has_complete_help_with_defaults()
    {
        foreach (var command in new[] { "run", "find", "plot", "suggest", "recommend", "list", "bench" })
        {
            var help = Run(command, "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.StartsWith($"sweep {command}: ", help.Out);
        }

        var run = Run("run", "--help").Out;
        foreach (var expected in new[] { "[default: fashion-mnist]", "[default: 64,32,16,8]", "[default: 5]", "[default: 1e-4]", "[default: min-loss]", "valley", "--shard" })
            Assert.Contains(expected, run);
        Assert.Contains("Commands:", Run("--help").Out);
    }

    [Fact]
    public void List_names_every_dataset_model_optimizer_preset_and_rule()
    {
        var listed = Run("list").Out;
        foreach (var expected in new[] { "dataset    fashion-mnist", "model      resnet18", "model      resnet18-imagenet", "optimizer  adamw", "preset     pytorch-lr-finder", "preset     fastai-0.7", "rule       min-loss" })
            Assert.Contains(expected, listed);
    }

    [Fact]
    public void The_same_seed_and_threads_give_the_same_bits_across_processes()
    {
        using var scratch = new Scratch();
        var inProcess = Run(["find", .. Tiny(scratch.Path("here"))]);
        Assert.Equal(0, inProcess.ExitCode);
        var expected = File.ReadAllBytes(scratch.Path("here", "curve.csv"));
        foreach (var name in new[] { "first", "second" })
        {
            var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "sweep.dll"), "find", .. Tiny(scratch.Path(name))])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
            Assert.Equal(expected, File.ReadAllBytes(scratch.Path(name, "curve.csv")));
        }
    }
}
