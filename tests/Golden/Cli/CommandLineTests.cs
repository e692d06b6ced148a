using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Sweep.Cli;
using Sweep.Cli.Commands;
using Sweep.Domain;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// The command line's grammar: --switch=false, -- ending the options, response files, "did you
/// mean", --version, generated help with every default, shell completion, and a missing value
/// named by the option that lacks it.
/// </summary>
[Collection(TorchCollection.Name)]
public class CommandLineTests
{
    private static string OnlyErrorLine(Outcome outcome)
    {
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("", outcome.Out);
        var line = Assert.Single(outcome.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sweep: ", line);
        return line;
    }

    [Fact]
    public void A_switch_given_false_is_off_and_given_true_or_bare_is_on()
    {
        Assert.False(CommandLineRequest.From(Program.Parse(["find", "--nesterov=false"])).Nesterov);
        Assert.True(CommandLineRequest.From(Program.Parse(["find", "--nesterov=true"])).Nesterov);
        Assert.True(CommandLineRequest.From(Program.Parse(["find", "--nesterov"])).Nesterov);
        Assert.True(CommandLineRequest.From(Program.Parse(["find", "--nesterov", "--momentum", "0.5"])).Nesterov);
        Assert.Null(CommandLineRequest.From(Program.Parse(["find"])).Nesterov);
    }

    [Fact]
    public void Nesterov_false_trains_without_nesterov_and_true_with_it()
    {
        using var scratch = new Scratch();
        string Optimizer(string folder, string flag)
        {
            Assert.Equal(0, Run(["find", .. Tiny(scratch.Path(folder), flag, "--quiet")]).ExitCode);
            return JsonNode.Parse(File.ReadAllText(scratch.Path(folder, "summary.json")))!["specification"]!["optimizer"]!.ToJsonString();
        }

        Assert.Equal("""{"kind":"sgd","momentum":0.9,"nesterov":false,"weight_decay":0}""", Optimizer("off", "--nesterov=false"));
        Assert.Equal("""{"kind":"sgd","momentum":0.9,"nesterov":true,"weight_decay":0}""", Optimizer("on", "--nesterov=true"));
        // Off needs no momentum: before, any --nesterov turned it on and this was refused.
        Assert.Equal(0, Run(["find", .. Tiny(scratch.Path("adam"), "--optimizer", "adam", "--nesterov=false", "--quiet")]).ExitCode);
    }

    [Fact]
    public void A_switch_given_something_else_is_refused_naming_it() =>
        Assert.Contains("option --nesterov takes true or false, got 'maybe'", OnlyErrorLine(Run("find", "--nesterov=maybe")));

    [Fact]
    public void Double_dash_ends_the_options()
    {
        var parsed = Program.Parse(["suggest", "--json", "--", "--rules"]);
        Assert.Empty(parsed.Errors);
        Assert.Equal(["--rules"], parsed.GetValue(SuggestCommand.Curve)!);
        Assert.True(parsed.GetValue(SuggestCommand.Json));
        Assert.Equal(["all"], parsed.GetValue(SuggestCommand.Rules));
        // The command receives the option-looking word as its folder.
        Assert.Contains("no such folder '--weird'", OnlyErrorLine(Run("plot", "--", "--weird")));
    }

    [Theory]
    [InlineData("find", "--stpes", "did you mean --steps?")]
    [InlineData("run", "--batch-size", "did you mean --batch-sizes?")]
    [InlineData("find", "--modle", "did you mean --model?")]
    [InlineData("suggest", "--jsn", "did you mean --json?")]
    public void A_misspelt_option_suggests_the_one_meant(string command, string misspelt, string suggestion)
    {
        var line = OnlyErrorLine(Run(command, misspelt, "5"));
        Assert.Contains($"unknown option {misspelt} for 'sweep {command}'; {suggestion}", line);
    }

    [Theory]
    [InlineData("--stpes", "--steps", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("--model", "--model", 0)]
    [InlineData("", "--end", 5)]
    [InlineData("ca", "abc", 3)]
    public void Edit_distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Distance(a, b));
        Assert.Equal(expected, Suggestions.Distance(b, a));
    }

    [Fact]
    public void Equally_near_names_are_all_suggested() =>
        Assert.Equal(["--seed", "--seeds"], Suggestions.Nearest("--seedz", ["--seed", "--seeds", "--steps"]));

    [Fact]
    public void An_option_unlike_any_gets_no_guess() =>
        Assert.DoesNotContain("did you mean", OnlyErrorLine(Run("find", "--frobnicate", "3")));

    [Fact]
    public void Version_prints_the_informational_version()
    {
        var expected = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var outcome = Run("--version");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(expected, outcome.Out.Trim());
        Assert.StartsWith("0.1.0", outcome.Out);
        Assert.Equal("", outcome.Error);
    }

