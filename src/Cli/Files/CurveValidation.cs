using System.Globalization;

namespace Sweep.Cli.Files;

/// <summary>
/// What a recorded curve must be before any rule reads it. Learning rates: finite, positive and
/// strictly increasing, as every range test's schedule is (a reversed, shuffled or log-scaled
/// column would otherwise give confident wrong answers). Losses: any number, NaN and ±∞ included,
/// since a diverged run ends with such steps; fastai's trim cuts at the first NaN and the rules read
/// only finite losses, exactly as for a curve Sweep records itself. At least one point.
/// </summary>
public static class CurveValidation
{
    /// <summary>Throws a one-line <see cref="UsageException"/> at the first point that breaks a rule.</summary>
    public static void Check(string path, RecordedCurve curve)
    {
        var learningRates = curve.LearningRates;
        if (learningRates.Length == 0)
            throw new UsageException($"{path} holds no points; give one row per step under the header (lr and loss).");
        for (var i = 0; i < learningRates.Length; i++)
        {
            var value = learningRates[i];
            var shown = value.ToString("R", CultureInfo.InvariantCulture);
            if (!double.IsFinite(value))
                throw new UsageException($"{path}, {curve.Where(i)}: learning rate {shown} is not a finite number; every step needs the learning rate it ran with.");
            if (value <= 0)
                throw new UsageException($"{path}, {curve.Where(i)}: learning rate {shown} is not positive; give the learning rates themselves (not their logarithms), all above 0.");
            if (i > 0 && value <= learningRates[i - 1])
                throw new UsageException($"{path}, {curve.Where(i)}: learning rate {shown} does not rise above the previous point's {learningRates[i - 1].ToString("R", CultureInfo.InvariantCulture)}; "
                    + "a range test's learning rates rise at every step: sort the rows by learning rate and drop repeated ones.");
        }
    }
}
