using System.Globalization;
using System.Text;
using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// Curves as tidy CSV: one row per recorded step. `find` writes step,lr,loss,smoothed_loss; `run`
/// prefixes batch_size,seed and appends planned_steps, the steps the run's budget gave its batch size
/// (empty for runs saved before budgets were recorded). Numbers in round-trip form, invariant culture.
/// </summary>
public static class CurveCsv
{
    /// <summary>One curve.</summary>
    public static string Of(Curve curve)
    {
        var text = new StringBuilder("step,lr,loss,smoothed_loss\n");
        for (var step = 0; step < curve.Points.Count; step++) Row(text, "", step, curve.Points[step]);
        return text.ToString();
    }

    /// <summary>Every run of a sweep, in the order given.</summary>
    public static string Of(IEnumerable<RunResult> results)
    {
        var text = new StringBuilder("batch_size,seed,step,lr,loss,smoothed_loss,planned_steps\n");
        foreach (var result in results)
        {
            var (prefix, suffix) = ($"{result.Cell.BatchSize},{result.Cell.Seed},", $",{result.Steps?.ToString(CultureInfo.InvariantCulture)}");
            for (var step = 0; step < result.Curve.Points.Count; step++) Row(text, prefix, step, result.Curve.Points[step], suffix);
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string prefix, int step, CurvePoint point, string suffix = "") =>
        text.Append(prefix).Append(step.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(Number(point.LearningRate)).Append(',').Append(Number(point.Loss)).Append(',')
            .Append(Number(point.SmoothedLoss)).Append(suffix).Append('\n');

    /// <summary>A double in round-trip form ("NaN", "Infinity" as .NET writes them).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
