using Sweep.Domain;
using Sweep.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using static Sweep.Golden.Tests.Training.TrainingFixtures;

namespace Sweep.Golden.Tests.Training;

/// <summary>
/// The range test on TorchSharp: the Domain drives it, and afterwards model, optimiser and RNG are
/// exactly as they were — checked on bytes and on behaviour (the next real training step after a
/// range test equals the same step on an untouched twin).
/// </summary>
[Collection(TorchCollection.Name)]
public class RangeTestRunnerTests
{
    public static TheoryData<string> Optimisers() => ["sgd-momentum", "nesterov", "adam", "adamw"];

    private static optim.Optimizer Optimiser(string name, nn.Module model) => name switch
    {
        "sgd-momentum" => optim.SGD(model.parameters(), 0.01, momentum: 0.9),
        "nesterov" => optim.SGD(model.parameters(), 0.01, momentum: 0.9, nesterov: true),
        "adam" => optim.Adam(model.parameters(), 0.001),
        "adamw" => optim.AdamW(model.parameters(), 0.001, weight_decay: 0.01),
        _ => throw new ArgumentException(name),
    };

    // Trains a few real steps so that the optimiser has state worth restoring (momentum, moments, step counts).
    private static void Warm(nn.Module<Tensor, Tensor> model, optim.Optimizer optimiser, BatchSource source, int steps)
    {
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            optimiser.zero_grad();
            var (inputs, targets) = source.Draw(1000 + step);
            RangeTestRunner.CrossEntropy(model.forward(inputs), targets).backward();
            optimiser.step();
        }
    }

    [Theory]
    [MemberData(nameof(Optimisers))]
    public void After_a_range_test_model_optimiser_and_rng_are_bit_identical(string name)
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        var model = Mlp(3, batchNorm: name == "adam");
        var optimiser = Optimiser(name, model);
        Warm(model, optimiser, source, 3);
        var parameters = ParameterBytes(model);
        var state = TrainingSnapshot.SaveOptimizer(optimiser);
        var rates = optimiser.ParamGroups.Select(group => group.LearningRate).ToArray();
        torch.manual_seed(99);
        var random = RandomState();

        var curve = RangeTestRunner.Run(model, optimiser, RangeTestRunner.CrossEntropy, source, Settings());

        Assert.True(curve.Points.Count > 5);
        Assert.Equal(parameters, ParameterBytes(model));
        Assert.Equal(state, TrainingSnapshot.SaveOptimizer(optimiser));
        Assert.Equal(rates, optimiser.ParamGroups.Select(group => group.LearningRate).ToArray());
        Assert.Equal(random, RandomState());
        Assert.True(model.training);
    }

    [Theory]
    [MemberData(nameof(Optimisers))]
    public void The_next_training_steps_after_a_range_test_equal_those_of_an_untouched_twin(string name)
    {
        // The model has BatchNorm and dropout: the twin matches only if running statistics, optimiser
        // state and the RNG stream (dropout masks) all continue exactly where they were.
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        var model = Mlp(3, batchNorm: true);
        var optimiser = Optimiser(name, model);
        torch.manual_seed(11);
        Warm(model, optimiser, source, 2);
        RangeTestRunner.Run(model, optimiser, RangeTestRunner.CrossEntropy, source, Settings());
        Warm(model, optimiser, source, 2);
        var afterRangeTest = ParameterBytes(model);

        var twin = Mlp(3, batchNorm: true);
        var twinOptimiser = Optimiser(name, twin);
        torch.manual_seed(11);
        Warm(twin, twinOptimiser, source, 2);
        Warm(twin, twinOptimiser, source, 2);

        Assert.Equal(ParameterBytes(twin), afterRangeTest);
    }

    [Fact]
    public void A_fresh_optimiser_is_restored_to_having_no_momentum_yet()
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        var model = Mlp(3);
        var twin = Mlp(3);
        var optimiser = Optimiser("sgd-momentum", model);
        var twinOptimiser = Optimiser("sgd-momentum", twin);

        RangeTestRunner.Run(model, optimiser, RangeTestRunner.CrossEntropy, source, Settings());
        Warm(model, optimiser, source, 2);
        Warm(twin, twinOptimiser, source, 2);

        Assert.Equal(ParameterBytes(twin), ParameterBytes(model));
    }

    [Fact]
    public void A_cancelled_run_keeps_its_points_says_cancelled_and_restores_everything()
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        var model = Mlp(3, batchNorm: true);
        var optimiser = Optimiser("adam", model);
        Warm(model, optimiser, source, 2);
        var parameters = ParameterBytes(model);
        var state = TrainingSnapshot.SaveOptimizer(optimiser);
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(report => { if (report.Step == 9) cancellation.Cancel(); });

        var curve = RangeTestRunner.Run(model, optimiser, RangeTestRunner.CrossEntropy, source, Settings(), progress: progress, cancellation: cancellation.Token);

        Assert.Equal(StopReason.Cancelled, curve.Stop);
        Assert.Equal(10, curve.Points.Count);
        Assert.Equal(parameters, ParameterBytes(model));
        Assert.Equal(state, TrainingSnapshot.SaveOptimizer(optimiser));
    }

    [Fact]
    public void A_run_that_throws_restores_everything_and_rethrows()
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        var model = Mlp(3);
        var optimiser = Optimiser("sgd-momentum", model);
        var parameters = ParameterBytes(model);
        var calls = 0;
        Tensor Failing(Tensor logits, Tensor targets) =>
            ++calls == 6 ? throw new InvalidOperationException("boom") : RangeTestRunner.CrossEntropy(logits, targets);

        Assert.Throws<InvalidOperationException>(() => RangeTestRunner.Run(model, optimiser, Failing, source, Settings()));
        Assert.Equal(parameters, ParameterBytes(model));
    }

    [Fact]
    public void Every_parameter_group_gets_the_schedules_learning_rate_at_every_step()
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        var model = Mlp(3);
        var layers = model.children().ToArray();
        var optimiser = new TorchSharp.Modules.SGD(new[] { new TorchSharp.Modules.SGD.ParamGroup(layers[0].parameters(), 0.01, 0, 0, 0, false, false), new TorchSharp.Modules.SGD.ParamGroup(layers[2].parameters(), 0.01, 0, 0, 0, false, false) }, 0.01, 0, 0, 0, false, false);
        var settings = Settings();
        var seen = new List<double[]>();
        var progress = new SynchronousProgress(_ => seen.Add(optimiser.ParamGroups.Select(group => group.LearningRate).ToArray()));

        var curve = RangeTestRunner.Run(model, optimiser, RangeTestRunner.CrossEntropy, source, settings, progress: progress);

        Assert.Equal(curve.Points.Count, seen.Count);
        for (var step = 0; step < seen.Count; step++)
        {
            Assert.All(seen[step], rate => Assert.Equal(settings.Schedule.LearningRate(step), rate));
            Assert.Equal(settings.Schedule.LearningRate(step), curve.Points[step].LearningRate);
        }
    }

    [Fact]
    public void Same_seed_and_threads_give_bit_identical_curves()
    {
        torch.set_num_threads(1);
        Curve Once()
        {
            using var source = Source(1, 16);
            var model = Mlp(5);
            return RangeTestRunner.Run(model, Optimiser("sgd-momentum", model), RangeTestRunner.CrossEntropy, source, Settings(60));
        }

        var first = Once();
        var second = Once();
        Assert.Equal(first, second);
        Assert.True(first.Points.Select(point => point.Loss).Distinct().Count() > 10);
    }

    [Fact]
    public void Accumulating_two_half_batches_follows_one_full_batch()
    {
        torch.set_num_threads(1);
        var (features, labels) = Samples(1);
        var halves = Enumerable.Range(0, 60).Select(draw => Enumerable.Range(draw * 8 % 248, 8).ToArray()).ToList();
        var wholes = Enumerable.Range(0, 30).Select(step => halves[2 * step].Concat(halves[2 * step + 1]).ToArray()).ToList();
        using var halfSource = new BatchSource(features, labels, BatchPlan.Explicit(halves).IfLeft(problem => throw new ArgumentException(problem.Message)));
        using var wholeSource = new BatchSource(features, labels, BatchPlan.Explicit(wholes).IfLeft(problem => throw new ArgumentException(problem.Message)));
        var halfModel = Mlp(5);
        var wholeModel = Mlp(5);

        var accumulated = RangeTestRunner.Run(halfModel, Optimiser("sgd-momentum", halfModel), RangeTestRunner.CrossEntropy, halfSource,
            Settings(30), new RunnerOptions { AccumulationSteps = 2 });
        var whole = RangeTestRunner.Run(wholeModel, Optimiser("sgd-momentum", wholeModel), RangeTestRunner.CrossEntropy, wholeSource, Settings(30));

        Assert.Equal(whole.Points.Count, accumulated.Points.Count);
        // Same maths, different summation order: equal to float32 rounding while the LR is small.
        for (var step = 0; step < 20; step++)
        {
            Assert.Equal(whole.Points[step].LearningRate, accumulated.Points[step].LearningRate);
            Assert.Equal(whole.Points[step].Loss, accumulated.Points[step].Loss, 1e-5);
        }
    }

    [Fact]
    public void Validation_mode_records_the_held_out_loss_in_eval_mode()
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        using var validation = Source(2, 64);
        var model = Mlp(3, batchNorm: true);
        var twin = Mlp(3, batchNorm: true);
        var twinOptimiser = Optimiser("sgd-momentum", twin);
        var settings = Settings(5);

        var curve = RangeTestRunner.Run(model, Optimiser("sgd-momentum", model), RangeTestRunner.CrossEntropy, source, settings,
            new RunnerOptions { Validation = validation, ValidationBatches = 2 });

        // The twin takes the first step by hand, then is evaluated the same way.
        using var scope = NewDisposeScope();
        foreach (var group in twinOptimiser.ParamGroups) group.LearningRate = settings.Schedule.LearningRate(0);
        twin.train();
        var (inputs, targets) = source.Draw(0);
        RangeTestRunner.CrossEntropy(twin.forward(inputs), targets).backward();
        twinOptimiser.step();
        twin.eval();
        using var noGradients = torch.no_grad();
        var expected = Enumerable.Range(0, 2).Average(draw =>
        {
            var (x, y) = validation.Draw(draw);
            return (double)RangeTestRunner.CrossEntropy(twin.forward(x), y).item<float>();
        });
        Assert.Equal(expected, curve.Points[0].Loss, 1e-6);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the report before the next step.</summary>
    private sealed class SynchronousProgress(Action<StepProgress> report) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) => report(value);
    }
}
