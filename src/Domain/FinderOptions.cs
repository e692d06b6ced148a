using LanguageExt;

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
    public Either<Problem, RangeTestSettings> Settings()
    {
        if (!(Start > 0))
            return new Problem("start learning rate", "must be positive", Problem.Show(Start), "use e.g. 1e-7");
        if (Beta is { } beta && !(beta >= 0 && beta < 1))
            return new Problem("smoothing beta", "must be in [0, 1)", Problem.Show(beta), "fastai uses 0.98");
        if (DivergenceFactor is { } factor && !(factor > 1))
            return new Problem("divergence factor", "must be greater than 1", Problem.Show(factor), "fastai uses 4 (infinity never stops early)");
        var schedule = Kind == ScheduleKind.Exponential
            ? Schedule.Exponential(Start, End, Steps, Preset.Endpoint)
            : Schedule.Linear(Start, End, Steps, Preset.Endpoint);
        return schedule
            .MapLeft(problem => problem.Problem)
            .Map(valid => new RangeTestSettings(valid, Smoothing, Factor, Preset.Convention));
    }
}
