namespace Sweep.Domain;

/// <summary>The outcome of one cell of a sweep: its curve and what every rule suggests on it.</summary>
/// <param name="Cell">The batch size and seed.</param>
/// <param name="Curve">The recorded curve.</param>
/// <param name="Suggestions">Every rule's answer (null: no suggestion), after the preset's trim.</param>
public sealed record RunResult(SweepCell Cell, Curve Curve, IReadOnlyDictionary<Rule, double?> Suggestions)
{
    /// <summary>Every rule's answer (null: no suggestion); equal when the answers are.</summary>
    public IReadOnlyDictionary<Rule, double?> Suggestions { get; init => field = ValueDictionary<Rule, double?>.Of(value); } = ValueDictionary<Rule, double?>.Of(Suggestions);

    /// <summary>The steps the range test was planned to take (its schedule's length; it may stop earlier); null: not recorded.</summary>
    public int? Steps { get; init; }

    /// <summary>Runs the preset's rules on a finished curve of a schedule of <paramref name="iterations"/> steps.</summary>
    public static RunResult Of(SweepCell cell, Curve curve, Preset preset, int iterations) =>
        new(cell, curve, preset.Suggestions(iterations, curve)) { Steps = iterations };
}
