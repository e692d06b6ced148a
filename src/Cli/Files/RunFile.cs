using Sweep.Training;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// One finished range test as saved on disk (runs/bs64-seed0.json): the schema version, the
/// fingerprint of the experiment it was made with and its structured specification
/// (<see cref="SpecificationJson"/>) with its description, the cell, why it stopped, every rule's
/// suggestion by name (null: none), the curve as columns, and a checksum of all that. Doubles
/// round-trip exactly (shortest round-trip form), and NaN/Infinity are written as the strings
/// "NaN"/"Infinity", so a redraw from files sees exactly what the run recorded.
/// checksum = SHA-256 of the file's JSON with the checksum null and the suggestions in ordinal key
/// order: changing any digit of any number, the cell or the fingerprint changes it.
/// </summary>
public sealed record RunFile(
    int Schema,
    string? Fingerprint,
    JsonObject? Specification,
    string? Description,
    int BatchSize,
    int Seed,
    string Stop,
    Dictionary<string, double?> Suggestions,
    double[] LearningRates,
    double[] Losses,
    double[] SmoothedLosses,
    string? Checksum)
{
    /// <summary>The steps the run's budget planned (<see cref="RunResult.Steps"/>); left out when unknown, so files saved before it was recorded keep their checksum.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Steps { get; init; }

    /// <summary>The layout written today; files without a schema (0) predate identities.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The JSON conventions of every file Sweep writes.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(FileJson.Default, new DefaultJsonTypeInfoResolver()),
    };

    /// <summary>The file of a result made with the experiment of <paramref name="specification"/>, its checksum filled in.</summary>
    public static RunFile From(RunResult result, JsonObject specification, string description) => new RunFile(
        SchemaVersion,
        Sweep.Cli.Files.Fingerprint.Of(specification),
        (JsonObject)specification.DeepClone(),
        description,
        result.Cell.BatchSize,
        result.Cell.Seed,
        StopName(result.Curve.Stop),
        result.Suggestions.ToDictionary(pair => RuleName.Of(pair.Key), pair => pair.Value),
        result.Curve.LearningRates,
        result.Curve.Losses,
        result.Curve.SmoothedLosses,
        null) { Steps = result.Steps }.Sealed();

    /// <summary>The checksum of every other field, over their canonical serialisation.</summary>
    public string ExpectedChecksum() => Sweep.Cli.Files.Fingerprint.OfText(JsonSerializer.Serialize(
        this with { Checksum = null, Suggestions = (Suggestions ?? []).OrderBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary() }, Json));

    private RunFile Sealed() => this with { Checksum = ExpectedChecksum() };

    /// <summary>The result this file holds, or a description of what is wrong with it.</summary>
    public RunResult ToResult()
    {
        var missing = new (string Name, object? Value)[] { ("stop", Stop), ("suggestions", Suggestions), ("learning_rates", LearningRates), ("losses", Losses), ("smoothed_losses", SmoothedLosses) }
            .Where(field => field.Value is null).Select(field => field.Name).ToArray();
        if (missing.Length > 0) throw new InvalidDataException($"it lacks {string.Join(", ", missing)}");
        var count = LearningRates.Length;
        if (Losses.Length != count || SmoothedLosses.Length != count)
            throw new InvalidDataException($"run bs{BatchSize}-seed{Seed} has {count} learning rates but {Losses.Length} losses and {SmoothedLosses.Length} smoothed losses");
        var stop = Enum.GetValues<StopReason>().FirstOrDefault(reason => StopName(reason) == Stop, (StopReason)(-1));
        if (!Enum.IsDefined(stop)) throw new InvalidDataException($"run bs{BatchSize}-seed{Seed} has an unknown stop reason '{Stop}'");
        var points = Enumerable.Range(0, count).Select(i => new CurvePoint(LearningRates[i], Losses[i], SmoothedLosses[i])).ToArray();
        var suggestions = RuleName.All.ToDictionary(rule => rule, rule => Suggestions.TryGetValue(RuleName.Of(rule), out var value) ? value : null);
        return new RunResult(new SweepCell(BatchSize, Seed), new Curve(points, stop), suggestions) { Steps = Steps };
    }

    /// <summary>Reads a run file; a malformed one is an <see cref="InvalidDataException"/> naming the file.</summary>
    public static RunFile Read(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<RunFile>(BoundedFile.ReadText(path, BoundedFile.RunBytes), Json)
                ?? throw new InvalidDataException("empty file");
            file.ToResult();
            return file;
        }
        catch (Exception error) when (error is JsonException or InvalidDataException or ArgumentNullException or NullReferenceException)
        {
            throw new InvalidDataException($"{path} is not a readable run file ({error.Message.Split('\n')[0].TrimEnd('.')})", error);
        }
    }

    /// <summary>Writes a result made with the experiment of <paramref name="specification"/> atomically.</summary>
    public static void Write(string path, RunResult result, JsonObject specification, string description) =>
        AtomicFile.WriteText(path, JsonSerializer.Serialize(From(result, specification, description), Json));

    /// <summary>The stop reason as written: completed, diverged, non-finite, cancelled.</summary>
    public static string StopName(StopReason reason) => reason switch
    {
        StopReason.NonFinite => "non-finite",
        _ => reason.ToString().ToLowerInvariant(),
    };
}
