using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Transfer;

namespace Sweep.Golden.Tests.Transfer;

/// <summary>Small deterministic three-channel datasets normalised for a backbone, for the transfer tests.</summary>
public static class TransferData
{
    /// <summary>
    /// <paramref name="count"/> generated pictures of <paramref name="size"/> pixels (two classes by
    /// seed parity), normalised by <paramref name="backbone"/>'s own normalisation;
    /// <paramref name="firstSeed"/> shifts every picture, so another value is other data.
    /// </summary>
    public static LoadedData Generated(Backbone backbone, int count, int size, int firstSeed = 1000)
    {
        var plane = size * size;
        var values = new float[(long)count * 3 * plane];
        var labels = new long[count];
        for (var sample = 0; sample < count; sample++)
        {
            GeneratedImages.Rgb(firstSeed + sample, size).CopyTo(values, (long)sample * 3 * plane);
            labels[sample] = sample % 2;
        }

        var applied = backbone.Normalisation.Apply(values, 3, plane);
        var dataset = LabelledTensors.FromBuffers($"generated {count} at {size}×{size} from {firstSeed}", values, [3, size, size], labels, ["even", "odd"], applied);
        return new LoadedData(dataset, new ImageShape(3, size, size), null);
    }
}
