using System.Diagnostics;
using Xunit;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// `run --jobs N` spreads the cells over N worker processes: the runs must be the same bits as those
/// of one process, and the parent writes the outputs from them. Started as the real command
/// (`dotnet exec sweep.dll`), since workers are copies of the process.
/// </summary>
public class JobsTests
{
    private static (int Code, string Error) Sweep(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "sweep.dll"), .. arguments])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "sweep run did not finish within 3 minutes");
        return (process.ExitCode, error.Result);
    }

    private static string[] Run(string output, string jobs) =>
        ["run", .. CliHarness.Tiny(output, "--batch-sizes", "16,8", "--seeds", "3", "--jobs", jobs)];

    [Fact]
    public void Two_jobs_write_the_same_run_files_byte_for_byte_as_one()
    {
        using var scratch = new Scratch();
        var (one, two) = (scratch.Path("one"), scratch.Path("two"));
        var first = Sweep(Run(one, "1"));
        var second = Sweep(Run(two, "2"));
        Assert.True(first.Code == 0, first.Error);
        Assert.True(second.Code == 0, second.Error);
        Assert.Contains("shard 1/2", second.Error);  // two workers really ran
        var names = Directory.GetFiles(Path.Combine(one, "runs")).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(6, names.Length);
        Assert.Equal(names, Directory.GetFiles(Path.Combine(two, "runs")).Select(Path.GetFileName).Order().ToArray());
        foreach (var name in names)
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, "runs", name!)), File.ReadAllBytes(Path.Combine(two, "runs", name!)));
        foreach (var output in new[] { "sweep.json", "curves.csv", "noise-scale.json" })
            Assert.Equal(File.ReadAllText(Path.Combine(one, output)), File.ReadAllText(Path.Combine(two, output)));
        Assert.True(File.Exists(Path.Combine(two, "report.html")));
    }

    [Fact]
    public void Jobs_below_one_is_bad_input()
    {
        using var scratch = new Scratch();
        var (code, error) = Sweep(Run(scratch.Path("out"), "0"));
        Assert.Equal(2, code);
        Assert.Contains("--jobs must be at least 1", error);
    }
}
