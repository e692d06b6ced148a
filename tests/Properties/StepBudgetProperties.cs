using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;

namespace Sweep.Properties.Tests;

/// <summary>Step budgets: how many steps each batch size gets.</summary>
public class StepBudgetProperties
{
    private static T Right<T>(LanguageExt.Either<Problem, T> either) =>
        either.Match(value => value, problem => throw new InvalidOperationException(problem.Message));

    private static int StepsOf(StepBudget budget, int batchSize, int datasetSize) => Right(StepBudget.Steps(budget, batchSize, datasetSize));

    private static Gen<(int Batch, int Size)> Shapes { get; } =
        from batch in Gen.Frequency((3, Gen.Choose(1, 512)), (1, Gen.Choose(1, int.MaxValue)))
        from size in Gen.Frequency((3, Gen.Choose(1, 100_000)), (1, Gen.Choose(1, int.MaxValue)))
        select (batch, size);

    [Claim]
    public Property Fixed_GivesItsStepsAtEveryBatchSize() =>
        Prop.ForAll((from steps in Gen.Choose(1, 10_000) from shape in Shapes select (steps, shape)).ToArbitrary(), x =>
            StepsOf(Right(StepBudget.Fixed(x.steps)), x.shape.Batch, x.shape.Size) == x.steps);

    [Claim]
    public Property Samples_GivesTheFewestStepsThatSeeThemAll() =>
        // steps = ⌈K/B⌉: steps·B ≥ K > (steps − 1)·B.
        Prop.ForAll((from samples in Gen.Choose(1, int.MaxValue) from shape in Shapes select (samples: (long)samples, shape)).ToArbitrary(), x =>
        {
            var steps = (long)StepsOf(Right(StepBudget.Samples(x.samples)), x.shape.Batch, x.shape.Size);
            return steps >= 1 && steps * x.shape.Batch >= x.samples && (steps - 1) * x.shape.Batch < x.samples;
        });

    [Claim]
    public Property OneEpoch_IsTheSamplesOfTheTrainingSet_LikeFastai07sLenTrnDl() =>
        Prop.ForAll(Shapes.ToArbitrary(), x =>
            StepsOf(StepBudget.OneEpoch, x.Batch, x.Size) == StepsOf(Right(StepBudget.Samples(x.Size)), x.Batch, x.Size)
            && StepsOf(StepBudget.OneEpoch, x.Batch, x.Size) == (int)Math.Ceiling((decimal)x.Size / x.Batch));

    [Claim]
    public Property SampleBudgets_GiveNoMoreStepsToABiggerBatch() =>
        Prop.ForAll((from shape in Shapes from bigger in Gen.Choose(0, 1000) select (shape, bigger: (int)Math.Min(int.MaxValue, (long)shape.Batch + bigger))).ToArbitrary(), x =>
            StepsOf(StepBudget.OneEpoch, x.bigger, x.shape.Size) <= StepsOf(StepBudget.OneEpoch, x.shape.Batch, x.shape.Size));

    [Claim]
    public Property NonPositiveInputs_AreProblems_NeverSteps() =>
        Prop.ForAll((from bad in Gen.Choose(int.MinValue, 0) from which in Gen.Choose(0, 3) select (bad, which)).ToArbitrary(), x => x.which switch
        {
            0 => StepBudget.Fixed(x.bad).IsLeft,
            1 => StepBudget.Samples(x.bad).IsLeft,
            2 => StepBudget.Steps(StepBudget.OneEpoch, x.bad, 100).IsLeft,
            _ => StepBudget.Steps(StepBudget.OneEpoch, 8, x.bad).IsLeft,
        });

    [Xunit.Fact]
    public void Samples_BeyondIntSteps_AreAProblem() =>
        Xunit.Assert.True(StepBudget.Steps(Right(StepBudget.Samples(long.MaxValue)), 1, 10).IsLeft);
}
