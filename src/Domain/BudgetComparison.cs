using System.Globalization;

namespace Sweep.Domain;

/// <summary>
/// One rule's scaling measured twice on the same cells: with equal steps at every batch size (fastai
/// v2 and pytorch-lr-finder: num_iter) and with equal samples (one epoch, as fastai 0.7's lr_find
/// ran). Under equal samples a batch of B takes ⌈N / B⌉ steps, so small batches train longer at each
/// learning rate and reach their minimum (and diverge) at lower rates: that alone raises the exponent.
/// <para>Shift = α_samples − α_steps: how much of the exponent measured under one epoch the budget
/// explains. It is called measurable when the two bootstrap intervals are disjoint.</para>
/// </summary>
/// <param name="Rule">The fitted rule.</param>
/// <param name="EqualSteps">The fit under a fixed number of steps.</param>
/// <param name="EqualSamples">The fit under one epoch (or a fixed sample count).</param>
public sealed record BudgetComparison(Rule Rule, RuleScaling EqualSteps, RuleScaling EqualSamples)
{
    /// <summary>α_samples − α_steps, or null when either budget gives no power law.</summary>
    public double? Shift =>
        EqualSteps.PowerLaw is { } steps && EqualSamples.PowerLaw is { } samples
            ? samples.Fit.Exponent - steps.Fit.Exponent
            : null;

    /// <summary>Whether the two exponents' intervals are disjoint (false when either is missing).</summary>
    public bool Measurable =>
        EqualSteps.PowerLaw is { } steps && EqualSamples.PowerLaw is { } samples
        && (samples.ExponentLow > steps.ExponentHigh || steps.ExponentLow > samples.ExponentHigh);

    /// <summary>The comparison of <paramref name="rule"/> in two reports of the same cells, or null when either report lacks the rule.</summary>
    public static BudgetComparison? Of(Rule rule, ScalingReport equalSteps, ScalingReport equalSamples) =>
        equalSteps.For(rule) is { } steps && equalSamples.For(rule) is { } samples
            ? new BudgetComparison(rule, steps, samples)
            : null;

    /// <summary>
    /// One sentence on what the difference means: the two exponents with their intervals, and either
    /// the shift the budget causes (disjoint intervals) or that it does not measurably change the result.
    /// </summary>
    public string Sentence()
    {
        if (EqualSteps.PowerLaw is not { } steps || EqualSamples.PowerLaw is not { } samples)
            return $"{RuleName.Of(Rule)}: one of the budgets has too few batch sizes with a suggestion to fit, so the budgets cannot be compared.";
        var exponents = $"{RuleName.Of(Rule)}'s exponent is {Show(samples)} with equal samples (one epoch) and {Show(steps)} with equal steps";
        return Measurable
            ? $"{exponents}: the step budget alone moves it by {Signed(Shift!.Value)}, because under one epoch small batches take more steps and reach their minimum at lower learning rates; that part of 'bigger batch, bigger learning rate' is the budget, not the batch size."
            : $"{exponents}: the intervals overlap, so the step budget does not measurably change the exponent here.";
    }

    private static string Show(PowerLawEstimate estimate) => string.Create(CultureInfo.InvariantCulture,
        $"{estimate.Fit.Exponent:0.00} [{estimate.ExponentLow:0.00}, {estimate.ExponentHigh:0.00}]");

    private static string Signed(double value) => value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
}
