using Sweep.Domain;
using Sweep.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using static Sweep.Golden.Tests.Training.TrainingFixtures;

namespace Sweep.Golden.Tests.Training;

/// <summary>Prefetching overlaps the gather with the step; it must not change a single bit or leak a batch.</summary>
[Collection(TorchCollection.Name)]
public class PrefetchTests
{
    [Fact]
    public void Prefetching_gives_the_same_batches_and_the_same_curve()
    {
        torch.set_num_threads(1);
        var (features, labels) = Samples(1);
        var plan = BatchPlan.Shuffled(256, 24, 5).IfLeft(problem => throw new ArgumentException(problem.Message));
        using var plain = new BatchSource(features, labels, plan);
        using var prefetching = new BatchSource(features, labels, plan, prefetch: true);
        // Across three epochs (10 draws each), and with a jump back that discards the prefetched batch.
        foreach (var draw in Enumerable.Range(0, 30).Append(3).Append(4))
        {
            using var scope = NewDisposeScope();
            var (x1, y1) = plain.Draw(draw);
            var (x2, y2) = prefetching.Draw(draw);
            Assert.Equal(x1.bytes.ToArray(), x2.bytes.ToArray());
            Assert.Equal(y1.bytes.ToArray(), y2.bytes.ToArray());
            Assert.True(scope.Contains(x2) && scope.Contains(y2), "a prefetched batch belongs to the caller's scope");
        }

        var first = Mlp(5);
        var second = Mlp(5);
        using var plainRun = Source(1, 16);
        using var prefetchRun = new BatchSource(features, labels, BatchPlan.Shuffled(256, 16, 7).IfLeft(problem => throw new ArgumentException(problem.Message)), prefetch: true);
        Assert.Equal(
            RangeTestRunner.Run(first, optim.SGD(first.parameters(), 0.01, momentum: 0.9), RangeTestRunner.CrossEntropy, plainRun, Settings()),
            RangeTestRunner.Run(second, optim.SGD(second.parameters(), 0.01, momentum: 0.9), RangeTestRunner.CrossEntropy, prefetchRun, Settings()));
    }
}
