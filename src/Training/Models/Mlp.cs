using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Models;

/// <summary>
/// A multi-layer perceptron on flattened images: Linear layers of the given hidden widths with a
/// ReLU after each but the last. No hidden widths is logistic regression; [128] on 28x28 greyscale
/// is 784-128-10.
/// <para>The computation is exactly that of PyTorch's `nn.Sequential(Linear, ReLU, Linear, ...)`
/// after `x.flatten(1)` (a view, no arithmetic), and the children carry the same names ("0", "1",
/// "2", ...), so state_dict keys ("0.weight", "2.bias") and golden numbers from a PyTorch reference
/// carry over unchanged. Layers keep TorchSharp's default initialisation, which is PyTorch's.</para>
/// </summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly IReadOnlyList<nn.Module<Tensor, Tensor>> layers;

    /// <summary>An MLP from <paramref name="inputs"/> features through <paramref name="hiddenWidths"/> to <paramref name="classes"/> logits.</summary>
    public Mlp(int inputs, IReadOnlyList<int> hiddenWidths, int classes) : base(nameof(Mlp))
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "an MLP needs at least one input feature.");
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "an MLP needs at least one class.");
        if (hiddenWidths.Any(width => width < 1))
            throw new ArgumentException($"hidden widths must be positive, got [{string.Join(", ", hiddenWidths)}].", nameof(hiddenWidths));

        var widths = hiddenWidths.Prepend(inputs).Append(classes).ToArray();
        var linears = new List<Linear>();
        var sequence = new List<nn.Module<Tensor, Tensor>>();
        for (var index = 0; index < widths.Length - 1; index++)
        {
            if (index > 0) sequence.Add(nn.ReLU());
            var linear = nn.Linear(widths[index], widths[index + 1]);
            linears.Add(linear);
            sequence.Add(linear);
        }

        for (var index = 0; index < sequence.Count; index++) register_module(index.ToString(System.Globalization.CultureInfo.InvariantCulture), sequence[index]);
        layers = sequence;
        Linears = linears;
        HiddenWidths = hiddenWidths.ToArray();
    }

    /// <summary>The Linear layers in order, the output layer last.</summary>
    public IReadOnlyList<Linear> Linears { get; }

    /// <summary>The hidden widths it was built with.</summary>
    public IReadOnlyList<int> HiddenWidths { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        var output = input.flatten(1);
        foreach (var layer in layers) output = layer.forward(output);
        return output;
    }

    /// <summary>
    /// Overwrites every Linear layer, in order, with weights in PyTorch's layout (weight [out, in]
    /// row-major, bias [out]): how golden tests start from a reference's exact initial weights.
    /// Throws when the count or a length does not fit, before anything is written.
    /// </summary>
    public void LoadLinearWeights(IReadOnlyList<(float[] Weight, float[] Bias)> weights)
    {
        if (weights.Count != Linears.Count)
            throw new ArgumentException($"this MLP has {Linears.Count} Linear layers, got weights for {weights.Count}.", nameof(weights));
        for (var index = 0; index < weights.Count; index++)
        {
            var (outputs, inputs) = (Linears[index].weight!.shape[0], Linears[index].weight!.shape[1]);
            if (weights[index].Weight.Length != outputs * inputs || weights[index].Bias.Length != outputs)
                throw new ArgumentException(
                    $"layer {index} is [{outputs}, {inputs}] with bias [{outputs}], got {weights[index].Weight.Length} weights and {weights[index].Bias.Length} biases.",
                    nameof(weights));
        }

        using var noGrad = no_grad();
        for (var index = 0; index < weights.Count; index++)
        {
            var linear = Linears[index];
            using var weight = tensor(weights[index].Weight, linear.weight!.shape);
            using var bias = tensor(weights[index].Bias, linear.bias!.shape);
            linear.weight!.copy_(weight);
            linear.bias!.copy_(bias);
        }
    }
}
