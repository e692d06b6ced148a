using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using Xunit;

namespace Sweep.Properties.Tests;

/// <summary>Every validating factory says what is wrong as a <see cref="Problem"/> whose one line names the value.</summary>
public class ProblemProperties
{
    [Fact]
    public void Message_IsSubjectRuleValueAndFix_InOneLine()
    {
        Assert.Equal("seeds must be non-negative, got -1.", new Problem("seeds", "must be non-negative", "-1").Message);
        Assert.Equal("seeds must not be empty; give at least one seed.", new Problem("seeds", "must not be empty", Fix: "give at least one seed").Message);
        Assert.Equal("x must be y, got 2; do z.", new Problem("x", "must be y", "2", "do z").Message);
    }

    [Claim]
    public Property SweepPlanCreate_NamesTheOffendingBatchSizeOrSeed() =>
        Prop.ForAll((from bad in Gen.Choose(-1000, 0) from seed in Gen.Elements(false, true) select (bad, seed)).ToArbitrary(), x =>
        {
            var problem = (x.seed ? SweepPlan.Create([8], [x.bad - 1]) : SweepPlan.Create([8, x.bad], [0]))
                .Match(_ => null, problem => problem);
            return problem is not null
                && problem.Subject == (x.seed ? "seeds" : "batch sizes")
                && problem.Value == (x.seed ? x.bad - 1 : x.bad).ToString(System.Globalization.CultureInfo.InvariantCulture)
                && !problem.Message.Contains('\n');
        });

    [Fact]
    public void FinderOptions_ReportTheFirstProblem_ScheduleProblemsInTheCommonShape()
    {
        string Message(FinderOptions options) => options.Settings().Match(_ => "", problem => problem.Message);
        Assert.Equal("start learning rate must be positive, got 0; use e.g. 1e-7.", Message(new FinderOptions(Preset.Fastai, Start: 0)));
        Assert.Equal("smoothing beta must be in [0, 1), got 1.5; fastai uses 0.98.", Message(new FinderOptions(Preset.Fastai, Beta: 1.5)));
        Assert.Equal("end learning rate (0.5) must be greater than start (1); swap them or widen the range.",
            Message(new FinderOptions(Preset.Fastai, Start: 1, End: 0.5)));
        Assert.Equal("a schedule needs at least 2 steps, got 1.", Message(new FinderOptions(Preset.Fastai, Steps: 1)));
    }

    [Fact]
    public void ShardParse_KeepsTheOptionsName_AndTheTextGiven() =>
        Assert.Equal("--shard must be i/n with 0 <= i < n (e.g. 0/4), got '2/2'.", Shard.Parse("2/2").Match(_ => "", problem => problem.Message));
}
