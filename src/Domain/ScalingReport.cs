namespace Sweep.Domain;

/// <summary>How one rule's suggestions scale with the batch size.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Points">How many runs gave a usable (finite, positive) suggestion.</param>
/// <param name="BatchSizes">How many distinct batch sizes those runs have.</param>
/// <param name="PowerLaw">ln η = c + α ln B with intervals; null with fewer than two batch sizes.</param>
/// <param name="McCandlish">η = η_max / (1 + B_noise / B) with intervals; null likewise.</param>
/// <param name="Verdict">What the intervals say (<see cref="Domain.Verdict"/>).</param>
public sealed record RuleScaling(
    Rule Rule, int Points, int BatchSizes, PowerLawEstimate? PowerLaw, McCandlishEstimate? McCandlish, ScalingVerdict Verdict)
{
    /// <summary>The verdict in one line.</summary>
    public string Explanation => Domain.Verdict.Explain(Verdict);
}

/// <summary>
/// What a sweep says about batch size and learning rate: for every rule the power law and the
/// McCandlish curve fitted to its per-run suggestions, with seeded bootstrap intervals, and the
/// verdict they give; and the noise of each batch size. Every rule's bootstrap uses the same seed,
/// so each entry equals <see cref="Domain.PowerLaw.Estimate(IEnumerable{ValueTuple{double, double}}, ulong, int, double)"/> and <see cref="Domain.McCandlish.Estimate(IEnumerable{ValueTuple{double, double}}, ulong, int, double)"/>
/// called on <see cref="Aggregation.Pairs"/> with that seed: the report is its parts, nothing more.
/// It fits each resample once for both laws (<see cref="FitDraws"/>), and a sweep reads its
/// recommendations off the same fits.
/// </summary>
/// <param name="Seed">The bootstrap seed.</param>
/// <param name="Resamples">Resamples per fit.</param>
/// <param name="Level">The intervals' coverage.</param>
/// <param name="Rules">One entry per rule, in <see cref="RuleName.All"/> order.</param>
/// <param name="Noise">One entry per batch size, ascending.</param>
public sealed record ScalingReport(ulong Seed, int Resamples, double Level, IReadOnlyList<RuleScaling> Rules, IReadOnlyList<BatchSizeNoise> Noise)
{
    /// <summary>One entry per rule.</summary>
    public IReadOnlyList<RuleScaling> Rules { get; init => field = ValueList<RuleScaling>.Of(value); } = ValueList<RuleScaling>.Of(Rules);

    /// <summary>One entry per batch size.</summary>
    public IReadOnlyList<BatchSizeNoise> Noise { get; init => field = ValueList<BatchSizeNoise>.Of(value); } = ValueList<BatchSizeNoise>.Of(Noise);

    /// <summary>The report of a sweep's results.</summary>
    public static ScalingReport Of(IEnumerable<RunResult> results, ulong seed,
        int resamples = Bootstrap.DefaultResamples, double level = Bootstrap.DefaultLevel)
    {
        var runs = results.ToArray();
        return From(runs, Draws(runs, seed, resamples), level);
    }

    /// <summary>The <see cref="FitDraws"/> of every rule's pairs (<see cref="Aggregation.Pairs"/>), in <see cref="RuleName.All"/> order.</summary>
    public static IReadOnlyList<(Rule Rule, FitDraws Draws)> Draws(IEnumerable<RunResult> results, ulong seed, int resamples = Bootstrap.DefaultResamples)
    {
        var runs = results as RunResult[] ?? results.ToArray();
        return RuleName.All.Select(rule => (rule, FitDraws.Of(Aggregation.Pairs(runs, rule).ToArray(), seed, resamples))).ToArray();
    }

    /// <summary>The report of a sweep's results from every rule's <see cref="FitDraws"/> (<see cref="Draws"/>, one seed and count for all).</summary>
    public static ScalingReport From(IEnumerable<RunResult> results, IReadOnlyList<(Rule Rule, FitDraws Draws)> draws, double level = Bootstrap.DefaultLevel) =>
        new(draws[0].Draws.Seed, draws[0].Draws.Resamples, Bootstrap.Level(level),
            draws.Select(entry => Scale(entry.Rule, entry.Draws, level)).ToArray(), Domain.Noise.ByBatchSize(results));

    /// <summary>The entry of one rule, from its (batch size, suggestion) pairs.</summary>
    public static RuleScaling Scale(Rule rule, IReadOnlyList<(double BatchSize, double LearningRate)> pairs, ulong seed,
        int resamples = Bootstrap.DefaultResamples, double level = Bootstrap.DefaultLevel) =>
        Scale(rule, FitDraws.Of(pairs, seed, resamples), level);

    /// <summary>The entry of one rule, from the <see cref="FitDraws"/> of its pairs.</summary>
    public static RuleScaling Scale(Rule rule, FitDraws draws, double level = Bootstrap.DefaultLevel)
    {
        var powerLaw = Domain.PowerLaw.Estimate(draws, level);
        var mcCandlish = Domain.McCandlish.Estimate(draws, level);
        return new RuleScaling(rule, draws.Groups.Sum(group => group.LearningRates.Length), draws.Groups.Count,
            powerLaw, mcCandlish, Domain.Verdict.Of(powerLaw, mcCandlish));
    }

    /// <summary>The entry of <paramref name="rule"/>, or null when the report has none.</summary>
    public RuleScaling? For(Rule rule) => Rules.FirstOrDefault(entry => entry.Rule == rule);
}
