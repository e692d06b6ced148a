using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Library;

/// <summary>
/// The plain façade of the Domain's checks: <see cref="Validated"/> returns what the internal
/// language-ext factories decide, as a <see cref="Checked{T}"/>; every problem is kept, reading the
/// value of a failed result is the caller's error.
/// </summary>
public class ValidatedTests
{
    [Fact]
    public void A_valid_plan_is_the_plan_the_internal_factory_builds()
    {
        var plan = Validated.ShuffledPlan(100, 16, 3);
        Assert.True(plan.IsValid);
        Assert.Empty(plan.Problems);
        Assert.Equal(BatchPlan.Shuffled(100, 16, 3).IfLeft(_ => throw new InvalidOperationException()), plan.Value);
        Assert.True(plan.TryGetValue(out var value));
        Assert.Equal(plan.Value, value);
    }

    [Fact]
    public void An_invalid_plan_carries_the_problem_and_its_value_cannot_be_read()
    {
        var plan = Validated.ShuffledPlan(100, 0, 3);
        var expected = BatchPlan.Shuffled(100, 0, 3).Match(_ => throw new InvalidOperationException(), problem => problem);
        Assert.False(plan.IsValid);
        Assert.Equal([expected], plan.Problems);
        Assert.Equal(expected.Message, plan.Message);
        Assert.False(plan.TryGetValue(out _));
        Assert.Equal(expected.Message, Assert.Throws<InvalidOperationException>(() => plan.Value).Message);
        Assert.Equal("no", plan.Match(_ => "yes", problems => problems.Count == 1 ? "no" : "?"));
    }

    [Fact]
    public void Finder_settings_report_every_problem_at_once()
    {
        var settings = Validated.Settings(new FinderOptions(Preset.Fastai, Start: -1, Beta: 2, DivergenceFactor: 0.5));
        Assert.Equal(["start learning rate", "smoothing beta", "divergence factor"], settings.Problems.Select(problem => problem.Subject));
        Assert.Equal(3, settings.Message.Split('\n').Length);
    }

    [Fact]
    public void A_schedule_problem_reads_as_a_problem()
    {
        var schedule = Validated.ExponentialSchedule(1e-3, 1e-5, 100, Endpoint.Inclusive);
        var expected = Schedule.Exponential(1e-3, 1e-5, 100, Endpoint.Inclusive).Match(_ => throw new InvalidOperationException(), problem => problem.Problem);
        Assert.Equal([expected], schedule.Problems);
        Assert.True(Validated.LinearSchedule(1e-5, 1e-3, 100, Endpoint.Exclusive).IsValid);
    }

    [Fact]
    public void Names_parse_to_a_value_or_null()
    {
        Assert.Same(Preset.PytorchLrFinder, Validated.PresetNamed("plrf"));
        Assert.Null(Validated.PresetNamed("no-such-preset"));
        Assert.Equal(Rule.Valley, Validated.RuleNamed("valley"));
        Assert.Null(Validated.RuleNamed("no-such-rule"));
    }

    [Fact]
    public void Sweep_plans_shards_and_budgets_come_through_the_facade()
    {
        Assert.Equal(4, Validated.SweepPlanOf([16, 32], [0, 1]).Value.Cells.Count);
        Assert.False(Validated.SweepPlanOf([], [0]).IsValid);
        Assert.Equal(Validated.ShardOf(1, 4).Value, Validated.ParseShard("1/4").Value);
        Assert.False(Validated.ParseShard("4/4").IsValid);
        Assert.Equal(7, Validated.BudgetSteps(Validated.SamplesBudget(100).Value, 16, 1000).Value);
        Assert.False(Validated.FixedBudget(0).IsValid);
        Assert.False(Validated.LearningRates(1, 0.1).IsValid);
    }
}
