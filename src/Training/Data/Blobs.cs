using System.Globalization;
using Sweep.Domain;

namespace Sweep.Training.Data;

/// <summary>
/// Seeded synthetic data for fast tests: Gaussian clusters, one per class, as scikit-learn's
/// make_blobs draws them. Class k's centre c_k is uniform in [−box, box]^F; sample i has label
/// i mod K (so the classes are balanced) and features x_i = c_{label} + spread · z_i with z_i
/// standard normal (Box–Muller: z = √(−2 ln u₁) · cos(2π u₂), u₁ ∈ (0, 1], u₂ ∈ [0, 1)).
/// Every draw comes from <see cref="SeededRandom"/>: the same seed gives the same numbers on
/// every machine. Features are [N, F], not normalised.
/// </summary>
public static class Blobs
{
    /// <summary>
    /// <paramref name="count"/> samples of <paramref name="features"/> values in
    /// <paramref name="classes"/> clusters, from <paramref name="seed"/>.
    /// </summary>
    public static LabelledTensors Make(int count, int features, int classes, ulong seed, double spread = 1.0, double box = 10.0)
    {
        if (count < 1 || features < 1 || classes < 1)
            throw new DataException($"blobs need at least one sample, feature and class (got {count} samples, {features} features, {classes} classes).");
        if (!double.IsFinite(spread) || spread < 0 || !double.IsFinite(box) || box < 0)
            throw new DataException($"blobs need a finite non-negative spread and box (got spread {spread}, box {box}).");

        var centres = new double[classes * features];
        var state = SeededRandom.Derive(seed, 0);
        for (var i = 0; i < centres.Length; i++)
        {
            (var unit, state) = SeededRandom.Unit(state);
            centres[i] = (2 * unit - 1) * box;
        }

        var values = new float[(long)count * features];
        var labels = new long[count];
        state = SeededRandom.Derive(seed, 1);
        for (var sample = 0; sample < count; sample++)
        {
            var label = sample % classes;
            labels[sample] = label;
            for (var feature = 0; feature < features; feature++)
            {
                (var normal, state) = StandardNormal(state);
                values[(long)sample * features + feature] = (float)(centres[label * features + feature] + spread * normal);
            }
        }

        var names = Enumerable.Range(0, classes).Select(label => label.ToString(CultureInfo.InvariantCulture)).ToArray();
        var applied = Normalisation.None.Apply(values, channels: 1, planeSize: features);
        return LabelledTensors.FromBuffers($"blobs {count}×{features}, {classes} classes, seed {seed}", values, [features], labels, names, applied);
    }

    private static (double Value, ulong State) StandardNormal(ulong state)
    {
        (var first, state) = SeededRandom.Unit(state);
        (var second, state) = SeededRandom.Unit(state);
        return (Math.Sqrt(-2 * Math.Log(1 - first)) * Math.Cos(2 * Math.PI * second), state);
    }
}
