using System.Runtime.CompilerServices;

using System.Threading.Tasks;

namespace Sweep.Domain;

/// <summary>
/// The seeded bootstrap of a sweep's fits. A sweep measures each batch size with several seeds; a
/// resample keeps that design — every batch size keeps as many answers as it has — and draws those
/// answers with replacement from the batch size's own answers (a stratified bootstrap: seeds are
/// exchangeable within a batch size, the batch sizes are fixed by the plan).
/// <para>Resample k draws from the SplitMix64 stream <c>SeededRandom.Derive(seed, k)</c> over the
/// points in a canonical order (batch sizes ascending, each one's learning rates ascending), so it
/// is a function of the seed, k and the multiset of points, whatever order they came in.</para>
/// <para>The percentile interval at level ℓ is [q((1 − ℓ)/2), q((1 + ℓ)/2)] of the resampled
/// statistic, q the type-7 quantile of <see cref="Statistics"/> on the values with ±∞ kept (a fit
/// reports the limit of a parameter the resample does not identify) and NaN left out.</para>
/// Out-of-range settings are read, not refused: fewer than one resample counts as one, a level is
/// clamped to [0, 1] and NaN counts as <see cref="DefaultLevel"/>.
/// </summary>
public static class Bootstrap
{
    /// <summary>Resamples unless told otherwise.</summary>
    public const int DefaultResamples = 2000;

    /// <summary>The interval's coverage unless told otherwise.</summary>
    public const double DefaultLevel = 0.95;

    /// <summary>
    /// The usable points — finite positive batch size and learning rate — grouped by batch size in
    /// ascending order, each group's learning rates ascending.
    /// </summary>
    public static IReadOnlyList<(double BatchSize, double[] LearningRates)> Groups(IEnumerable<(double BatchSize, double LearningRate)> points) =>
        points.Where(point => Usable(point.BatchSize) && Usable(point.LearningRate))
            .GroupBy(point => point.BatchSize)
            .OrderBy(group => group.Key)
            .Select(group => (group.Key, group.Select(point => point.LearningRate).Order().ToArray()))
            .ToArray();

    /// <summary>The points of <paramref name="groups"/> in their canonical order.</summary>
    public static (double BatchSize, double LearningRate)[] Points(IReadOnlyList<(double BatchSize, double[] LearningRates)> groups) =>
        groups.SelectMany(group => group.LearningRates.Select(rate => (group.BatchSize, rate))).ToArray();

    /// <summary>
    /// Resample <paramref name="index"/>: for each batch size in turn, as many draws with
    /// replacement from its learning rates as it has, each draw uniform (Lemire) from the stream.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double BatchSize, double LearningRate)[] Resample(IReadOnlyList<(double BatchSize, double[] LearningRates)> groups, ulong seed, int index)
    {
        var state = SeededRandom.Derive(seed, unchecked((ulong)index));
        var drawn = new (double BatchSize, double LearningRate)[groups.Sum(group => group.LearningRates.Length)];
        var next = 0;
        foreach (var (batchSize, rates) in groups)
            for (var draw = 0; draw < rates.Length; draw++)
            {
                (var pick, state) = SeededRandom.Below(state, rates.Length);
                drawn[next++] = (batchSize, rates[pick]);
            }

        return drawn;
    }

    /// <summary>
    /// The groups of a resample of <paramref name="groups"/> (as <see cref="Resample"/> lays it out):
    /// <see cref="Groups"/> of it, read off the layout instead of grouped again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double BatchSize, double[] LearningRates)[] Regroup((double BatchSize, double LearningRate)[] resample,
        IReadOnlyList<(double BatchSize, double[] LearningRates)> groups)
    {
        var regrouped = new (double BatchSize, double[] LearningRates)[groups.Count];
        var next = 0;
        for (var j = 0; j < regrouped.Length; j++)
        {
            var rates = new double[groups[j].LearningRates.Length];
            for (var draw = 0; draw < rates.Length; draw++) rates[draw] = resample[next++].LearningRate;
            Array.Sort(rates);
            regrouped[j] = (groups[j].BatchSize, rates);
        }

        return regrouped;
    }

    /// <summary>
    /// The statistic of every resample 0 … count − 1, in resample order. Each resample is a function of
    /// its index alone, so they are computed on all cores and the result is the same bits as in order.
    /// </summary>
    public static T[] Replicate<T>(IReadOnlyList<(double BatchSize, double[] LearningRates)> groups, ulong seed, int resamples,
        Func<(double BatchSize, double LearningRate)[], T> statistic)
    {
        var results = new T[Count(resamples)];
        Parallel.For(0, results.Length, index => results[index] = statistic(Resample(groups, seed, index)));
        return results;
    }

    /// <summary>The percentile interval of <paramref name="values"/> at <paramref name="level"/>; (NaN, NaN) when none is a number.</summary>
    public static (double Low, double High) Interval(IEnumerable<double> values, double level)
    {
        var sorted = values.Where(value => !double.IsNaN(value)).Order().ToArray();
        var tail = (1 - Level(level)) / 2;
        return (Statistics.OfSorted(sorted, tail), Statistics.OfSorted(sorted, 1 - tail));
    }

    /// <summary>The number of resamples actually drawn for a request of <paramref name="resamples"/>.</summary>
    public static int Count(int resamples) => Math.Max(1, resamples);

    /// <summary>The level actually used for a request of <paramref name="level"/>.</summary>
    public static double Level(double level) => double.IsNaN(level) ? DefaultLevel : Math.Clamp(level, 0, 1);

    private static bool Usable(double value) => double.IsFinite(value) && value > 0;
}
