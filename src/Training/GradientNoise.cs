using Sweep.Domain;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// Measures the gradient noise scale B_simple at a model's current weights: the mean over several
/// batches of the squared gradient norm at a small and at a big batch size, handed to
/// <see cref="NoiseScale.Estimate"/>. Nothing is trained: gradients are computed and dropped, and
/// the model's gradients are zeroed afterwards.
/// </summary>
public static class GradientNoise
{
    /// <summary>The estimate from <paramref name="draws"/> batches of each size, drawn by seeded plans.</summary>
    public static NoiseScaleEstimate Measure(nn.Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> loss,
        Tensor features, Tensor labels, int smallBatch, int bigBatch, int draws, ulong seed)
    {
        var count = (int)features.shape[0];
        double Mean(int batchSize, ulong planSeed)
        {
            var plan = BatchPlan.Shuffled(count, batchSize, planSeed).IfLeft(problem => throw new ArgumentException(problem.Message));
            using var source = new BatchSource(features, labels, plan);
            var total = 0.0;
            for (var draw = 0; draw < draws; draw++)
            {
                using var scope = NewDisposeScope();
                model.zero_grad();
                var (inputs, targets) = source.Draw(draw);
                loss(model.forward(inputs), targets).backward();
                total += model.parameters().Where(parameter => parameter.grad is not null)
                    .Sum(parameter => parameter.grad!.pow(2).sum().ToDouble());
            }

            model.zero_grad();
            return total / draws;
        }

        var training = model.training;
        model.train();
        try
        {
            return NoiseScale.Estimate(smallBatch, Mean(smallBatch, seed), bigBatch, Mean(bigBatch, seed + 1));
        }
        finally
        {
            model.train(training);
        }
    }
}
