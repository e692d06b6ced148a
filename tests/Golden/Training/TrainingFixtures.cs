using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Training;

/// <summary>Small models and data for the runner's tests: seconds, not minutes.</summary>
internal static class TrainingFixtures
{
    public static nn.Module<Tensor, Tensor> Mlp(long seed, bool batchNorm = false) =>
        SeededConstruction.Build<nn.Module<Tensor, Tensor>>(seed, () => batchNorm
            ? nn.Sequential(nn.Linear(8, 16), nn.BatchNorm1d(16), nn.ReLU(), nn.Dropout(0.2), nn.Linear(16, 3))
            : nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 3)));

    /// <summary>256 samples of 8 features in 3 classes; the class shifts the mean.</summary>
    public static (Tensor Features, Tensor Labels) Samples(long seed)
    {
        var generator = new Generator((ulong)seed);
        var labels = torch.randint(0, 3, [256], generator: generator, dtype: ScalarType.Int64);
        var features = torch.randn([256, 8], generator: generator) + labels.unsqueeze(1).to(ScalarType.Float32);
        return (features, labels);
    }

    public static BatchSource Source(long seed, int batchSize, ulong planSeed = 7)
    {
        var (features, labels) = Samples(seed);
        var plan = BatchPlan.Shuffled((int)features.shape[0], batchSize, planSeed).IfLeft(problem => throw new ArgumentException(problem.Message));
        return new BatchSource(features, labels, plan);
    }

    public static RangeTestSettings Settings(int steps = 30, Preset? preset = null) =>
        (preset ?? Preset.Fastai).Settings(1e-4, 10, steps).IfLeft(problem => throw new ArgumentException(problem.Message));

    public static byte[] ParameterBytes(nn.Module module) =>
        module.state_dict().OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .SelectMany(entry => entry.Value.contiguous().bytes.ToArray()).ToArray();

    public static byte[] RandomState() => torch.get_rng_state().bytes.ToArray();
}
