using LanguageExt;

namespace Sweep.Domain;

/// <summary>
/// The one place an experiment is checked: <see cref="Validate"/> turns an <see cref="ExperimentRequest"/>
/// and what the shell observed (<see cref="ExperimentFacts"/>) into an <see cref="ExperimentSpec"/>,
/// or every problem at once. An option that does not apply to the chosen data, model or optimiser is
/// a problem too.
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

    /// <summary>The spec, or every problem of the request.</summary>
    public static Validation<Problem, ExperimentSpec> Validate(ExperimentRequest request, ExperimentFacts facts) =>
        throw new NotImplementedException();
}
