using Sweep.Cli.Files;
using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>The figures of `find`, `run` and `plot`: where they go and what they are drawn from.</summary>
public static class Plots
{
    /// <summary>finder.png/.svg: one range test with its suggestions.</summary>
    public static void Finder(string folder, RunResult result, IReadOnlyList<Rule> rules)
    {
    }

    /// <summary>The sweep's figures and report.html.</summary>
    public static void Sweep(string folder, SweepSummary.Contents contents, IReadOnlyList<BatchSizeSummary> aggregates, IReadOnlyDictionary<Rule, PowerLawFit?> fits)
    {
    }
}
