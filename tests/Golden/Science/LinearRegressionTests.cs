using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Models;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Science;

/// <summary>
/// Least-squares linear regression, where theory says what the finder and the noise scale must find.
/// Data: x uniform on the sphere of radius √d (so |x|² = d for every sample and E[x xᵀ] = I), a unit
/// teacher w*, y = w*·x + σ ε. Model: w·x, loss ½ mean (w·x − y)², starting from w = 0.
/// <list type="bullet">
/// <item>At w = 0 a sample's gradient is g = −y x, so G = E[g] = −w* and E|g|² = d(|w*|² + σ²), hence
/// tr Σ = (d − 1)|w*|² + d σ² and B_simple = tr Σ / |G|² = (d − 1) + d σ² (|w*| = 1).</item>
/// <item>Without label noise (interpolation), the best SGD step for batch size m is
/// η*(m) = m / (β + (m − 1) λ_max) with β = max|x|² = d and λ_max = 1 (Ma, Bassily &amp; Belkin 2018):
/// linear in m up to m* = β / λ_max = d, flat after. That is exactly McCandlish's
/// ε_max / (1 + B_noise / B) with ε_max = 1 and B_noise = d − 1.</item>
/// </list>
/// </summary>
[Collection(TorchCollection.Name)]
public class LinearRegressionTests(ITestOutputHelper output)
{
    private const int Dimension = 16;
    private const int Samples = 8192;

    private static (Tensor Features, Tensor Targets, Tensor Teacher) Data(double labelNoise, ulong seed)
    {
        var generator = new Generator(seed);
        var gaussian = torch.randn([Samples, Dimension], dtype: ScalarType.Float64, generator: generator);
        var features = gaussian / gaussian.norm(1, keepdim: true) * Math.Sqrt(Dimension);
        var teacher = torch.randn([Dimension], dtype: ScalarType.Float64, generator: generator);
        teacher /= teacher.norm();
        var targets = features.matmul(teacher) + labelNoise * torch.randn([Samples], dtype: ScalarType.Float64, generator: generator);
        return (features, targets, teacher);
    }

    private static nn.Module<Tensor, Tensor> ZeroModel()
    {
        var model = nn.Linear(Dimension, 1, hasBias: false, dtype: ScalarType.Float64);
        using (torch.no_grad()) model.weight!.zero_();
        return model;
    }

    private static Tensor HalfSquaredError(Tensor predictions, Tensor targets) =>
        0.5 * (predictions.squeeze(1) - targets).pow(2).mean();

    [Fact]
    public void The_two_batch_estimator_measures_the_closed_form_noise_scale()
    {
        torch.set_num_threads(1);
        const double labelNoise = 1.0;
        var (features, targets, _) = Data(labelNoise, 1);
        using var model = ZeroModel();

        var estimate = GradientNoise.Measure(model, HalfSquaredError, features, targets, smallBatch: 8, bigBatch: 512, draws: 400, seed: 3);

        var closedForm = (Dimension - 1) + Dimension * labelNoise * labelNoise;
        output.WriteLine($"B_simple measured {estimate.Simple:F2}, closed form {closedForm}; |G|² {estimate.TrueSquaredNorm:F4} (closed form 1), tr Σ {estimate.CovarianceTrace:F2} (closed form {closedForm})");
        output.WriteLine($"predicted LR ratio η(64)/η(8) = {estimate.PredictedRatio(64, 8):F2}");
        // Tolerance 15%: with 400 draws at B = 8 the mean of |G_small|² ≈ 1 + 31/8 has a standard
        // error of about 2.5% of itself, which the estimator's 1/(1/8 − 1/512) amplifies to about 3.5% of
        // tr Σ; |G|² (from the 512-batches) is known to about 1%; the finite 8,192-sample data set
        // moves G and Σ by O(1/√N) ≈ 1%. 15% is about three standard errors.
        Assert.InRange(estimate.Simple / closedForm, 0.85, 1.15);
        Assert.InRange(estimate.TrueSquaredNorm, 0.9, 1.1);
    }

    /// <summary>The LR at which a range test with plain SGD on the noiseless problem diverges, per batch size.</summary>
    internal static IReadOnlyDictionary<int, double> DivergenceLearningRates(IReadOnlyList<int> batchSizes)
    {
        torch.set_num_threads(1);
        var (features, targets, _) = Data(0.0, 2);
        var finder = new FinderOptions(Preset.Fastai, Start: 1e-3, End: 100, Steps: 120);
        var settings = finder.Settings().IfLeft(problem => throw new InvalidOperationException(problem.Message));
        var result = new Dictionary<int, double>();
        foreach (var batchSize in batchSizes)
        {
            using var model = ZeroModel();
            using var optimizer = optim.SGD(model.parameters(), settings.Schedule.Start);
            var plan = BatchPlan.Shuffled(Samples, batchSize, (ulong)batchSize).IfLeft(problem => throw new InvalidOperationException(problem.Message));
            using var batches = new BatchSource(features, targets, plan);
            var curve = RangeTestRunner.Run(model, optimizer, HalfSquaredError, batches, settings);
            result[batchSize] = curve.Points[^1].LearningRate;
        }

        return result;
    }

    [Fact]
    public void The_divergence_learning_rate_follows_the_interpolation_theory()
    {
        int[] batchSizes = [1, 2, 4, 8, 16, 32, 64, 128, 256];
        var divergence = DivergenceLearningRates(batchSizes);
        double Optimal(int m) => m / (Dimension + (m - 1.0));
        foreach (var m in batchSizes)
            output.WriteLine($"m={m,3}: diverged at {divergence[m]:G4}; η*(m) = {Optimal(m):G4}; ratio {divergence[m] / Optimal(m):F2}");

        // The range test raises the LR by 10^(5/120) ≈ 1.1 per step and needs a few steps past the
        // critical rate for the smoothed loss to quadruple, so the divergence LR sits a roughly
        // constant factor above η*(m). Ratios between batch sizes must therefore follow η*'s within a
        // factor 1.5: a batch-size-independent finder (or one off by the linear rule beyond m*)
        // would be off by up to 16 here.
        var reference = divergence[1] / Optimal(1);
        foreach (var m in batchSizes)
            Assert.InRange(divergence[m] / Optimal(m) / reference, 1 / 1.5, 1.5);

        // The McCandlish fit of those divergence LRs must bend where theory says: m* = β / λ_max = 16
        // (B_noise = d − 1 = 15 exactly). Within a factor 2: the drift of the divergence/η* ratio
        // above (up to 1.4 across the range) tilts the fitted curve and moves its knee by up to that much.
        var fit = McCandlish.Fit(batchSizes.Select(m => ((double)m, divergence[m])))!;
        output.WriteLine($"McCandlish: regime {fit.Regime}, B_noise {fit.NoiseScale:F1}, η_max {fit.MaxLearningRate:G3} (m* = {Dimension})");
        Assert.Equal(McCandlishRegime.Knee, fit.Regime);
        Assert.InRange(fit.NoiseScale, Dimension / 2.0, Dimension * 2.0);
    }
}
