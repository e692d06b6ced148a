using Sweep.Training.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Transfer;

/// <summary>
/// The new classifier put on a pretrained body: pooled features [N, F] → dropout → linear → logits
/// [N, classes]. fastai's transfer head in its simplest form (its default adds batch norm and a hidden
/// layer; the range test only needs something trainable on the features). The linear layer has
/// PyTorch's default initialisation, drawn from the seed (see <see cref="SeededConstruction"/>), so a
/// head built from the same seed is the same whether it runs on images through a frozen body or on
/// cached features. Dropout draws its masks from torch's default generator while training.
/// </summary>
public sealed class TransferHead : nn.Module<Tensor, Tensor>
{
    /// <summary>fastai's dropout before the last linear layer of a head.</summary>
    public const double DefaultDropout = 0.5;

    private readonly Dropout dropout;
    private readonly Linear linear;

    private TransferHead(int features, int classes, double dropoutProbability) : base(nameof(TransferHead))
    {
        dropout = nn.Dropout(dropoutProbability);
        linear = nn.Linear(features, classes);
        register_module("dropout", dropout);
        register_module("linear", linear);
        DropoutProbability = dropoutProbability;
    }

    /// <summary>The probability of zeroing a feature while training.</summary>
    public double DropoutProbability { get; }

    /// <summary>A head from <paramref name="features"/> to <paramref name="classes"/>, initialised from <paramref name="seed"/>.</summary>
    public static TransferHead Create(int features, int classes, long seed, double dropout = DefaultDropout)
    {
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features), features, "a head needs at least one feature.");
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "a head needs at least one class.");
        if (!(dropout is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "dropout is a probability in [0, 1).");
        return SeededConstruction.Build(seed, () => new TransferHead(features, classes, dropout));
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor features) => linear.forward(dropout.forward(features));
}
