using Sweep.Training;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// One finished range test as saved on disk (runs/bs64-seed0.json): the cell, why it stopped, every
/// rule's suggestion by name (null: none) and the curve as columns. Doubles round-trip exactly
/// (shortest round-trip form), and NaN/Infinity are written as the strings "NaN"/"Infinity", so a
/// redraw from files sees exactly what the run recorded.
/// </summary>
public sealed record RunFile(
    int BatchSize,
    int Seed,
    string Stop,
    Dictionary<string, double?> Suggestions,
    double[] LearningRates,
    double[] Losses,
    double[] SmoothedLosses)
{
    /// <summary>The JSON conventions of every file Sweep writes.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The file of a result.</summary>
    public static RunFile From(RunResult result) => new(
        result.Cell.BatchSize,
        result.Cell.Seed,
        StopName(result.Curve.Stop),
        result.Suggestions.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value),
        result.Curve.LearningRates,
        result.Curve.Losses,
        result.Curve.SmoothedLosses);

    /// <summary>The result this file holds, or a description of what is wrong with it.</summary>
    public RunResult ToResult()
    {
        var count = LearningRates.Length;
        if (Losses.Length != count || SmoothedLosses.Length != count)
            throw new InvalidDataException($"run bs{BatchSize}-seed{Seed} has {count} learning rates but {Losses.Length} losses and {SmoothedLosses.Length} smoothed losses");
        var stop = Enum.GetValues<StopReason>().FirstOrDefault(reason => StopName(reason) == Stop, (StopReason)(-1));
        if (!Enum.IsDefined(stop)) throw new InvalidDataException($"run bs{BatchSize}-seed{Seed} has an unknown stop reason '{Stop}'");
        var points = Enumerable.Range(0, count).Select(i => new CurvePoint(LearningRates[i], Losses[i], SmoothedLosses[i])).ToArray();
        var suggestions = RuleName.All.ToDictionary(rule => rule, rule => Suggestions.TryGetValue(RuleName.Of(rule), out var value) ? value : null);
        return new RunResult(new SweepCell(BatchSize, Seed), new Curve(points, stop), suggestions);
    }

    /// <summary>Reads a run file; a malformed one is an <see cref="InvalidDataException"/> naming the file.</summary>
    public static RunResult Read(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<RunFile>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException("empty file");
            return file.ToResult();
        }
        catch (Exception error) when (error is JsonException or InvalidDataException or ArgumentNullException or NullReferenceException)
        {
            throw new InvalidDataException($"{path} is not a readable run file ({error.Message.Split('\n')[0].TrimEnd('.')})", error);
        }
    }

    /// <summary>Writes a result atomically.</summary>
    public static void Write(string path, RunResult result) => AtomicFile.WriteText(path, JsonSerializer.Serialize(From(result), Json));

    /// <summary>The stop reason as written: completed, diverged, non-finite, cancelled.</summary>
    public static string StopName(StopReason reason) => reason switch
    {
        StopReason.NonFinite => "non-finite",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
