using Sweep.Training;
using System.Text.Json;
using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// The folder a sweep lives in. Each finished cell is runs/bs{B}-seed{S}.json, written atomically
/// the moment it completes, so an interrupted sweep keeps every finished run and the same command
/// resumes with what is missing; several shards can fill one folder. config.json records what every
/// run depends on (data, model, optimiser, finder, threads, the weights' content) and its
/// <see cref="Fingerprint"/>, which every run file repeats: batch sizes and seeds may change between
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
    /// Why <paramref name="configuration"/> conflicts with the runs already in the folder (one line),
    /// or null when the folder is new or holds runs of the same configuration. Writes nothing.
    /// </summary>
    public string? Conflict(IReadOnlyList<KeyValuePair<string, string>> configuration) =>
        File.Exists(ConfigPath) ? ConflictWith(File.ReadAllText(ConfigPath), configuration) : null;

    /// <summary>
    /// Claims the folder for <paramref name="configuration"/>: the first writer creates config.json
    /// (exclusively: a temporary file moved without overwriting); the same configuration joins; another
    /// is a <see cref="UsageException"/> that leaves the folder as it was, unless
    /// <paramref name="force"/>, which deletes the runs and takes the folder over.
    /// </summary>
    public void Claim(IReadOnlyList<KeyValuePair<string, string>> configuration, bool force)
    {
        OutputFolder.EnsureWritable(Root);
        var text = ConfigText(configuration);
        if (!AtomicFile.TryCreateText(ConfigPath, text) && ConflictWith(File.ReadAllText(ConfigPath), configuration) is { } conflict)
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
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(ConfigPath))?.GetValueOrDefault(Fingerprint.Key);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What the folder holds for <paramref name="cell"/>, checked against the configuration of <paramref name="fingerprint"/>.</summary>
    public StoredRun Inspect(SweepCell cell, string fingerprint) => StoredRun.Inspect(RunPath(cell), cell, fingerprint);

    /// <summary>Saves one finished cell made with the configuration of <paramref name="fingerprint"/>.</summary>
    public void Save(RunResult result, string fingerprint) => RunFile.Write(RunPath(result.Cell), result, fingerprint);

    /// <summary>config.json's text: the configuration's pairs, then its fingerprint.</summary>
    public static string ConfigText(IReadOnlyList<KeyValuePair<string, string>> configuration) =>
        JsonSerializer.Serialize(configuration.Append(new KeyValuePair<string, string>(Fingerprint.Key, Fingerprint.Of(configuration))).ToDictionary(pair => pair.Key, pair => pair.Value),
            new JsonSerializerOptions(RunFile.Json) { WriteIndented = true });

    private string? ConflictWith(string existing, IReadOnlyList<KeyValuePair<string, string>> configuration) =>
        ConfigText(configuration) is var wanted && existing == wanted
            ? null
            : $"'{Root}' holds a sweep with a different configuration ({Difference(existing, wanted)}); use another --out, or --force to discard its runs.";

    private static string Difference(string existing, string wanted)
    {
        try
        {
            var before = JsonSerializer.Deserialize<Dictionary<string, string>>(existing) ?? [];
            var after = JsonSerializer.Deserialize<Dictionary<string, string>>(wanted) ?? [];
            var changed = after.Where(pair => !before.TryGetValue(pair.Key, out var old) || old != pair.Value).Select(pair => pair.Key).ToArray();
            // "exact" repeats the numbers of the readable entries at full precision, and the fingerprint
            // hashes them all: name them only when nothing else differs.
            var named = changed.Where(key => key is not ("exact" or Fingerprint.Key)).ToArray();
            return named.Length > 0 ? $"{string.Join(", ", named)} {(named is [var one] && !one.EndsWith('s') ? "differs" : "differ")}"
                : !before.ContainsKey(Fingerprint.Key) ? "it was written by an older version of sweep, before fingerprints"
                : changed.Contains("exact") ? "learning rates, smoothing, divergence or optimizer values differ beyond the digits shown"
                : "its settings differ";
        }
        catch (JsonException)
        {
            return "its config.json is unreadable";
        }
    }
}
