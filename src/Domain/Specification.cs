using LanguageExt;

namespace Sweep.Domain;

/// <summary>
/// The one place an experiment is checked: <see cref="Validate"/> turns an <see cref="ExperimentRequest"/>
/// and what the shell observed (<see cref="ExperimentFacts"/>) into an <see cref="ExperimentSpec"/>,
/// or every problem at once. An option that does not apply to the chosen data, model or optimiser is
/// a problem too. Each check lives in one place: the data's in <see cref="DataValidation"/>, the
/// model's in <see cref="ModelValidation"/>, the optimiser's in <see cref="OptimizerValidation"/>,
/// the finder's in <see cref="FinderValidation"/>, the step budget's in <see cref="BudgetValidation"/> and <see cref="FinderOptions.Validate"/>
/// (with <see cref="Schedule"/>), the counts here.
/// </summary>
public static class Specification
{
    /// <summary>The widest hidden layer accepted.</summary>
    public const int MaximumWidth = 65_536;

    /// <summary>The largest image side accepted.</summary>
    public const int MaximumImageSide = 1024;

    /// <summary>The largest end learning rate accepted (float32 parameters overflow far beyond it).</summary>
    public const double MaximumLearningRate = 1e6;

    /// <summary>The smallest start learning rate accepted (float32 has no finer steps).</summary>
    public const double MinimumLearningRate = 1e-30;

    /// <summary>Micro-batches per step and torch threads when not given.</summary>
    public const int DefaultAccumulation = 1, DefaultThreads = 1;

    /// <summary>The spec, or every problem of the request (in the order data, images, model, optimiser, finder, counts).</summary>
    internal static Validation<Problem, ExperimentSpec> Validate(ExperimentRequest request, ExperimentFacts facts)
    {
        var pretrained = ModelValidation.AsksPretrained(request);
        var accumulation = OptionProblem.Count("--accumulate", request.Accumulate, DefaultAccumulation, 1, int.MaxValue);
        var threads = OptionProblem.Count("--threads", request.Threads, DefaultThreads, 1, facts.Processors,
            $"the {Problem.Show(facts.Processors)} processors of this machine");
        return (DataValidation.Data(request, facts, pretrained), DataValidation.Input(request, facts, pretrained), ModelValidation.Model(request, facts),
                OptimizerValidation.Optimizer(request), Finder(request), accumulation, threads)
            .Apply((data, input, model, optimizer, finder, steps, cores) =>
                new ExperimentSpec(data, input.MatchUnsafe(image => image, () => null), model, optimizer, finder.Options, finder.Settings, finder.Budget, steps, cores));
    }

    // The finder and its step budget: a fixed budget counts the finder's own steps.
    private static Validation<Problem, (FinderOptions Options, RangeTestSettings Settings, StepBudget Budget)> Finder(ExperimentRequest request) =>
        (FinderValidation.Finder(request), BudgetValidation.Budget(request)).Apply((finder, budget) =>
            (finder.Options, finder.Settings, budget.IfNone(() => StepBudget.Fixed(finder.Options.Steps).Match(fixedSteps => fixedSteps, problem => throw new InvalidOperationException(problem.Message)))));
}
