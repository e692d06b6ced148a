using System.Diagnostics;
using Sweep.Domain;
using Sweep.Training.Data;

namespace Sweep.Training.Transfer;

/// <summary>
/// Times a whole transfer sweep (every batch size × seed cell, one after another) with the frozen
/// body's features cached or computed for every batch, and reads the peak resident memory of each.
/// The cached figure includes computing every feature once (the cache starts empty, in memory), so
/// it is what a first sweep costs; a second invocation that finds the file costs less still.
/// </summary>
public static class TransferBenchmark
{
    /// <summary>One measured sweep: its wall-clock seconds, peak memory, results and whether the peak was reset before it.</summary>
    public sealed record Measurement(bool Cached, double Seconds, long PeakBytes, bool PeakSinceStart, IReadOnlyList<RunResult> Results);

    /// <summary>Runs the sweep of <paramref name="recipe"/> (a frozen pretrained model) over <paramref name="batchSizes"/> × <paramref name="seeds"/> on <paramref name="data"/>, cached or not.</summary>
    public static Measurement Measure(Backbone backbone, LoadedData data, CellRecipe recipe, IReadOnlyList<int> batchSizes, IReadOnlyList<int> seeds,
        FinderOptions finder, bool cached, IProgress<string>? progress = null)
    {
        GC.Collect();
        var reset = PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        var results = new List<RunResult>();
        using (var sweep = CellPipeline.Open(backbone, data, recipe, cacheFolder: null, cacheFeatures: cached))
        {
            foreach (var batchSize in batchSizes)
                foreach (var seed in seeds)
                {
                    results.Add(sweep.RunCell(finder, new SweepCell(batchSize, seed)));
                    progress?.Report($"{(cached ? "cached" : "uncached")} batch {batchSize} seed {seed}: {clock.Elapsed.TotalSeconds:F1} s");
                }
        }

        return new Measurement(cached, clock.Elapsed.TotalSeconds, PeakMemory.Bytes(), !reset, results);
    }
}
