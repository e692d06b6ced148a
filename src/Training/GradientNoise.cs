using Sweep.Domain;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// Measures the gradient noise scale B_simple at a model's current weights with
/// <see cref="NoiseScale.FromGroups"/>: groups of B_big / B_small consecutive small batches of one
/// shuffled plan; each small batch's squared gradient norm, and the squared norm of each group's mean
/// gradient, which is the gradient of the whole group as one big batch. The big batches cost no
/// forward or backward pass of their own, so the measurement costs the small batches alone (before,
/// drawing big batches separately made it cost more than a CNN sweep's range tests). Nothing is
/// trained: gradients are computed and dropped, and the model's gradients are zeroed afterwards.
/// </summary>
public static class GradientNoise
{
    /// <summary>
    /// The estimate from at least <paramref name="draws"/> small batches, rounded up to whole groups
    /// (at least two, for the standard error), drawn by a plan seeded with <paramref name="seed"/>;
    /// the big batch is the largest whole multiple of <paramref name="smallBatch"/> up to
    /// <paramref name="bigBatch"/> (at least two small batches).
    /// </summary>
    public static NoiseScaleEstimate Measure(nn.Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> loss,
        Tensor features, Tensor labels, int smallBatch, int bigBatch, int draws, ulong seed)
    {
        var count = (int)features.shape[0];
        var perGroup = Math.Max(2, bigBatch / Math.Max(1, smallBatch));
        var groupCount = Math.Max(2, (draws + perGroup - 1) / perGroup);
        var plan = BatchPlan.Shuffled(count, smallBatch, seed).IfLeft(problem => throw new ArgumentException(problem.Message));
        var parameters = model.parameters().ToArray();
        var training = model.training;
        model.train();
        try
        {
            using var source = new BatchSource(features, labels, plan);
            var groups = new List<(double SmallSquaredNorm, double BigSquaredNorm)>();
            for (var group = 0; group < groupCount; group++)
            {
                using var groupScope = NewDisposeScope();
                var sums = parameters.Select(parameter => zeros_like(parameter)).ToArray();
                var small = 0.0;
                for (var member = 0; member < perGroup; member++)
                {
                    using var scope = NewDisposeScope();
                    model.zero_grad();
                    var (inputs, targets) = source.Draw(group * perGroup + member);
                    loss(model.forward(inputs), targets).backward();
                    for (var index = 0; index < parameters.Length; index++)
                        if (parameters[index].grad is { } gradient)
                        {
                            small += gradient.pow(2).sum().ToDouble();
                            sums[index].add_(gradient);
                        }
                }

                groups.Add((small / perGroup, sums.Sum(sum => sum.div(perGroup).pow(2).sum().ToDouble())));
            }

            model.zero_grad();
            return NoiseScale.FromGroups(smallBatch, perGroup * smallBatch, groups);
        }
        finally
        {
            model.train(training);
        }
    }
}
