using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Models;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Science;

/// <summary>
/// The batch-size/LR relationship on real data, against numbers measured beforehand with an
/// independent implementation (PyTorch 1.13 + pytorch-lr-finder, 32 seeds): digits (pixels/16,
/// then standardised by the single mean and standard deviation), MLP 64-64-10 with PyTorch's
/// default initialisation, SGD momentum 0.9, the pytorch-lr-finder preset (1e-7 → 10, 100 steps,
/// smooth_f 0.05, stop at 5×), batch sizes 8/16/32/64, seeds 0–7, rule `minimum`.
/// <para>The check passes only if the fitted exponent α &gt; 0.1 AND every batch size's median
/// log10(LR) lies within <see cref="Tolerance"/> decade of the reference. The issue allowed half a
/// decade; measured, a linear schedule in place of the exponential one still lands within 0.39
/// decade (its 0.1-wide LR steps cannot resolve anything below 0.1, so "minimum" reads 0.01–0.02
/// everywhere, near the reference by accident), so the tolerance is 0.3: our correct runs sit
/// within 0.12 of the reference (our seeds shuffle differently from PyTorch's; 8 seeds instead of
/// 32), every broken variant at least 0.33 away or with α ≤ 0.1.</para>
/// <para>Negative controls in the same class: deliberately broken variants must fail the same
/// check, so the check is known to catch them.</para>
/// </summary>
[Collection(TorchCollection.Name)]
public class DigitsRelationshipTests(ITestOutputHelper output)
{
    private static readonly int[] BatchSizes = [8, 16, 32, 64];
    private static readonly int[] Seeds = [0, 1, 2, 3, 4, 5, 6, 7];

    private static readonly IReadOnlyDictionary<int, double> ReferenceMedians =
        new Dictionary<int, double> { [8] = -1.535, [16] = -1.455, [32] = -1.374, [64] = -1.293 };

    /// <summary>How far, in decades, a median may sit from the reference.</summary>
    private const double Tolerance = 0.3;

    private static readonly Lazy<LoadedData> Digits = new(() => DataCatalogue.Load("digits", dataFolder: Path.Combine(ReferenceData.RepositoryRoot, "data")));

    private static readonly Lazy<IReadOnlyList<RunResult>> Correct = new(() => Sweep(Variant.Correct));

    public enum Variant { Correct, BatchSizeIgnored, LossSummed, LearningRateTimesTen, LinearSchedule }

    /// <summary>The check: α &gt; 0.1 and every median within <see cref="Tolerance"/> decade of the reference.</summary>
    private static (bool Passes, double Alpha, IReadOnlyDictionary<int, double> Medians) Check(IReadOnlyList<RunResult> results, Rule rule)
    {
        var medians = Aggregation.ByBatchSize(results).ToDictionary(
            summary => summary.BatchSize, summary => Math.Log10(summary.Rules.Single(r => r.Rule == rule).Median));
        var alpha = PowerLaw.Fit(Aggregation.Pairs(results, rule))?.Exponent ?? double.NaN;
        var passes = alpha > 0.1 && BatchSizes.All(size => Math.Abs(medians[size] - ReferenceMedians[size]) <= Tolerance);
        return (passes, alpha, medians);
    }

    [Fact]
    public void The_finder_reproduces_the_reference_relationship_with_the_minimum_rule()
    {
        var (passes, alpha, medians) = Check(Correct.Value, Rule.Minimum);
        output.WriteLine($"alpha {alpha:F3}; medians {string.Join(", ", medians.Select(pair => $"B={pair.Key}: {pair.Value:F3}"))}");
        Assert.True(passes, $"alpha {alpha:F3}, medians {string.Join(", ", medians.Select(pair => $"{pair.Key}:{pair.Value:F3}"))}");
    }

    [Fact]
    public void With_fastais_valley_the_same_runs_show_no_or_a_reversed_trend()
    {
        // valley reads a point a third into the longest decreasing stretch; on these runs where that
        // stretch starts is set by noise, not by the batch size. Measured: see the output.
        var alpha = PowerLaw.Fit(Aggregation.Pairs(Correct.Value, Rule.Valley))!.Exponent;
        output.WriteLine($"valley alpha {alpha:F3}");
        Assert.True(alpha < 0.1, $"valley alpha {alpha:F3}");
    }

    [Theory]
    [InlineData(Variant.BatchSizeIgnored)]
    [InlineData(Variant.LossSummed)]
    [InlineData(Variant.LearningRateTimesTen)]
    [InlineData(Variant.LinearSchedule)]
    public void A_broken_finder_fails_the_same_check(Variant variant)
    {
        var (passes, alpha, medians) = Check(Sweep(variant), Rule.Minimum);
        output.WriteLine($"{variant}: alpha {alpha:F3}; medians {string.Join(", ", medians.Select(pair => $"B={pair.Key}: {pair.Value:F3}"))}");
        Assert.False(passes, $"{variant} passed the check: alpha {alpha:F3}");
    }

    private static IReadOnlyList<RunResult> Sweep(Variant variant)
    {
        torch.set_num_threads(1);
        var data = Digits.Value;
        var finder = new FinderOptions(Preset.PytorchLrFinder, variant == Variant.LinearSchedule ? ScheduleKind.Linear : ScheduleKind.Exponential);
        var settings = finder.Settings().IfLeft(problem => throw new InvalidOperationException(problem.Message));
        var results = new List<RunResult>();
        foreach (var batchSize in BatchSizes)
            foreach (var seed in Seeds)
            {
                var drawn = variant == Variant.BatchSizeIgnored ? 8 : batchSize;
                var plan = BatchPlan.Shuffled(data.Dataset.Count, drawn, (ulong)seed).IfLeft(problem => throw new InvalidOperationException(problem.Message));
                using var batches = new BatchSource(data.Dataset, plan);
                using var model = ModelCatalogue.Create(Specs.Mlp(64), data.Shape, data.Dataset.ClassCount, seed);
                using var optimizer = variant == Variant.LearningRateTimesTen
                    ? new TenfoldSgd(model.parameters(), settings.Schedule.Start)
                    : optim.SGD(model.parameters(), settings.Schedule.Start, momentum: 0.9);
                Func<Tensor, Tensor, Tensor> loss = variant == Variant.LossSummed
                    ? (logits, targets) => nn.functional.cross_entropy(logits, targets, reduction: nn.Reduction.Sum)
                    : RangeTestRunner.CrossEntropy;
                var curve = RangeTestRunner.Run(model, optimizer, loss, batches, settings, new RunnerOptions { Restore = false });
                results.Add(RunResult.Of(new SweepCell(batchSize, seed), curve, finder.Preset, settings.Schedule.Steps));
            }

        return results;
    }

    /// <summary>The "LR × 10" bug: the optimiser applies ten times the learning rate the finder records.</summary>
    private sealed class TenfoldSgd(IEnumerable<TorchSharp.Modules.Parameter> parameters, double learningRate)
        : TorchSharp.Modules.SGD(parameters, learningRate, 0.9, 0, 0, false, false)
    {
        public override Tensor step(Func<Tensor>? closure = null)
        {
            foreach (var group in ParamGroups) group.LearningRate *= 10;
            var result = base.step(closure);
            foreach (var group in ParamGroups) group.LearningRate /= 10;
            return result;
        }
    }
}
