using Sweep.Domain;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>How the training shell runs a range test, beyond the Domain settings.</summary>
public sealed record RunnerOptions
{
    /// <summary>Micro-batches per optimiser step: their losses are averaged, the gradients accumulate, the LR advances once per step.</summary>
    public int AccumulationSteps { get; init; } = 1;

    /// <summary>
    /// Leslie Smith's variant: after every step, evaluate this held-out source (eval mode, no
    /// gradients) and record its mean loss instead of the training loss.
    /// </summary>
    public IBatchSource? Validation { get; init; }

    /// <summary>How many draws of <see cref="Validation"/> make one evaluation.</summary>
    public int ValidationBatches { get; init; } = 1;

    /// <summary>Put model, optimiser and RNG back as they were afterwards (on success, failure and cancellation).</summary>
    public bool Restore { get; init; } = true;
}

/// <summary>One finished step, as reported to a progress observer.</summary>
public readonly record struct StepProgress(int Step, int Steps, double LearningRate, double Loss, double SmoothedLoss);

/// <summary>
/// Runs one range test on any TorchSharp model and optimiser. This is the effectful shell around
/// <see cref="RangeTest"/>: the Domain says which LR each step uses, smooths the loss and decides
/// when to stop; this class only sets the LR on every parameter group, runs forward/backward/step
/// inside one dispose scope per step, and reads the loss out as a double.
/// </summary>
public static class RangeTestRunner
{
    /// <summary>Cross-entropy on logits, mean over the batch: the loss of every classifier here.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets) => nn.functional.cross_entropy(logits, targets);

    /// <summary>
    /// Runs the test and returns its curve. Cancellation ends it early with
    /// <see cref="StopReason.Cancelled"/> (the curve so far is kept); an exception from the model or
    /// optimiser propagates after the state is restored.
    /// </summary>
    public static Curve Run(
        nn.Module<Tensor, Tensor> model,
        optim.Optimizer optimizer,
        Func<Tensor, Tensor, Tensor> loss,
        IBatchSource batches,
        RangeTestSettings settings,
        RunnerOptions? options = null,
        IProgress<StepProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        options ??= new RunnerOptions();
        if (options.AccumulationSteps < 1)
            throw new ArgumentException($"accumulation steps must be at least 1, got {options.AccumulationSteps}.", nameof(options));
        using var snapshot = options.Restore ? TrainingSnapshot.Take(model, optimizer) : null;
        try
        {
            model.train();
            var state = RangeTest.Start();
            while (!state.IsDone)
            {
                if (cancellation.IsCancellationRequested)
                {
                    state = RangeTest.Cancel(state);
                    break;
                }

                var learningRate = RangeTest.NextLearningRate(settings, state);
                var recorded = Step(model, optimizer, loss, batches, options, state.Step, learningRate);
                var before = state.Step;
                state = RangeTest.Record(settings, state, recorded);
                // fastai 0.7's convention stops without recording the diverging step: nothing new to report.
                if (state.Step == before) continue;
                var point = state.Points[^1];
                progress?.Report(new StepProgress(state.Step - 1, settings.Schedule.Steps, point.LearningRate, point.Loss, point.SmoothedLoss));
            }

            return RangeTest.ToCurve(state);
        }
        finally
        {
            snapshot?.Restore();
        }
    }

    // One optimiser step at the Domain's learning rate; returns the loss to record.
    private static double Step(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer, Func<Tensor, Tensor, Tensor> loss,
        IBatchSource batches, RunnerOptions options, int step, double learningRate)
    {
        using var scope = NewDisposeScope();
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
        optimizer.zero_grad();
        var accumulation = options.AccumulationSteps;
        var total = 0.0;
        for (var micro = 0; micro < accumulation; micro++)
        {
            var (inputs, targets) = batches.Draw(step * accumulation + micro);
            var value = loss(model.forward(inputs), targets);
            (accumulation == 1 ? value : value / accumulation).backward();
            total += value.ToDouble();
        }

        optimizer.step();
        return options.Validation is null ? total / accumulation : Evaluate(model, loss, options.Validation, options.ValidationBatches);
    }

    // Mean held-out loss in eval mode, over the same draws every step: the curve then moves only with the weights.
    private static double Evaluate(nn.Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> loss, IBatchSource validation, int draws)
    {
        model.eval();
        try
        {
            using var noGradients = torch.no_grad();
            var total = 0.0;
            for (var draw = 0; draw < draws; draw++)
            {
                var (inputs, targets) = validation.Draw(draw);
                total += loss(model.forward(inputs), targets).ToDouble();
            }

            return total / draws;
        }
        finally
        {
            model.train();
        }
    }
}
