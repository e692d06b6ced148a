using Sweep.Training;
using System.Text.Json;
using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// noise-scale.json: the gradient noise scale measured once per sweep folder at the starting weights,
/// kept beside the runs so that `plot` and later runs report it without the data.
/// </summary>
public static class NoiseScaleFile
{
    /// <summary>The file name.</summary>
    public const string FileName = "noise-scale.json";

    // SimpleStandardError: absent in files written before it was measured.
    internal sealed record Saved(int SmallBatch, int BigBatch, double SmallSquaredNorm, double BigSquaredNorm, double? SimpleStandardError = null);

    /// <summary>Saves the measurement atomically.</summary>
    public static void Write(string folder, NoiseScaleEstimate estimate) =>
        AtomicFile.WriteText(Path.Combine(folder, FileName), JsonSerializer.Serialize(
            new Saved(estimate.SmallBatch, estimate.BigBatch, estimate.SmallSquaredNorm, estimate.BigSquaredNorm, estimate.SimpleStandardError), RunFile.Json));

    /// <summary>The saved measurement, or null when there is none (or it is unreadable: it is then measured again).</summary>
    public static NoiseScaleEstimate? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var saved = JsonSerializer.Deserialize<Saved>(BoundedFile.ReadText(path, BoundedFile.SummaryBytes), RunFile.Json);
            return saved is null ? null : NoiseScale.Estimate(saved.SmallBatch, saved.SmallSquaredNorm, saved.BigBatch, saved.BigSquaredNorm) with
            {
                SimpleStandardError = saved.SimpleStandardError ?? double.NaN,
            };
        }
        catch (Exception error) when (error is JsonException or InvalidDataException)
        {
            return null;
        }
    }
}
