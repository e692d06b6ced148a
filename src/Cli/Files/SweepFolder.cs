using Sweep.Training;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// The folder a sweep lives in. Each finished cell is runs/bs{B}-seed{S}.json, written atomically
/// the moment it completes, so an interrupted sweep keeps every finished run and the same command
/// resumes with what is missing; several shards can fill one folder. config.json records what every
/// run depends on (the structured specification: data, model, optimiser, finder, threads, the weights'
/// content) and its <see cref="Fingerprint"/>, which every run file repeats: batch sizes and seeds may change between
/// invocations (more seeds reuse the old ones), anything else is refused unless forced. The first
/// writer creates config.json exclusively, so of two shards started at once with different
/// configurations exactly one gets the folder.
/// </summary>
public sealed class SweepFolder(string root)
{
    /// <summary>The folder.</summary>
    public string Root { get; } = root;

    /// <summary>Where finished runs are kept.</summary>
    public string RunsFolder => Path.Combine(Root, "runs");

    /// <summary>The configuration every run of this folder was made with.</summary>
    public string ConfigPath => Path.Combine(Root, "config.json");

    /// <summary>The file of one cell's result.</summary>
    public string RunPath(SweepCell cell) => Path.Combine(RunsFolder, cell.Key + ".json");

    /// <summary>
    /// Why the experiment of <paramref name="specification"/> conflicts with the runs already in the
    /// folder (one line), or null when the folder is new or holds runs of the same experiment (equal
    /// fingerprints). Reads config.json's structured specification; writes nothing.
    /// </summary>
    public string? Conflict(JsonObject specification) =>
        File.Exists(ConfigPath) ? ConflictWith(ConfigText(), specification) : null;

    /// <summary>
    /// Claims the folder for <paramref name="specification"/>: the first writer creates config.json
    /// (exclusively: a temporary file moved without overwriting); the same experiment joins; another
    /// is a <see cref="UsageException"/> that leaves the folder as it was, unless
    /// <paramref name="force"/>, which deletes the runs and takes the folder over.
    /// </summary>
    public void Claim(JsonObject specification, string description, bool force)
    {
        OutputFolder.EnsureWritable(Root);
        var text = ConfigText(specification, description);
        if (!AtomicFile.TryCreateText(ConfigPath, text) && ConflictWith(ConfigText(), specification) is { } conflict)
        {
            if (!force) throw new UsageException(conflict);
            if (Directory.Exists(RunsFolder)) Directory.Delete(RunsFolder, recursive: true);
            File.Delete(Path.Combine(Root, NoiseScaleFile.FileName));
            AtomicFile.WriteText(ConfigPath, text);
        }

        Directory.CreateDirectory(RunsFolder);
        // Earlier kills may have left half-written files behind; this folder's runs are about to be written again.
        foreach (var folder in new[] { Root, RunsFolder, Path.Combine(Root, "feature-cache") }) AtomicFile.RemoveStale(folder, DateTime.UtcNow);
    }

    /// <summary>The fingerprint config.json records, or null when it records none (no folder of a sweep, or of an older one).</summary>
    public string? RecordedFingerprint()
    {
        if (!File.Exists(ConfigPath)) return null;
        try
        {
            return JsonNode.Parse(ConfigText()) is JsonObject config && config[Fingerprint.Key] is JsonValue value
                && value.TryGetValue<string>(out var fingerprint) ? fingerprint : null;
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>What the folder holds for <paramref name="cell"/>, checked against the configuration of <paramref name="fingerprint"/>.</summary>
    public StoredRun Inspect(SweepCell cell, string fingerprint) => StoredRun.Inspect(RunPath(cell), cell, fingerprint);

    /// <summary>Saves one finished cell made with the experiment of <paramref name="specification"/> (described by <paramref name="description"/>).</summary>
    public void Save(RunResult result, JsonObject specification, string description) => RunFile.Write(RunPath(result.Cell), result, specification, description);

    /// <summary>config.json's text: the structured specification, its description and its fingerprint.</summary>
    public static string ConfigText(JsonObject specification, string description) =>
        new JsonObject
        {
            [SpecificationJson.Key] = specification.DeepClone(),
            [SpecificationJson.DescriptionKey] = description,
            [Fingerprint.Key] = Fingerprint.Of(specification),
        }.ToJsonString(new JsonSerializerOptions(RunFile.Json) { WriteIndented = true });

    // config.json's text, or none when it is too large to be one this program wrote (then it reads as unreadable).
    private string ConfigText()
    {
        try
        {
            return BoundedFile.ReadText(ConfigPath, BoundedFile.SummaryBytes);
        }
        catch (InvalidDataException)
        {
            return "";
        }
    }

    private string? ConflictWith(string existing, JsonObject specification)
    {
        var difference = Difference(existing, specification);
        return difference is null ? null : $"'{Root}' holds a sweep with a different configuration ({difference}); use another --out, or --force to discard its runs.";
    }

    // Null when the fingerprints agree; else which parts of the specification differ, in words.
    private static string? Difference(string existing, JsonObject wanted)
    {
        try
        {
            if (JsonNode.Parse(existing) is not JsonObject before || before[Fingerprint.Key] is not JsonValue recorded)
                return "it was written by an older version of sweep, before fingerprints";
            if (recorded.GetValue<string>() == Fingerprint.Of(wanted)) return null;
            if (before[SpecificationJson.Key] is not JsonObject old) return "it was written by an older version of sweep, before structured specifications";
            var (canonicalBefore, canonicalAfter) = (JsonNode.Parse(SpecificationJson.Canonical(old))!.AsObject(), JsonNode.Parse(SpecificationJson.Canonical(wanted))!.AsObject());
            var named = canonicalAfter.Select(pair => pair.Key).Union(canonicalBefore.Select(pair => pair.Key))
                .Where(key => !JsonNode.DeepEquals(canonicalBefore[key], canonicalAfter[key])).ToArray();
            return named.Length > 0 ? $"{string.Join(", ", named)} {(named is [var one] && !one.EndsWith('s') ? "differs" : "differ")}" : "its settings differ";
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException)
        {
            return "its config.json is unreadable";
        }
    }
}
