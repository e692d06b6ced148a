namespace Sweep.Domain;

/// <summary>
/// What training a multi-layer perceptron holds in memory, estimated from its widths before any of
/// it is allocated, in bytes of float32:
/// <para>P = Σₗ (wₗ₋₁ + 1)·wₗ parameters over the widths w = [inputs, hidden…, classes];</para>
/// <para>weights = 4·P·(2 + s): parameters, gradients and s slots of optimiser state per parameter
/// (sgd with momentum 1, without 0; adam and adamw 2);</para>
/// <para>activations = 4·2·B·(inputs + 2·Σ hidden + 2·classes): each layer's input and output kept
/// for the backward pass, and as much again for their gradients, for a batch of B samples.</para>
/// It leaves out the allocator's slack and libtorch's own workspace, so it is a lower bound:
/// an estimate above the memory available is a run that cannot finish.
/// </summary>
public static class ModelMemory
{
    /// <summary>The estimate and its parts.</summary>
    /// <param name="Parameters">P.</param>
    /// <param name="WeightBytes">Parameters, gradients and optimiser state.</param>
    /// <param name="ActivationBytes">Activations and their gradients for one batch.</param>
    public sealed record Estimate(long Parameters, long WeightBytes, long ActivationBytes)
    {
        /// <summary>The total in bytes.</summary>
        public long Bytes => WeightBytes + ActivationBytes;
    }

    /// <summary>Optimiser state slots per parameter: adam and adamw keep two moments, sgd one momentum buffer when momentum is positive.</summary>
    public static int OptimizerSlots(string optimizer, double momentum) =>
        optimizer is "adam" or "adamw" ? 2 : momentum > 0 ? 1 : 0;

    /// <summary>The estimate for an MLP from <paramref name="inputs"/> features through <paramref name="hidden"/> to <paramref name="classes"/>, at batch size <paramref name="batch"/>.</summary>
    public static Estimate Mlp(long inputs, IReadOnlyList<int> hidden, long classes, long batch, int optimizerSlots)
    {
        var widths = hidden.Select(width => (long)width).Prepend(inputs).Append(classes).ToArray();
        var parameters = widths.Zip(widths.Skip(1), (from, to) => (from + 1) * to).Sum();
        var activations = 2 * batch * (inputs + 2 * hidden.Sum(width => (long)width) + 2 * classes);
        return new Estimate(parameters, 4 * parameters * (2 + optimizerSlots), 4 * activations);
    }

    /// <summary>
    /// The estimate for a model trained from scratch on C × H × W inputs of K classes (a ResNet's stem
    /// is the small one when <paramref name="smallStem"/>), or null for a pretrained body, whose
    /// memory is libtorch's to report.
    /// </summary>
    public static Estimate? Of(ModelSpec model, long channels, long height, long width, long classes, long batch, int optimizerSlots, bool smallStem) => model switch
    {
        _ when model.IsPretrained => null,
        ModelSpec.MlpCase mlp => Mlp(channels * height * width, mlp.HiddenWidths, classes, batch, optimizerSlots),
        ModelSpec.CnnCase => ConvolutionMemory.Cnn(channels, height, width, classes, batch, optimizerSlots),
        ModelSpec.ResNetCase { Depth: 18 } => ConvolutionMemory.ResNet([2, 2, 2, 2], smallStem, channels, height, width, classes, batch, optimizerSlots),
        ModelSpec.ResNetCase => ConvolutionMemory.ResNet([3, 4, 6, 3], smallStem, channels, height, width, classes, batch, optimizerSlots),
        _ => null,
    };

    /// <summary>Bytes as people read them: "17.2 GB", "340 MB".</summary>
    public static string Show(long bytes) =>
        bytes >= 1_000_000_000 ? FormattableString.Invariant($"{bytes / 1e9:0.#} GB") : FormattableString.Invariant($"{Math.Max(1, bytes / 1_000_000)} MB");
}
