using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests;

/// <summary>
/// The embedding example of src/Domain/README.md (the NuGet package's front page), run as written
/// against a loss landscape whose best LR is known: loss(lr) = (log10 lr + 2)² + 100·lr² + 0.1,
/// lowest near 1e-2 (the lr² term moves it by under 1%) and blowing up past 0.1.
/// Keeps the package README true.
/// </summary>
public class EmbeddingExampleTests
{
    private static double Train(double learningRate) => Math.Pow(Math.Log10(learningRate) + 2, 2) + 100 * learningRate * learningRate + 0.1;

    [Fact]
    public void The_package_readme_example_runs_and_finds_the_known_minimum()
    {
        // --- as in src/Domain/README.md ---
        var preset = Preset.Fastai;
        var settings = Validated.Settings(preset, start: 1e-7, end: 10, steps: 100).Value;
        var state = RangeTest.Start();
        while (!state.IsDone)
            state = RangeTest.Record(settings, state, Train(RangeTest.NextLearningRate(settings, state)));
        var curve = RangeTest.ToCurve(state);
        var valley = preset.Suggestions(100, curve)[Rule.Valley];   // null when no answer
        // ---

        Assert.Equal(StopReason.Diverged, curve.Stop);
        // The raw curve's minimum is the landscape's, to one step of the schedule (0.08 decade).
        var rawMinimum = Suggest.By(Rule.MinLoss, curve.LearningRates, curve.Losses)!.Value;
        Assert.InRange(Math.Log10(rawMinimum), -2.08, -1.92);
        // The smoothed curve lags (an EMA with β = 0.98 averages the last ~50 steps = 4 decades of
        // LR), so its minimum sits later, never earlier, and still before the blow-up.
        var atMinimum = Suggest.By(Rule.MinLoss, curve.LearningRates, curve.SmoothedLosses)!.Value;
        Assert.InRange(Math.Log10(atMinimum), -2.0, -0.5);
        Assert.NotNull(valley);
        Assert.InRange(valley!.Value, 1e-7, atMinimum);
    }

    [Fact]
    public void The_readme_text_still_contains_the_example()
    {
        var readme = File.ReadAllText(Path.Combine(ReferenceData.RepositoryRoot, "src", "Domain", "README.md"));
        Assert.Contains("state = RangeTest.Record(settings, state, Train(RangeTest.NextLearningRate(settings, state)));", readme);
        Assert.Contains("var settings = Validated.Settings(preset, start: 1e-7, end: 10, steps: 100).Value;", readme);
    }
}
