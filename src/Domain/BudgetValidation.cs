using LanguageExt;
using static LanguageExt.Prelude;

namespace Sweep.Domain;

/// <summary>
/// The checks of the step budget as asked: --budget steps|samples, --samples K and --steps epoch.
/// <para>--steps epoch and --budget samples (without --samples) say the same thing, one epoch at
/// every batch size, and both become <see cref="StepBudget.OneEpoch"/>: giving both is allowed, since
/// they agree. What contradicts is refused, each with its fix: --samples without --budget samples,
/// --samples beside --steps epoch (an epoch is the training set, not K samples), a step count under
/// --budget samples (the steps follow from the samples), --steps epoch under --budget steps.</para>
/// </summary>
public static class BudgetValidation
{
    /// <summary>The budget names --budget accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["steps", "samples"];

    /// <summary>The budget, None for the fixed budget (the finder's own step count, checked there), or every problem.</summary>
    internal static Validation<Problem, Option<StepBudget>> Budget(ExperimentRequest request)
    {
        var name = request.Budget?.Trim().ToLowerInvariant();
        var epoch = request.EpochSteps == true;
        if (name is not null && !Names.Contains(name))
            return OptionProblem.Unknown("--budget", "budget", request.Budget ?? "", Names);
        var problems = Contradictions(name, epoch, request);
        if (problems.Length > 0) return Fail<Problem, Option<StepBudget>>(Seq(problems));
        if (request.Samples is { } samples)
            return StepBudget.Samples(samples).Match(
                budget => Success<Problem, Option<StepBudget>>(Some(budget)),
                problem => Fail<Problem, Option<StepBudget>>(problem with { Subject = "--samples" }));
        return epoch || name == "samples" ? Success<Problem, Option<StepBudget>>(Some(StepBudget.OneEpoch)) : Success<Problem, Option<StepBudget>>(None);
    }

    // A list, not an iterator: iterators reach for the current thread id (System.Environment), which the Domain never uses.
    private static Problem[] Contradictions(string? name, bool epoch, ExperimentRequest request)
    {
        var problems = new List<Problem>();
        if (epoch && name == "steps")
            problems.Add(new Problem("--steps epoch", "is the samples budget (one epoch at every batch size), not --budget steps", Fix: "drop --budget steps, or give --steps a number"));
        if (request.Samples is not null && epoch)
            problems.Add(new Problem("--samples", "cannot go with --steps epoch (an epoch is the whole training set)", Fix: "use --budget samples --samples K, or drop --samples"));
        else if (request.Samples is not null && name != "samples")
            problems.Add(OptionProblem.Inapplicable("--samples", "--budget samples", $"--budget {name ?? "steps"}", "add --budget samples, or drop --samples"));
        if (request.Steps is not null && (name == "samples" || epoch))
            problems.Add(new Problem("--steps", "counts steps under --budget steps; under the samples budget each batch size B takes ⌈samples / B⌉ steps",
                Problem.Show(request.Steps.Value), epoch ? "give --steps once" : "drop --steps, or use --budget steps"));
        return problems.ToArray();
    }
}
