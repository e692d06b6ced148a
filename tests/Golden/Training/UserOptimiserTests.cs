using Sweep.Domain;
using Sweep.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using static Sweep.Golden.Tests.Training.TrainingFixtures;

namespace Sweep.Golden.Tests.Training;

/// <summary>Optimisers a user brings: their own subclass works; one that cannot be snapshotted is refused before anything runs.</summary>
[Collection(TorchCollection.Name)]
public class UserOptimiserTests
{
    /// <summary>A user's own optimiser: SGD that clips every gradient to [−0.1, 0.1] first.</summary>
    private sealed class ClippedSgd(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate)
        : TorchSharp.Modules.SGD(parameters, learningRate, 0.9, 0, 0, false, false)
    {
        public int Steps { get; private set; }

        public override Tensor step(Func<Tensor>? closure = null)
        {
            Steps++;
            foreach (var parameter in parameters()) parameter.grad?.clamp_(-0.1, 0.1);
            return base.step(closure);
        }
    }

    [Fact]
    public void A_users_own_optimiser_runs_and_is_restored()
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        var model = Mlp(3);
        var optimiser = new ClippedSgd(model.parameters(), 0.01);
        var parameters = ParameterBytes(model);
        var state = TrainingSnapshot.SaveOptimizer(optimiser);

        var curve = RangeTestRunner.Run(model, optimiser, RangeTestRunner.CrossEntropy, source, Settings());

        Assert.Equal(curve.Points.Count, optimiser.Steps);
        Assert.Equal(parameters, ParameterBytes(model));
        Assert.Equal(state, TrainingSnapshot.SaveOptimizer(optimiser));
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("adam")]
    [InlineData("adamw")]
    public void Every_named_optimiser_runs_a_range_test(string name)
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        var model = Mlp(3);
        var curve = RangeTestRunner.Run(model, Optimizers.Create(name, model.parameters(), 1e-3, momentum: name == "sgd" ? 0.9 : 0),
            RangeTestRunner.CrossEntropy, source, Settings(40));
        Assert.True(curve.Points.Count > 10);
    }

    [Fact]
    public void An_unknown_optimiser_name_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Optimizers.Create("rmsprop", [], 0.1));
        Assert.Equal("unknown optimiser 'rmsprop'; known optimisers: sgd, adam, adamw.", error.Message);
    }
}