    [Fact]
    public void Help_lists_every_option_with_its_default()
    {
        var help = Run("find", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Equal("", help.Error);
        var lines = help.Out.Split('\n').Select(line => line.TrimEnd()).ToArray();
        string Line(string option) => Assert.Single(lines, line => line.StartsWith($"  {option} ", StringComparison.Ordinal));
        foreach (var (option, shown) in new[]
        {
            ("--data", "fashion-mnist"), ("--image-size", "28; 224 or 64 for a pretrained model"), ("--channels", "grey"), ("--model", "mlp"), ("--weights", "none"),
            ("--hidden", "128"), ("--optimizer", "sgd"), ("--momentum", "0.9"), ("--weight-decay", "0"), ("--start", "1e-7 (fastai-0.7: 1e-5), the preset's usual start"),
            ("--end", "10"), ("--steps", "100"), ("--schedule", "exp"), ("--preset", "fastai"), ("--beta", "the preset's"),
            ("--divergence", "the preset's"), ("--rules", "all"), ("--accumulate", "1"), ("--threads", "1"), ("--out", "sweep-find"),
            ("--batch-size", "64"), ("--seed", "0"),
        })
            Assert.EndsWith($"[default: {shown}]", Line(option));
        foreach (var flag in new[] { "--unfreeze", "--nesterov", "--quiet" })
            Assert.DoesNotContain("[default:", Line(flag));
        Assert.Contains("  -h, --help", help.Out);
        // Every option the command accepts is listed, each with a description.
        foreach (var option in FindCommand.Spec.Command.Options.Where(option => option.Name != "--help"))
            Assert.Matches(@"\S.*\S", Line(option.Name)[(option.Name.Length + 2)..]);
        // The shared --start and --out show each command's own default.
        Assert.Contains("[default: sweep-output]", Run("run", "--help").Out);
    }

    [Fact]
    public void A_response_file_supplies_arguments_and_later_ones_win()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("out");
        File.WriteAllLines(scratch.Path("args.rsp"), ["--data blobs", "--hidden 16", "--steps 30", "--start 1e-3", $"--out {output}", "--quiet"]);
        var outcome = Run("find", "@" + scratch.Path("args.rsp"), "--steps", "12");
        Assert.Equal(0, outcome.ExitCode);
        var specification = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "summary.json")))!["specification"]!;
        Assert.Equal("blobs", specification["data"]!["name"]!.GetValue<string>());
        Assert.Equal(0.001, specification["schedule"]!["start"]!.GetValue<double>());
        Assert.Equal(12, specification["schedule"]!["steps"]!.GetValue<int>());
        Assert.Contains("no such response file", OnlyErrorLine(Run("find", "@" + scratch.Path("absent.rsp"))));
    }

    [Fact]
    public void Completions_of_a_partial_option_include_the_options_it_starts()
    {
        var outcome = Run("[suggest:8]", "run --mo");
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(["--model", "--momentum"], outcome.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("--batch-sizes", Run("[suggest:4]", "run ").Out.Split('\n', StringSplitOptions.TrimEntries));
        // Values too, where the names are known.
        Assert.Equal(["resnet18", "resnet18-imagenet", "resnet34"], Run("[suggest:16]", "run --model resn").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal(["bash"], Run("[suggest:13]", "completion ba").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void The_bash_completion_script_completes_through_the_built_command()
    {
        var sweep = Path.Combine(AppContext.BaseDirectory, "sweep.dll");
        var script = string.Join("\n",
            $"sweep() {{ dotnet exec '{sweep}' \"$@\"; }}",
            "source <(sweep completion bash)",
            "COMP_LINE='sweep run --mo'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(sweep run --mo); COMP_CWORD=2",
            "_sweep_completions",
            "printf '%s\\n' \"${COMPREPLY[@]}\"");
        var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        Assert.Equal(["--model", "--momentum"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void An_option_followed_by_another_option_is_named_as_missing_its_value()
    {
        var line = OnlyErrorLine(Run("find", "--start", "--end", "5"));
        Assert.Contains("option --start needs a value, but --end follows it; e.g. --start 1e-7.", line);
    }

    [Fact]
    public void The_request_holds_every_experiment_option_as_given_and_null_for_the_rest()
    {
        var request = CommandLineRequest.From(Program.Parse(
        [
            "run", "--data", "digits", "--image-size", "32", "--channels", "rgb", "--model", "resnet18", "--hidden", "64,32",
            "--weights", "w.pt", "--unfreeze", "--optimizer", "adamw", "--momentum", "0.8", "--nesterov=false", "--weight-decay", "1e-4",
            "--schedule", "linear", "--preset", "pytorch-lr-finder", "--start", "1e-5", "--end", "inf", "--steps", "40",
            "--beta", "0.9", "--divergence", "4", "--accumulate", "2", "--threads", "1",
        ]));
        Assert.Equal(new ExperimentRequest
        {
            Data = "digits", ImageSize = 32, Channels = "rgb", Model = "resnet18", Weights = "w.pt", Unfreeze = true,
            Optimizer = "adamw", Momentum = 0.8, Nesterov = false, WeightDecay = 1e-4, Schedule = "linear", Preset = "pytorch-lr-finder",
            Start = 1e-5, End = double.PositiveInfinity, Steps = 40, Beta = 0.9, Divergence = 4, Accumulate = 2, Threads = 1,
            Hidden = request.Hidden,
        }, request);
        Assert.Equal([64, 32], request.Hidden!);
        Assert.Equal(new ExperimentRequest(), CommandLineRequest.From(Program.Parse(["find", "--quiet", "--seed", "3"])));
    }

    [Fact]
    public void Options_are_read_through_their_fields_never_by_name()
    {
        var byName = new System.Text.RegularExpressions.Regex(@"\.Get(Value|RequiredValue|Result)(<[^>]*>)?\(\s*""");
        var offenders = Directory.EnumerateFiles(Path.Combine(ReferenceData.RepositoryRoot, "src", "Cli"), "*.cs", SearchOption.AllDirectories)
            .Where(path => byName.IsMatch(File.ReadAllText(path))).ToArray();
        Assert.Empty(offenders);
        Assert.Matches(byName, "parsed.GetValue<int>(\"steps\")");
    }

    [Fact]
    public void Stray_words_are_named()
    {
        Assert.Contains("'sweep find' takes no arguments, got '7'", OnlyErrorLine(Run("find", "--steps", "5", "7")));
        Assert.Contains("unknown shell 'zsh'; known shells: bash.", OnlyErrorLine(Run("completion", "zsh")));
    }
}
