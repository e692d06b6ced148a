using System.Globalization;
using System.Text.Json.Nodes;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// A run file that does not belong where it lies (copied from a folder with another configuration,
/// renamed to another cell, or edited) is refused by `plot` in one line naming it, and redone by
/// `run` with a one-line notice; the redone run is the run the folder had before, byte for byte.
/// </summary>
[Collection(TorchCollection.Name)]
public class IdentityTests
{
    private static readonly string[] Cells = ["--batch-sizes", "32,8", "--seeds", "1"];

    [Fact]
    public void A_run_file_copied_from_a_folder_with_another_configuration_is_refused_by_plot_and_redone_by_run()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, Cells)]).ExitCode);
        Assert.Equal(0, Run(["run", .. Tiny(scratch.Path("other"), [.. Cells, "--momentum", "0.5"])]).ExitCode);
        var original = File.ReadAllBytes(RunPath(output, "bs8-seed0"));

        File.Copy(RunPath(scratch.Path("other"), "bs8-seed0"), RunPath(output, "bs8-seed0"), overwrite: true);

        AssertRefusedThenRedone(output, "bs8-seed0", "was made with another configuration", original);
    }

    [Fact]
    public void A_run_file_renamed_to_another_cell_is_refused_by_plot_and_redone_by_run()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, Cells)]).ExitCode);
        var original = File.ReadAllBytes(RunPath(output, "bs32-seed0"));

        File.Copy(RunPath(output, "bs8-seed0"), RunPath(output, "bs32-seed0"), overwrite: true);

        AssertRefusedThenRedone(output, "bs32-seed0", "holds the run of bs8-seed0, not of bs32-seed0", original);
    }

    [Fact]
    public void A_run_file_with_one_digit_of_one_loss_changed_is_refused_by_plot_and_redone_by_run()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, Cells)]).ExitCode);
        var path = RunPath(output, "bs8-seed0");
        var original = File.ReadAllBytes(path);

        var (edited, before, after) = ChangeOneDigitOfTheFirstLoss(File.ReadAllText(path));
        File.WriteAllText(path, edited);

        Assert.NotEqual(before, after);
        Assert.Equal(after, JsonNode.Parse(File.ReadAllText(path))!["losses"]![0]!.GetValue<double>());
        AssertRefusedThenRedone(output, "bs8-seed0", "does not match its checksum", original);
    }

    [Fact]
    public void Run_files_record_schema_fingerprint_cell_and_checksum_and_config_json_the_same_fingerprint()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, Cells)]).ExitCode);

        var fingerprint = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!["fingerprint"]!.GetValue<string>();
        var run = JsonNode.Parse(File.ReadAllText(RunPath(output, "bs32-seed0")))!;
        Assert.Matches("^[0-9a-f]{64}$", fingerprint);
        Assert.Equal(1, run["schema"]!.GetValue<int>());
        Assert.Equal(fingerprint, run["fingerprint"]!.GetValue<string>());
        Assert.Equal((32, 0), (run["batch_size"]!.GetValue<int>(), run["seed"]!.GetValue<int>()));
        Assert.Matches("^[0-9a-f]{64}$", run["checksum"]!.GetValue<string>());
    }

    [Fact]
    public void A_folder_whose_config_json_has_no_fingerprint_is_refused_by_run_and_plot_in_one_line()
    {
        using var scratch = new Scratch();
        var output = scratch.Path("sweep");
        Assert.Equal(0, Run(["run", .. Tiny(output, Cells)]).ExitCode);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!.AsObject();
        config.Remove("fingerprint");
        File.WriteAllText(Path.Combine(output, "config.json"), config.ToJsonString());

        var rerun = Run(["run", .. Tiny(output, Cells)]);
        var plotted = Run("plot", output);

        Assert.Equal((2, 2), (rerun.ExitCode, plotted.ExitCode));
        Assert.Contains("different configuration (it was written by an older version of sweep, before fingerprints); use another --out, or --force", Assert.Single(Lines(rerun.Error)));
        Assert.Contains("has no config.json with a fingerprint", Assert.Single(Lines(plotted.Error)));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(output, "runs")).Length);
    }

    internal static string RunPath(string output, string cell) => Path.Combine(output, "runs", cell + ".json");

    internal static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void AssertRefusedThenRedone(string output, string cell, string reason, byte[] original)
    {
        var path = RunPath(output, cell);
        var tampered = File.ReadAllBytes(path);

        var plotted = Run("plot", output);

        Assert.Equal(2, plotted.ExitCode);
        var line = Assert.Single(Lines(plotted.Error));
        Assert.StartsWith($"sweep: {path} {reason}", line);
        Assert.EndsWith("; delete it, or rerun 'sweep run' with the folder's options to redo it.", line);
        Assert.Equal(tampered, File.ReadAllBytes(path));

        var rerun = Run(["run", .. Tiny(output, Cells)]);

        Assert.Equal(0, rerun.ExitCode);
        var notice = Assert.Single(Lines(rerun.Error), text => text.StartsWith("sweep: ", StringComparison.Ordinal));
        Assert.StartsWith($"sweep: {path} {reason}", notice);
        Assert.EndsWith("; running it again.", notice);
        Assert.Single(Lines(rerun.Error), text => text.Contains("already done, kept"));
        Assert.Equal(original, File.ReadAllBytes(path));
        Assert.Equal(0, Run("plot", output).ExitCode);
    }

    // The first decimal of the first loss, one up (9 becomes 8): the file stays valid JSON. (Its last
    // digit would not do: a float's value written as a double has more digits than tell doubles apart.)
    private static (string Edited, double Before, double After) ChangeOneDigitOfTheFirstLoss(string json)
    {
        var start = json.IndexOf("\"losses\":[", StringComparison.Ordinal) + "\"losses\":[".Length;
        var end = start;
        while ("0123456789.eE+-".Contains(json[end])) end++;
        var number = json[start..end];
        var digit = number.IndexOf('.') + 1;
        var changed = number[..digit] + (number[digit] == '9' ? '8' : (char)(number[digit] + 1)) + number[(digit + 1)..];
        return (json[..start] + changed + json[end..], double.Parse(number, CultureInfo.InvariantCulture), double.Parse(changed, CultureInfo.InvariantCulture));
    }
}
