namespace Sweep.Domain;

/// <summary>How raw losses are smoothed: an exponential moving average with factor β.</summary>
/// <param name="Beta">Weight of the past, in [0, 1). fastai 0.98; pytorch-lr-finder 0.95 (its smooth_f 0.05).</param>
/// <param name="Debiased">
/// true (fastai): the average starts at 0 and is divided by 1 − β^t, so early values are not
/// dragged towards 0. false (pytorch-lr-finder): the first value is the raw loss itself.
/// </param>
public sealed record SmoothingSettings(double Beta, bool Debiased)
{
    /// <summary>fastai: β = 0.98, bias-corrected.</summary>
    public static SmoothingSettings Fastai { get; } = new(0.98, Debiased: true);

    /// <summary>pytorch-lr-finder: smooth_f = 0.05, i.e. β = 0.95, first value = raw loss.</summary>
    public static SmoothingSettings PytorchLrFinder { get; } = new(0.95, Debiased: false);
}

/// <summary>The running state of the average after <see cref="Count"/> losses.</summary>
/// <param name="Count">How many losses have been seen (t).</param>
/// <param name="Average">The raw running average a_t.</param>
/// <param name="Value">The smoothed loss reported at t (a_t, or a_t/(1 − β^t) when debiased).</param>
public readonly record struct SmoothingState(int Count, double Average, double Value)
{
    /// <summary>Before any loss.</summary>
    public static SmoothingState Empty => default;
}

/// <summary>
/// Exponential moving average of the loss, one step at a time. The same step function serves the
/// training loop (one loss at a time) and offline analysis (<see cref="Smooth"/>), so a curve
/// re-smoothed from its raw losses equals the one recorded live, bit for bit.
/// <para>Debiased (fastai): a_t = β·a_{t−1} + (1−β)·x_t with a_0 = 0, value = a_t / (1 − β^t).</para>
/// <para>Plain (pytorch-lr-finder): a_1 = x_1, a_t = (1−β)·x_t + β·a_{t−1}, value = a_t.</para>
/// A NaN or infinite loss makes every later value non-finite, as it does in both references;
/// the divergence rule stops the run on the first such value.
/// </summary>
public static class Smoothing
{
    /// <summary>The state after seeing one more raw <paramref name="loss"/>.</summary>
    public static SmoothingState Step(SmoothingSettings settings, SmoothingState state, double loss)
    {
        var beta = settings.Beta;
        var count = state.Count + 1;
        if (settings.Debiased)
        {
            var average = beta * state.Average + (1 - beta) * loss;
            return new SmoothingState(count, average, average / (1 - Math.Pow(beta, count)));
        }

        var plain = state.Count == 0 ? loss : (1 - beta) * loss + beta * state.Average;
        return new SmoothingState(count, plain, plain);
    }

    /// <summary>The smoothed value at every position of <paramref name="losses"/>.</summary>
    public static double[] Smooth(SmoothingSettings settings, IReadOnlyList<double> losses)
    {
        var smoothed = new double[losses.Count];
        var state = SmoothingState.Empty;
        for (var i = 0; i < losses.Count; i++)
        {
            state = Step(settings, state, losses[i]);
            smoothed[i] = state.Value;
        }

        return smoothed;
    }
}
