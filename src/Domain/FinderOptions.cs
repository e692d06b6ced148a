using LanguageExt;
using static LanguageExt.Prelude;

namespace Sweep.Domain;

/// <summary>How the learning rate grows between start and end.</summary>
public enum ScheduleKind
{
    /// <summary>Geometric: the usual range test, equal time per decade.</summary>
    Exponential,

    /// <summary>Arithmetic: for a narrow range already known to be interesting.</summary>
    Linear,
}

/// <summary>
/// A range test as a person asks for it: a preset plus whatever they override. <see cref="Settings"/>
/// turns it into the Domain's <see cref="RangeTestSettings"/> or says, in one line, what is wrong.
/// </summary>
/// <param name="Preset">fastai or pytorch-lr-finder: the endpoint convention and the defaults.</param>
/// <param name="Kind">Exponential or linear.</param>
/// <param name="Start">The first learning rate.</param>
/// <param name="End">The learning rate the schedule heads for.</param>
/// <param name="Steps">The most steps the test runs.</param>
/// <param name="Beta">Smoothing factor; null keeps the preset's.</param>
/// <param name="DivergenceFactor">Stop at this multiple of the best loss; null keeps the preset's.</param>
public sealed record FinderOptions(
    Preset Preset,
    ScheduleKind Kind = ScheduleKind.Exponential,
    double Start = Preset.DefaultStart,
    double End = Preset.DefaultEnd,
    int Steps = Preset.DefaultSteps,
    double? Beta = null,
    double? DivergenceFactor = null)
{
    /// <summary>The smoothing in force: the preset's, with β overridden when given.</summary>
    public SmoothingSettings Smoothing => Beta is { } beta ? Preset.Smoothing with { Beta = beta } : Preset.Smoothing;

    /// <summary>The divergence factor in force.</summary>
    public double Factor => DivergenceFactor ?? Preset.DivergenceFactor;

    /// <summary>The settings, or the first problem (a schedule's problem as <see cref="ScheduleProblem.Problem"/>).</summary>
    internal Either<Problem, RangeTestSettings> Settings() =>
        Validate().ToEither().MapLeft(problems => problems.Head);

    /// <summary>
    /// The settings, or every problem: the start must be positive (a range test reads its rates on a
    /// log scale, whatever the schedule), β in [0, 1), the factor above 1, and the schedule buildable
    /// (checked by <see cref="Schedule"/>, only once the start is positive).
    /// </summary>
    internal Validation<Problem, RangeTestSettings> Validate()
    {
        var beta = Beta is { } given && !(given >= 0 && given < 1)
            ? Fail<Problem, SmoothingSettings>(new Problem("smoothing beta", "must be in [0, 1)", Problem.Show(given), "fastai uses 0.98"))
            : Success<Problem, SmoothingSettings>(Smoothing);
        var factor = DivergenceFactor is { } divergence && !(divergence > 1)
            ? Fail<Problem, double>(new Problem("divergence factor", "must be greater than 1", Problem.Show(divergence), "fastai uses 4 (infinity never stops early)"))
            : Success<Problem, double>(Factor);
        return (Schedule(), beta, factor).Apply((schedule, smoothing, stop) => new RangeTestSettings(schedule, smoothing, stop, Preset.Convention));
    }

    private Validation<Problem, Schedule> Schedule()
    {
        if (!(Start > 0)) return Fail<Problem, Schedule>(new Problem("start learning rate", "must be positive", Problem.Show(Start), "use e.g. 1e-7"));
        var schedule = Kind == ScheduleKind.Exponential
            ? Domain.Schedule.Exponential(Start, End, Steps, Preset.Endpoint)
            : Domain.Schedule.Linear(Start, End, Steps, Preset.Endpoint);
        return schedule.Match(Success<Problem, Schedule>, problem => Fail<Problem, Schedule>(problem.Problem));
    }
}
