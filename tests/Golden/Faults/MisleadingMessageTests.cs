using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Faults;

/// <summary>Messages that once said something other than the truth, each now naming the file or option, the value, the rule and a fix.</summary>
[Collection(TorchCollection.Name)]
public class MisleadingMessageTests
{
    private static string Sweep(Cli.Scratch scratch, params string[] more)
    {
        var output = scratch.Path("out");
        Assert.Equal(0, Run(["run", .. Tiny(output, ["--batch-sizes", "8,16", "--seeds", "1", "--quiet", .. more])]).ExitCode);
        return output;
    }

    [Fact]
    public void A_run_file_without_fields_names_the_missing_fields_not_a_null_reference()
    {
        using var scratch = new Cli.Scratch();
        var output = Sweep(scratch);
        File.WriteAllText(Path.Combine(output, "runs", "bs8-seed0.json"), """{"x":1}""");
        var before = FaultAssert.Snapshot(output);
        var outcome = Run(["plot", output]);
        FaultAssert.Refused(outcome, 2, "bs8-seed0.json is not a readable run file (it lacks stop, suggestions, learning_rates, losses, smoothed_losses); delete it");
        Assert.DoesNotContain("Object reference", outcome.Error);
        FaultAssert.Unchanged(output, before);
    }

    [Fact]
    public void One_changed_setting_differs_in_the_singular()
    {
        using var scratch = new Cli.Scratch();
        var output = Sweep(scratch);
        var before = FaultAssert.Snapshot(output);
        var outcome = Run(["run", .. Tiny(output, "--batch-sizes", "8,16", "--seeds", "1", "--quiet", "--schedule", "linear")]);
        FaultAssert.Refused(outcome, 2, "(schedule differs); use another --out, or --force");
        FaultAssert.Unchanged(output, before);
    }

    [Fact]
    public void Two_steps_give_no_measured_ratio_and_say_so_instead_of_NaN()
    {
        using var scratch = new Cli.Scratch();
        var outcome = Run(["run", .. Tiny(scratch.Path("out"), "--batch-sizes", "8,16", "--seeds", "2", "--quiet", "--steps", "2")]);
        Assert.Equal(0, outcome.ExitCode);
        Assert.DoesNotContain("NaN", outcome.Out);
        Assert.Contains("not measured (min-loss gave no suggestion at one of them", outcome.Out);
    }

    [Fact]
    public void Plot_help_says_it_uses_the_plan_of_the_last_run()
    {
        var outcome = Run("plot", "--help");
        Assert.Equal(0, outcome.ExitCode);
        Assert.DoesNotContain("Merges every run", outcome.Out);
        Assert.Contains("Merges the runs of the folder's plan", outcome.Out);
    }

    [Fact]
    public void The_help_overview_documents_exit_code_1()
    {
        Assert.Contains("1 failure at run time", Run("--help").Out);
    }

    [Fact]
    public void A_file_where_the_runs_folder_belongs_is_one_line_naming_it()
    {
        using var scratch = new Cli.Scratch();
        var output = Sweep(scratch);
        Directory.Delete(Path.Combine(output, "runs"), recursive: true);
        File.WriteAllText(Path.Combine(output, "runs"), "in the way");
        var before = FaultAssert.Snapshot(output);
        var outcome = Run(["run", .. Tiny(output, "--batch-sizes", "8,16", "--seeds", "1", "--quiet")]);
        FaultAssert.Refused(outcome, 1, Path.Combine(output, "runs"));
        FaultAssert.Unchanged(output, before);
    }
}
