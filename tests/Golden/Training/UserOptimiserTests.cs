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
    public void Every_optimiser_case_runs_a_range_test(string name)
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        var model = Mlp(3);
        var spec = name switch { "sgd" => Specs.Sgd(0.9), "adam" => Specs.Adam(), _ => Specs.AdamW() };
        using var optimizer = Optimizers.Create(spec, model.parameters(), 1e-3);
        var curve = RangeTestRunner.Run(model, optimizer, RangeTestRunner.CrossEntropy, source, Settings(40));
        Assert.True(curve.Points.Count > 10);
        Assert.Equal(name, spec.Name);
    }

    [Fact]
    public void Each_optimiser_case_builds_its_own_optimiser_with_its_settings()
    {
        var model = Mlp(3);
        using var sgd = Optimizers.Create(Specs.Sgd(0.5, nesterov: true, weightDecay: 0.01), model.parameters(), 0.1);
        using var adam = Optimizers.Create(Specs.Adam(0.02), model.parameters(), 0.1);
        using var adamW = Optimizers.Create(Specs.AdamW(0.03), model.parameters(), 0.1);

        var sgdOptions = OptionsOf<TorchSharp.Modules.SGD.Options>(Assert.IsType<TorchSharp.Modules.SGD>(sgd));
        Assert.Equal((0.5, true, 0.01), (sgdOptions.momentum!.Value, sgdOptions.nesterov!.Value, sgdOptions.weight_decay!.Value));
        Assert.Equal(0.02, OptionsOf<TorchSharp.Modules.Adam.Options>(Assert.IsType<TorchSharp.Modules.Adam>(adam)).weight_decay);
        Assert.Equal(0.03, OptionsOf<TorchSharp.Modules.AdamW.Options>(Assert.IsType<TorchSharp.Modules.AdamW>(adamW)).weight_decay);
    }

    private static TOptions OptionsOf<TOptions>(torch.optim.Optimizer optimizer) where TOptions : TorchSharp.Modules.OptimizerOptions =>
        Assert.IsAssignableFrom<TorchSharp.Modules.ParamGroup<TOptions>>(Assert.Single(((TorchSharp.Modules.OptimizerHelper)optimizer).ParamGroups)).Options;
}
