using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>
/// Records holding lists or dictionaries compare their contents: two values built from equal contents
/// in separate instances are equal with equal hash codes; one changed entry makes them differ.
/// </summary>
public class StructuralEqualityProperties
{
    /// <summary>Values, a position to change and a different value to put there.</summary>
    private static Gen<(double[] Values, int At, double Other)> Changed(int longest) =>
        from values in ArrayOf(Gen.Frequency((6, ModerateFinite), (1, Gen.Constant(double.NaN))), 1, longest)
        from at in Gen.Choose(0, values.Length - 1)
        from other in ModerateFinite
        select (values, at, Equals(other, values[at]) ? other + 1 : other);

    private static double[] With(double[] values, int at, double other)
    {
        var copy = values.ToArray();
        copy[at] = other;
        return copy;
    }

    /// <summary>a and b equal with equal hashes; a and c different.</summary>
    private static bool SameAndDifferent<T>(T a, T b, T c) where T : notnull =>
        a.Equals(b) && a.GetHashCode() == b.GetHashCode() && !a.Equals(c) && !ReferenceEquals(a, b);

    // At most one value per rule, so that dictionaries keyed by rule hold every value.
    private static Property Claim<T>(Func<double[], T> build, int longest = 6) where T : notnull =>
        Prop.ForAll(Changed(longest).ToArbitrary(), x => SameAndDifferent(build(x.Values.ToArray()), build(x.Values.ToArray()), build(With(x.Values, x.At, x.Other))));

    private static double? Answer(double value) => double.IsNaN(value) ? null : value;

    [Claim]
    public Property RuleSummary_ComparesItsSuggestions() =>
        Claim(values => new RuleSummary(Rule.Valley, values.Select(Answer).ToArray(), 1, 0.5, 2));

    [Claim]
    public Property CurveBand_ComparesItsSteps() =>
        Claim(values => new CurveBand(values, values.Reverse().ToArray(), values, values), longest: 40);

    [Claim]
    public Property BatchSizeSummary_ComparesItsRulesAndBand() =>
        Claim(values => new BatchSizeSummary(8, 3,
            [new RuleSummary(Rule.MinLoss, values.Select(Answer).ToArray(), 1, 1, 1)], new CurveBand(values, values, values, values)));

    [Claim]
    public Property Curve_ComparesItsPoints() =>
        Claim(values => new Curve(values.Select((value, i) => new CurvePoint(i, value, value)).ToArray(), StopReason.Completed));

    [Claim]
    public Property RunResult_ComparesItsCurveAndSuggestions() =>
        Claim(values => new RunResult(new SweepCell(8, 1), new Curve([], StopReason.Completed),
            RuleName.All.Take(values.Length).Select((rule, i) => (rule, Answer(values[i]))).Reverse().ToDictionary(pair => pair.rule, pair => pair.Item2)));

    [Claim]
    public Property BatchSizeNoise_ComparesItsSpreads() =>
        Claim(values => new BatchSizeNoise(8, 2, 0.1, RuleName.All.Take(values.Length).Select((rule, i) => (rule, values[i])).ToDictionary()));

    [Claim]
    public Property Preset_ComparesItsRules() =>
        Prop.ForAll((from rules in Gen.ListOf(Rules).Select(list => list.ToArray()) from other in Rules select (rules, other)).ToArbitrary(), x =>
        {
            var changed = x.rules.Append(x.other).ToArray();
            return SameAndDifferent(Preset.Fastai with { Rules = x.rules.ToList() }, Preset.Fastai with { Rules = x.rules.ToArray() },
                Preset.Fastai with { Rules = changed });
        });

    [Claim]
    public Property CurveView_ComparesItsValues() =>
        Claim(values => new CurveView(values.ToArray(), values.Select(value => value * 2).ToArray()));

    [Claim]
    public Property ScalingReport_ComparesItsNoise() =>
        Claim(values => new ScalingReport(1, 10, 0.9, [], values.Select(value => new BatchSizeNoise(8, 1, value, new Dictionary<Rule, double>())).ToList()));
}
