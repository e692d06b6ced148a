namespace Sweep.Domain;

/// <summary>
/// The Domain's validating factories for library callers, each returning a plain
/// <see cref="Checked{T}"/> (the value, or every problem with its fix): a validated type has no
/// public constructor, so this is how code outside the repository builds one. Parsing a name
/// returns null for a name that is not known.
/// <code>
/// var plan = Validated.ShuffledPlan(datasetSize: 60_000, batchSize: 64, seed: 1);
/// if (!plan.IsValid) return plan.Message; // every problem, one per line, each with its fix
/// </code>
/// </summary>
public static class Validated
{
    /// <summary>A learning-rate interval 0 &lt; start &lt; end &lt; ∞.</summary>
    public static Checked<LearningRateRange> LearningRates(double start, double end) => LearningRateRange.Create(start, end).ToChecked();

    /// <summary>A seeded shuffle of <paramref name="datasetSize"/> samples cut into batches of <paramref name="batchSize"/> (see <see cref="BatchPlan"/>).</summary>
    public static Checked<BatchPlan> ShuffledPlan(int datasetSize, int batchSize, ulong seed) => BatchPlan.Shuffled(datasetSize, batchSize, seed).ToChecked();

    /// <summary>Batches given sample by sample, drawn in order and then again from the first.</summary>
    public static Checked<BatchPlan> ExplicitPlan(IReadOnlyList<int[]> batches) => BatchPlan.Explicit(batches).ToChecked();

    /// <summary>The range-test settings of <paramref name="options"/>, or every problem with them.</summary>
    public static Checked<RangeTestSettings> Settings(FinderOptions options) => options.Validate().ToChecked();

    /// <summary>The settings of <paramref name="preset"/> with an exponential schedule from <paramref name="start"/> to <paramref name="end"/> in at most <paramref name="steps"/> steps.</summary>
    public static Checked<RangeTestSettings> Settings(Preset preset, double start = Preset.DefaultStart, double end = Preset.DefaultEnd, int steps = Preset.DefaultSteps) =>
        preset.Settings(start, end, steps).ToChecked();

    /// <summary>An exponential schedule (see <see cref="Schedule"/>).</summary>
    public static Checked<Schedule> ExponentialSchedule(double start, double end, int steps, Endpoint endpoint) => Schedule.Exponential(start, end, steps, endpoint).ToChecked();

    /// <summary>A linear schedule (see <see cref="Schedule"/>).</summary>
    public static Checked<Schedule> LinearSchedule(double start, double end, int steps, Endpoint endpoint) => Schedule.Linear(start, end, steps, endpoint).ToChecked();

    /// <summary>The experiment of <paramref name="request"/> under <paramref name="facts"/>, or every problem at once (<see cref="Specification"/>).</summary>
    public static Checked<ExperimentSpec> Experiment(ExperimentRequest request, ExperimentFacts facts) => Specification.Validate(request, facts).ToChecked();

    /// <summary>A budget of a fixed number of steps per range test.</summary>
    public static Checked<StepBudget> FixedBudget(int steps) => StepBudget.Fixed(steps).ToChecked();

    /// <summary>A budget of a number of training samples per range test, whatever the batch size.</summary>
    public static Checked<StepBudget> SamplesBudget(long samples) => StepBudget.Samples(samples).ToChecked();

    /// <summary>The steps <paramref name="budget"/> gives at <paramref name="batchSize"/> on <paramref name="datasetSize"/> samples.</summary>
    public static Checked<int> BudgetSteps(StepBudget budget, int batchSize, int datasetSize) => StepBudget.Steps(budget, batchSize, datasetSize).ToChecked();

    /// <summary>Shard <paramref name="index"/> of <paramref name="count"/> (0 ≤ index &lt; count).</summary>
    public static Checked<Shard> ShardOf(int index, int count) => Shard.Of(index, count).ToChecked();

    /// <summary>A shard written "i/n".</summary>
    public static Checked<Shard> ParseShard(string text) => Shard.Parse(text).ToChecked();

    /// <summary>The cells of a sweep: every batch size with every seed.</summary>
    public static Checked<SweepPlan> SweepPlanOf(IReadOnlyList<int> batchSizes, IReadOnlyList<int> seeds) => SweepPlan.Create(batchSizes, seeds).ToChecked();

    /// <summary>The preset called <paramref name="name"/> (any case; "plrf" for pytorch-lr-finder), or null.</summary>
    public static Preset? PresetNamed(string name) => Preset.Parse(name).MatchUnsafe(preset => preset, () => null);

    /// <summary>The suggestion rule called <paramref name="name"/>, or null.</summary>
    public static Rule? RuleNamed(string name) => RuleName.Parse(name).MatchUnsafe(rule => (Rule?)rule, () => null);
}
