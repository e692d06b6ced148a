namespace Sweep.Domain;

/// <summary>Why a range test ended.</summary>
public enum StopReason
{
    /// <summary>Every step of the schedule ran.</summary>
    Completed,

    /// <summary>The smoothed loss exceeded the divergence factor times the best so far.</summary>
    Diverged,

    /// <summary>The loss became NaN or infinite.</summary>
    NonFinite,

    /// <summary>The caller stopped it (Ctrl-C, a cancellation token, an error in the step).</summary>
    Cancelled,
}

/// <summary>One recorded step: the learning rate used, the raw loss it gave, the smoothed loss.</summary>
public readonly record struct CurvePoint(double LearningRate, double Loss, double SmoothedLoss);

/// <summary>The recorded points of one range test, in step order, and why it stopped.</summary>
public sealed record Curve(IReadOnlyList<CurvePoint> Points, StopReason Stop)
{
    /// <summary>The learning rate of every point.</summary>
    public double[] LearningRates => Points.Select(point => point.LearningRate).ToArray();

    /// <summary>The raw loss of every point.</summary>
    public double[] Losses => Points.Select(point => point.Loss).ToArray();

    /// <summary>The smoothed loss of every point (what the suggestion rules read).</summary>
    public double[] SmoothedLosses => Points.Select(point => point.SmoothedLoss).ToArray();

    /// <summary>The points, in step order; equal when the points are (value equality, not the list instance).</summary>
    public IReadOnlyList<CurvePoint> Points { get; init => field = ValueList<CurvePoint>.Of(value); } = ValueList<CurvePoint>.Of(Points);
}
