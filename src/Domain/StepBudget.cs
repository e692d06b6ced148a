using LanguageExt;
using static LanguageExt.Prelude;

namespace Sweep.Domain;

/// <summary>
/// How many steps a range test at batch size B gets, as a closed set of cases evaluated by one pure
/// function, <see cref="Steps"/>:
/// <list type="bullet">
/// <item><see cref="FixedCase"/>: n steps whatever B (fastai v2 and pytorch-lr-finder: num_iter);</item>
/// <item><see cref="SamplesCase"/>: K samples, steps = ⌈K / B⌉, so every batch size sees the same data;</item>
/// <item><see cref="EpochCase"/>: one pass over the N training samples, steps = ⌈N / B⌉ (fastai 0.7's
/// lr_find runs one epoch: nb = len(trn_dl), the last batch partial).</item>
/// </list>
/// Built only through <see cref="Fixed"/>, <see cref="Samples"/> and <see cref="OneEpoch"/>; n and K positive.
/// </summary>
public abstract record StepBudget
{
    private StepBudget() { }

    /// <summary>The same number of steps at every batch size.</summary>
    public sealed record FixedCase : StepBudget
    {
        internal FixedCase(int count) => StepCount = count;

        /// <summary>n ≥ 1.</summary>
        public int StepCount { get; }
    }

    /// <summary>The same number of samples at every batch size.</summary>
    public sealed record SamplesCase : StepBudget
    {
        internal SamplesCase(long samples) => SampleCount = samples;

        /// <summary>K ≥ 1.</summary>
        public long SampleCount { get; }
    }

    /// <summary>One epoch: K = N, the training set's size.</summary>
    public sealed record EpochCase : StepBudget
    {
        internal EpochCase() { }
    }

    /// <summary>n steps, or why not.</summary>
    internal static Either<Problem, StepBudget> Fixed(int steps) =>
        steps >= 1 ? new FixedCase(steps) : new Problem("steps", "must be at least 1", Problem.Show(steps));

    /// <summary>K samples, or why not.</summary>
    internal static Either<Problem, StepBudget> Samples(long samples) =>
        samples >= 1 ? new SamplesCase(samples) : new Problem("samples", "must be at least 1", Problem.Show(samples));

    /// <summary>One epoch of the training set.</summary>
    public static StepBudget OneEpoch { get; } = new EpochCase();

    /// <summary>
    /// The steps at <paramref name="batchSize"/> on a training set of <paramref name="datasetSize"/>
    /// samples: n, ⌈K / B⌉ or ⌈N / B⌉; a problem when B or N is below 1, or the count exceeds
    /// <see cref="int.MaxValue"/>.
    /// </summary>
    internal static Either<Problem, int> Steps(StepBudget budget, int batchSize, int datasetSize)
    {
        if (batchSize < 1) return new Problem("batch size", "must be at least 1", Problem.Show(batchSize));
        if (datasetSize < 1) return new Problem("training set size", "must be at least 1", Problem.Show(datasetSize));
        var steps = budget switch
        {
            FixedCase fixedSteps => fixedSteps.StepCount,
            SamplesCase samples => Ceiling(samples.SampleCount, batchSize),
            EpochCase => Ceiling(datasetSize, batchSize),
            _ => throw new InvalidOperationException("unreachable: StepBudget is closed"),
        };
        return steps <= int.MaxValue
            ? Right<Problem, int>((int)steps)
            : new Problem("steps", $"must be at most {Problem.Show(int.MaxValue)}", Problem.Show(steps), "give fewer samples or a bigger batch");
    }

    // ⌈a / b⌉ for a, b ≥ 1, without the overflow of a + b − 1.
    private static long Ceiling(long samples, int batchSize) => samples / batchSize + (samples % batchSize == 0 ? 0 : 1);
}
