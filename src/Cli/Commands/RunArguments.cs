using Sweep.Domain;

namespace Sweep.Cli.Commands;

/// <summary>The lists `run` takes that are its own, not the experiment's: --seeds and --targets.</summary>
public static class RunArguments
{
    /// <summary>--targets: positive batch sizes, or null for the default ones.</summary>
    public static IReadOnlyList<double>? Targets(IReadOnlyList<int>? targets)
    {
        if (targets is null) return null;
        return targets.All(size => size >= 1)
            ? targets.Distinct().Order().Select(size => (double)size).ToArray()
            : throw new UsageException($"--targets must be positive batch sizes, got {string.Join(",", targets)}; e.g. --targets 128,256.");
    }

    /// <summary>--seeds: "5" means seeds 0..4; "0,3,7" means those seeds; "7," means seed 7 alone.</summary>
    public static IReadOnlyList<int> Seeds(string text, int batchSizes)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var numbers = parts.Select(part => int.TryParse(part, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : (int?)null).ToArray();
        if (numbers.Length == 0 || numbers.Any(number => number is null))
            throw new UsageException($"option --seeds must be a count or a comma-separated list of whole numbers, got '{text}'.");
        var seeds = numbers.Select(number => number!.Value).ToArray();
        if (seeds.Length != 1 || text.Contains(',')) return seeds;
        if (seeds[0] < 1) throw new UsageException($"--seeds must be a positive count or a list of seeds, got {seeds[0]}.");
        // Checked before the seeds are made: 100000000 of them would take gigabytes first.
        if (seeds[0] > SweepPlan.MaximumCells)
            throw new UsageException($"--seeds {seeds[0]} asks for more cells than a sweep may have ({SweepPlan.MaximumCells}); give a count of at most {SweepPlan.MaximumCells / Math.Max(1, batchSizes)}.");
        return Enumerable.Range(0, seeds[0]).ToArray();
    }
}
