using System.CommandLine;
using System.Globalization;
using Sweep.Cli.Files;
using Sweep.Domain;

namespace Sweep.Cli.Commands;

/// <summary>
/// `run`'s step budgets in the shell: the steps each batch size takes (checked before anything is
/// written, and told), and --compare-budgets, which runs the same cells under equal steps (into the
/// output folder) and equal samples (into FOLDER/equal-samples, a sweep folder of its own with its
/// own config.json, so that each resumes and fingerprints like any sweep) and sets the two exponents
/// side by side (<see cref="BudgetComparison"/>) in sweep.json and report.html.
/// </summary>
public static class BudgetRun
{
    /// <summary>The equal-samples sweep's folder inside the output folder.</summary>
    public const string SamplesFolder = "equal-samples";

    /// <summary>The steps of every batch size of <paramref name="plan"/> on <paramref name="datasetSize"/> samples; a budget that gives one of them fewer than 2 steps is a usage error.</summary>
    public static IReadOnlyList<(int BatchSize, int Steps)> Steps(ExperimentSpec spec, SweepPlan plan, int datasetSize) =>
        CellFinder.Steps(spec, plan.BatchSizes, datasetSize).Match(steps => steps, problem => throw new UsageException(problem.Message));

    /// <summary>Tells the steps each batch size takes when they differ between batch sizes.</summary>
    public static void Narrate(Terminal terminal, ExperimentSpec spec, SweepPlan plan, int datasetSize)
    {
        if (spec.Budget is StepBudget.FixedCase) return;
        var samples = spec.Budget is StepBudget.SamplesCase given ? $"{Problem.Show(given.SampleCount)} samples" : $"one epoch of {Problem.Show(datasetSize)} samples";
        var steps = string.Join(", ", Steps(spec, plan, datasetSize).Select(entry => $"{Problem.Show(entry.Steps)} steps at batch size {Problem.Show(entry.BatchSize)}"));
        terminal.Narration.WriteLine($"step budget: {samples} per range test: {steps}");
    }

    /// <summary>
    /// --compare-budgets: both sweeps, then the comparison of the fit rule's exponents; the exit code
    /// of the first sweep that did not finish (130 when interrupted), else 0.
    /// </summary>
    public static int Compare(ParseResult parsed, ExperimentRequest request, string output, Terminal terminal, CancellationToken cancellation)
    {
        if (request.Budget is not null || request.EpochSteps == true)
            throw new UsageException("--compare-budgets runs both budgets itself; drop --budget and --steps epoch (give --steps n for the equal-steps side, --samples K for the equal-samples side).");
        var (equalSteps, equalSamples) = (request with { Samples = null }, request with { Budget = "samples", Steps = null });
        // Both sides are checked before either runs, so a bad --samples is not found after the first sweep.
        ExperimentInput.Specify(equalSteps);
        ExperimentInput.Specify(equalSamples);
        var cache = Path.Combine(output, "feature-cache");
        terminal.Narration.WriteLine("equal steps:");
        var steps = RunCommand.Sweep(parsed, equalSteps, output, cache, terminal, cancellation);
        if (steps is not { ExitCode: 0, Contents: { } stepsContents, Scaling: { } stepsScaling }) return steps.ExitCode;
        terminal.Narration.WriteLine("equal samples:");
        var samples = RunCommand.Sweep(parsed, equalSamples, Path.Combine(output, SamplesFolder), cache, terminal, cancellation);
        if (samples is not { ExitCode: 0, Contents: { } samplesContents, Scaling: { } samplesScaling }) return samples.ExitCode;
        var rule = stepsContents.FitRule;
        var comparison = BudgetComparison.Of(rule, stepsScaling, samplesScaling);
        BudgetComparisonFiles.Write(output, SamplesFolder, rule, comparison, stepsContents, samplesContents);
        terminal.Out.WriteLine(comparison?.Sentence() ?? $"{RuleName.Of(rule)} was not fitted under one of the budgets, so the budgets cannot be compared.");
        return 0;
    }

    /// <summary>The budget in a few words: "equal steps (100 each)", "equal samples (one epoch)", "equal samples (5000 each)".</summary>
    public static string Words(ExperimentSpec spec) => spec.Budget switch
    {
        StepBudget.EpochCase => "equal samples (one epoch)",
        StepBudget.SamplesCase samples => $"equal samples ({Problem.Show(samples.SampleCount)} each)",
        _ => string.Create(CultureInfo.InvariantCulture, $"equal steps ({spec.Finder.Steps} each)"),
    };
}
