using LibraryExample;
using Sweep.Domain;
using TorchSharp;
using Xunit;

namespace Sweep.Golden.Tests.Library;

/// <summary>
/// The library example's code (examples/LibraryExample, the source of the README snippets) runs
/// here against the projects and gives answers: a valley suggestion from a user's DataLoader, a
/// curve from tensors in memory with accumulation, and a six-cell sweep with a power-law fit.
/// </summary>
[Collection(TorchCollection.Name)]
public class ExampleTests
{
    [Fact]
    public void The_range_test_on_a_users_DataLoader_suggests_a_learning_rate()
    {
        torch.set_num_threads(1);
        var suggestions = Example.FindLearningRate();
        Assert.InRange(suggestions[Rule.Valley]!.Value, 1e-5, 10);
    }

    [Fact]
    public void The_range_test_on_tensors_in_memory_records_a_curve()
    {
        torch.set_num_threads(1);
        var curve = Example.FindLearningRateInMemory();
        Assert.InRange(curve.Points.Count, 11, 80);
        Assert.Equal(1e-6, curve.LearningRates[0], 1e-12);
    }

    [Fact]
    public void The_sweep_from_code_runs_every_cell_and_fits_the_scaling()
    {
        torch.set_num_threads(1);
        var sweep = Example.SweepBatchSizes();
        Assert.Equal([64, 64, 32, 32, 16, 16], sweep.Results.Select(result => result.Cell.BatchSize));
        Assert.Equal(6, sweep.Report.For(Rule.Valley)!.PowerLaw!.Fit.Points);
    }
}
