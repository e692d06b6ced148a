using System.Diagnostics;
using Xunit;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// `run --jobs N` runs N cells at a time: a catalogue model's on threads of one process, a
/// pretrained head's in worker processes. Either way the runs must be the same bits as those of
/// one job, and the parent writes the outputs from them. Started as the real command
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

    [Theory]
    [InlineData("2")]
    [InlineData("4")]
    public void Cells_on_threads_write_the_same_run_files_byte_for_byte_as_one_job(string jobs)
    {
        using var scratch = new Scratch();
        var (one, many) = (scratch.Path("one"), scratch.Path("many"));
        var first = Sweep(Run(one, "1"));
        var second = Sweep(Run(many, jobs));
        Assert.True(first.Code == 0, first.Error);
        Assert.True(second.Code == 0, second.Error);
        Assert.Contains($"(6 runs, {jobs} at a time)", second.Error);  // the cells really ran side by side
        Assert.DoesNotContain("shard 1/", second.Error);  // on threads, not in worker processes
        SameOutputs(one, many, 6, "sweep.json", "curves.csv", "noise-scale.json");
    }

    [Fact]
    public void A_pretrained_head_in_two_worker_processes_writes_the_same_run_files_as_one_job()
    {
        using var scratch = new Scratch();
        var (one, two) = (scratch.Path("one"), scratch.Path("two"));
        string[] Pretrained(string output, string jobs) =>
            ["run", "--data", Path.Combine(ReferenceData.SourceFolder, "pets"), "--model", "resnet18-imagenet", "--image-size", "32",
             "--batch-sizes", "4,2", "--seeds", "1", "--steps", "12", "--out", output, "--jobs", jobs];
        var first = Sweep(Pretrained(one, "1"));
        var second = Sweep(Pretrained(two, "2"));
        Assert.True(first.Code == 0, first.Error);
        Assert.True(second.Code == 0, second.Error);
        Assert.Contains("shard 1/2", second.Error);  // a worker process really ran
        SameOutputs(one, two, 2, "sweep.json", "curves.csv");
    }

    private static void SameOutputs(string one, string other, int runs, params string[] outputs)
    {
        var names = Directory.GetFiles(Path.Combine(one, "runs")).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(runs, names.Length);
        Assert.Equal(names, Directory.GetFiles(Path.Combine(other, "runs")).Select(Path.GetFileName).Order().ToArray());
        foreach (var name in names)
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, "runs", name!)), File.ReadAllBytes(Path.Combine(other, "runs", name!)));
        foreach (var output in outputs)
            Assert.Equal(File.ReadAllText(Path.Combine(one, output)), File.ReadAllText(Path.Combine(other, output)));
        Assert.True(File.Exists(Path.Combine(other, "report.html")));
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
