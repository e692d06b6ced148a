using TorchSharp;
using static TorchSharp.torch;

namespace LibraryExample;

/// <summary>
/// A user's own data set: <paramref name="samples"/> points in 8 dimensions from 3 Gaussian blobs
/// (the class shifts the mean), drawn once from a seeded generator, served as TorchSharp
/// dictionary samples ("data", "label") for its DataLoader.
/// </summary>
public sealed class Blobs(int samples, ulong seed) : torch.utils.data.Dataset
{
    private readonly (Tensor Features, Tensor Labels) data = Draw(samples, seed);

    public override long Count => samples;

    public override Dictionary<string, Tensor> GetTensor(long index) =>
        new() { ["data"] = data.Features[index], ["label"] = data.Labels[index] };

    private static (Tensor, Tensor) Draw(int samples, ulong seed)
    {
        var generator = new Generator(seed);
        var labels = torch.randint(0, 3, [samples], generator: generator, dtype: ScalarType.Int64);
        var features = torch.randn([samples, 8], generator: generator) + 2 * labels.unsqueeze(1).to(ScalarType.Float32);
        return (features.DetachFromDisposeScope(), labels.DetachFromDisposeScope());
    }
}

/// <summary>A user's own model: one hidden layer.</summary>
public sealed class Classifier : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> hidden;
    private readonly nn.Module<Tensor, Tensor> output;

    public Classifier(int inputs, int classes) : base(nameof(Classifier))
    {
        hidden = nn.Linear(inputs, 32);
        output = nn.Linear(32, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => output.forward(nn.functional.relu(hidden.forward(input)));
}
