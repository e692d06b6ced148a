using LanguageExt;

namespace Sweep.Domain;

/// <summary>Which post-processing a preset applies before its rules read a curve.</summary>
public enum Trim
{
    /// <summary>Rules read the curve as recorded (pytorch-lr-finder; its steepest rule skips points itself).</summary>
    None,

    /// <summary>fastai's [num_it/10 : −5] slice and cut at the first NaN (<see cref="PostProcessing.Fastai"/>).</summary>
    Fastai,

    /// <summary>fastai 0.7's sched.plot() slice [10 : −5] (<see cref="PostProcessing.Fastai07"/>).</summary>
    Fastai07,
}

/// <summary>
/// A bundle that reproduces one reference implementation's range test: where the schedule ends,
/// how losses are smoothed, when it stops, how the curve is trimmed and which rules it suggests by.
/// </summary>
/// <param name="Name">fastai, pytorch-lr-finder or fastai-0.7.</param>
/// <param name="Endpoint">Where the last step lands.</param>
/// <param name="Smoothing">The moving average.</param>
/// <param name="DivergenceFactor">Stop at this multiple of the best smoothed loss.</param>
/// <param name="Trim">The post-processing before the rules.</param>
/// <param name="Rules">The rules the reference reports by default.</param>
/// <param name="Convention">How the divergence test reads the curve (<see cref="DivergenceConvention"/>).</param>
/// <param name="UsualStart">The reference's default first learning rate.</param>
public sealed record Preset(
    string Name,
    Endpoint Endpoint,
    SmoothingSettings Smoothing,
    double DivergenceFactor,
    Trim Trim,
    IReadOnlyList<Rule> Rules,
    DivergenceConvention Convention = DivergenceConvention.Standard,
    double UsualStart = Preset.DefaultStart)
{
    /// <summary>The rules the reference reports by default.</summary>
    public IReadOnlyList<Rule> Rules { get; init => field = ValueList<Rule>.Of(value); } = ValueList<Rule>.Of(Rules);

    /// <summary>The usual range: 1e-7 to 10 over 100 steps, in both references.</summary>
    public const double DefaultStart = 1e-7, DefaultEnd = 10;

    /// <summary>The usual number of steps.</summary>
    public const int DefaultSteps = 100;

    /// <summary>fastai v2's lr_find: i/n positions, β 0.98 debiased, stop at 4×, trimmed, valley.</summary>
    public static Preset Fastai { get; } = new(
        "fastai", Endpoint.Exclusive, SmoothingSettings.Fastai, Divergence.FastaiFactor, Trim.Fastai, [Rule.Valley]);

    /// <summary>pytorch-lr-finder 0.2: i/(n−1) positions, smooth_f 0.05, stop at 5×, steepest.</summary>
    public static Preset PytorchLrFinder { get; } = new(
        "pytorch-lr-finder", Endpoint.Inclusive, SmoothingSettings.PytorchLrFinder, Divergence.PytorchLrFinderFactor,
        Trim.None, [Rule.Steepest]);

    /// <summary>
    /// fastai 0.7's learn.lr_find() (sgdr.py LR_Finder, model.py fit): lr_i = start·(end/start)^(i/nb)
    /// over nb = one epoch of batches (i/n positions; 0.7 computes start·((end/start)^(1/nb))^i, the
    /// same value to a few ulps), default start 1e-5 and end 10; the debiased EMA with β 0.98; stop
    /// before recording when the smoothed loss is NaN or above 4× a best that starts at 1e9 and moves
    /// from the 12th batch on (<see cref="DivergenceConvention.Fastai07"/>); sched.plot()'s [10 : −5].
    /// <para>0.7 had no suggestion rule: people read the plot and took a rate about ten times below
    /// its minimum (the course's advice). So the preset reports <see cref="Rule.Minimum"/> (min/10)
    /// and <see cref="Rule.MinLoss"/> (the minimum itself, what a batch-size sweep tracks), both on
    /// the plotted [10 : −5] view, i.e. exactly the curve a 0.7 user looked at.</para>
    /// </summary>
    public static Preset Fastai07 { get; } = new(
        "fastai-0.7", Endpoint.Exclusive, SmoothingSettings.Fastai, Divergence.FastaiFactor, Trim.Fastai07, [Rule.Minimum, Rule.MinLoss],
        DivergenceConvention.Fastai07, UsualStart: 1e-5);

    /// <summary>Every preset; the first is the default.</summary>
    public static IReadOnlyList<Preset> All { get; } = [Fastai, PytorchLrFinder, Fastai07];

    /// <summary>The preset of that name (case-insensitive; "plrf" is accepted for pytorch-lr-finder).</summary>
    internal static Option<Preset> Parse(string name)
    {
        var wanted = name.Trim();
        if (string.Equals(wanted, "plrf", StringComparison.OrdinalIgnoreCase)) return PytorchLrFinder;
        return All.Find(preset => string.Equals(preset.Name, wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The range-test settings of this preset with an exponential schedule from start to end.</summary>
    internal Either<ScheduleProblem, RangeTestSettings> Settings(
        double start = DefaultStart, double end = DefaultEnd, int steps = DefaultSteps) =>
        Schedule.Exponential(start, end, steps, Endpoint)
            .Map(schedule => new RangeTestSettings(schedule, Smoothing, DivergenceFactor, Convention));

    /// <summary>The curve the rules of this preset read: trimmed as the reference trims it.</summary>
    public CurveView View(int iterations, IReadOnlyList<double> learningRates, IReadOnlyList<double> smoothedLosses) => Trim switch
    {
        Trim.Fastai => PostProcessing.Fastai(iterations, learningRates, smoothedLosses),
        Trim.Fastai07 => PostProcessing.Fastai07(learningRates, smoothedLosses),
        _ => PostProcessing.None(learningRates, smoothedLosses),
    };

    /// <summary>
    /// Every rule's answer on a recorded curve, each reading it as its own reference does: fastai's
    /// rules and min-loss after this preset's trim; pytorch-lr-finder's steepest on the curve as
    /// recorded, since it skips its own 10 + 5 points (trimming first would skip twice).
    /// </summary>
    public IReadOnlyDictionary<Rule, double?> Suggestions(int iterations, Curve curve)
    {
        var view = View(iterations, curve.LearningRates, curve.SmoothedLosses);
        return RuleName.All.ToDictionary(rule => rule, rule => rule == Rule.Steepest
            ? Suggest.By(rule, curve.LearningRates, curve.SmoothedLosses)
            : Suggest.By(rule, view.LearningRates, view.Losses));
    }
}
