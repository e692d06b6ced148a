using LanguageExt;

namespace Sweep.Domain;

/// <summary>Everything a range test decides with: which LR each step uses, how losses are smoothed, when to stop.</summary>
/// <param name="Schedule">The learning rate of every step; its step count is the most steps the test runs.</param>
/// <param name="Smoothing">The moving average of the loss.</param>
/// <param name="DivergenceFactor">Stop once the smoothed loss exceeds this times the best; +∞ never stops early.</param>
/// <param name="Convention">Which best the factor multiplies, and whether the diverging point is kept.</param>
public sealed record RangeTestSettings(Schedule Schedule, SmoothingSettings Smoothing, double DivergenceFactor,
    DivergenceConvention Convention = DivergenceConvention.Standard);

/// <summary>
/// Where a range test stands: the points so far, the running smoothing and divergence state, and
/// the stop reason once there is one. Immutable; each recorded loss gives a new state.
/// </summary>
public sealed record RangeTestState
{
    internal RangeTestState(Seq<CurvePoint> recorded, SmoothingState smoothing, DivergenceState divergence, StopReason? stop) =>
        (Recorded, Smoothing, Divergence, Stop) = (recorded, smoothing, divergence, stop);

    // A Seq appends in O(1) without copying the points before it: one state per step stays cheap.
    internal Seq<CurvePoint> Recorded { get; }

    /// <summary>The points so far, in step order.</summary>
    public IReadOnlyList<CurvePoint> Points => new SeqView<CurvePoint>(Recorded);

    /// <summary>The running moving average of the loss.</summary>
    public SmoothingState Smoothing { get; }

    /// <summary>The running best and the divergence check's state.</summary>
    public DivergenceState Divergence { get; }

    /// <summary>Why the test stopped; null while it runs.</summary>
    public StopReason? Stop { get; internal init; }

    /// <summary>The step the next loss belongs to (0-based).</summary>
    public int Step => Recorded.Count;

    /// <summary>True once the test must not run another step.</summary>
    public bool IsDone => Stop is not null;
}

/// <summary>A language-ext <see cref="Seq{A}"/> read as a plain list, without copying.</summary>
internal sealed class SeqView<T>(Seq<T> items) : IReadOnlyList<T>
{
    public T this[int index] => index >= 0 && index < items.Count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public int Count => items.Count;

    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// The range test as a pure state machine, driven by whoever computes losses (a training loop, a
/// replay of recorded losses, a test). One step:
/// <code>lr = RangeTest.NextLearningRate(settings, state); loss = train(lr); state = RangeTest.Record(settings, state, loss);</code>
/// until <see cref="RangeTestState.IsDone"/>. The recorded point keeps the raw loss, the smoothed
/// loss from <see cref="Smoothing.Step"/>, and stops by <see cref="Divergence.Step"/> (or, under
/// <see cref="DivergenceConvention.Fastai07"/>, <see cref="Divergence.StepFastai07"/>, which stops
/// without recording the point) or at the schedule's last step.
/// </summary>
public static class RangeTest
{
    /// <summary>The state before the first step.</summary>
    public static RangeTestState Start() =>
        new(Seq<CurvePoint>.Empty, SmoothingState.Empty, DivergenceState.Empty, null);

    /// <summary>The learning rate the next step must use.</summary>
    public static double NextLearningRate(RangeTestSettings settings, RangeTestState state) =>
        settings.Schedule.LearningRate(state.Step);

    /// <summary>
    /// Records the raw loss of the step just run at <see cref="NextLearningRate"/>. Recording into a
    /// finished state returns it unchanged, so a caller that overshoots cannot corrupt the curve.
    /// </summary>
    public static RangeTestState Record(RangeTestSettings settings, RangeTestState state, double loss)
    {
        if (state.IsDone) return state;
        var learningRate = NextLearningRate(settings, state);
        var smoothing = Smoothing.Step(settings.Smoothing, state.Smoothing, loss);
        var (divergence, stop) = settings.Convention == DivergenceConvention.Fastai07
            ? Divergence.StepFastai07(settings.DivergenceFactor, state.Divergence, smoothing.Value, state.Step)
            : Divergence.Step(settings.DivergenceFactor, state.Divergence, smoothing.Value);
        // fastai 0.7 returns from on_batch_end before its recorder sees the batch.
        if (stop is not null && settings.Convention == DivergenceConvention.Fastai07) return state with { Stop = stop };
        var points = state.Recorded.Add(new CurvePoint(learningRate, loss, smoothing.Value));
        var completed = points.Count >= settings.Schedule.Steps ? StopReason.Completed : (StopReason?)null;
        return new RangeTestState(points, smoothing, divergence, stop ?? completed);
    }

    /// <summary>Marks the test stopped by the caller; a finished test keeps its own reason.</summary>
    public static RangeTestState Cancel(RangeTestState state) =>
        state.IsDone ? state : state with { Stop = StopReason.Cancelled };

    /// <summary>The curve recorded so far. An unfinished state reads as cancelled.</summary>
    public static Curve ToCurve(RangeTestState state) =>
        new(state.Recorded.ToArray(), state.Stop ?? StopReason.Cancelled);

    /// <summary>
    /// Replays raw losses recorded elsewhere through the same machine: the curve that a live run
    /// producing these losses would have recorded, including where it would have stopped.
    /// </summary>
    public static Curve Replay(RangeTestSettings settings, IEnumerable<double> losses)
    {
        var state = Start();
        foreach (var loss in losses)
        {
            state = Record(settings, state, loss);
            if (state.IsDone) break;
        }

        return ToCurve(state);
    }
}
