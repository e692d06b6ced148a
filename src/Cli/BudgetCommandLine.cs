using System.CommandLine;
using System.Globalization;
using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>What --steps holds: a count, or "epoch" (one epoch at every batch size).</summary>
/// <param name="Count">The steps when a number was given; null for epoch.</param>
/// <param name="Epoch">True for --steps epoch.</param>
public sealed record StepsValue(long? Count, bool Epoch);

/// <summary>
/// The step budget on the command line: --steps n|epoch (find and run), --budget steps|samples,
/// --samples K and --compare-budgets (run). Each lands in the <see cref="ExperimentRequest"/>, whose
/// <see cref="BudgetValidation"/> says what goes together.
/// </summary>
public static class BudgetCommandLine
{
    /// <summary>The word --steps takes for one epoch.</summary>
    public const string EpochWord = "epoch";

    /// <summary>--steps: a whole number, or epoch.</summary>
    public static Option<StepsValue?> StepsOption() =>
        Options.Create<StepsValue?>("steps", "number of steps (iterations), or epoch: one pass over the training set at every batch size, ceil(N/B) steps (fastai 0.7's lr_find)", null, "n|epoch",
            text => text.Trim().Equals(EpochWord, StringComparison.OrdinalIgnoreCase) ? (true, new StepsValue(null, true))
                : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? (true, new StepsValue(count, false))
                : (false, null));

    /// <summary>--budget.</summary>
    public static readonly Option<string?> Budget = Options.Text("budget", "steps: the same --steps at every batch size; samples: the same samples (one epoch, or --samples), ceil(samples/B) steps at batch size B", choices: BudgetValidation.Names);

    /// <summary>--samples.</summary>
    public static readonly Option<long?> Samples = Options.WholeNumber("samples", "samples per range test under --budget samples");

    /// <summary>--compare-budgets.</summary>
    public static readonly Option<bool?> CompareBudgets = Options.Flag("compare-budgets", "run the sweep under both budgets (equal steps: --steps; equal samples: one epoch or --samples) and compare their exponents; the equal-samples runs go to FOLDER/equal-samples");

    /// <summary>The request with run's budget options.</summary>
    public static ExperimentRequest WithBudget(ExperimentRequest request, ParseResult parsed) =>
        request with { Budget = parsed.GetValue(Budget), Samples = parsed.GetValue(Samples) };
}
