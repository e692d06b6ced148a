using Sweep.Training;
using System.Text.Json;
using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// The folder a sweep lives in. Each finished cell is runs/bs{B}-seed{S}.json, written atomically
/// the moment it completes, so an interrupted sweep keeps every finished run and the same command
/// resumes with what is missing; several shards can fill one folder. config.json records what every
/// run depends on (data, model, optimiser, finder, threads): batch sizes and seeds may change
/// between invocations (more seeds reuse the old ones), anything else is refused unless forced.
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
    public string? Conflict(IReadOnlyList<KeyValuePair<string, string>> configuration)
    {
        if (!File.Exists(ConfigPath)) return null;
        var existing = File.ReadAllText(ConfigPath);
        return existing == Serialise(configuration)
            ? null
            : $"'{Root}' holds a sweep with a different configuration ({Difference(existing, Serialise(configuration))}); use another --out, or --force to discard its runs.";
    }

    /// <summary>
    /// Claims the folder for <paramref name="configuration"/>: creates it and records the
    /// configuration; runs of a conflicting configuration are deleted (check <see cref="Conflict"/> first).
    /// </summary>
    public void Claim(IReadOnlyList<KeyValuePair<string, string>> configuration)
    {
        OutputFolder.EnsureWritable(Root);
        if (Conflict(configuration) is not null)
        {
            if (Directory.Exists(RunsFolder)) Directory.Delete(RunsFolder, recursive: true);
            File.Delete(Path.Combine(Root, NoiseScaleFile.FileName));
        }

        Directory.CreateDirectory(RunsFolder);
        AtomicFile.WriteText(ConfigPath, Serialise(configuration));
    }

    private static string Serialise(IReadOnlyList<KeyValuePair<string, string>> configuration) =>
        JsonSerializer.Serialize(configuration.ToDictionary(pair => pair.Key, pair => pair.Value), new JsonSerializerOptions(RunFile.Json) { WriteIndented = true });

    /// <summary>True when the cell's result is already on disk and readable.</summary>
    public bool Has(SweepCell cell)
    {
        if (!File.Exists(RunPath(cell))) return false;
        try
        {
            RunFile.Read(RunPath(cell));
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Saves one finished cell.</summary>
    public void Save(RunResult result) => RunFile.Write(RunPath(result.Cell), result);

    /// <summary>The results on disk for the given cells, in their order; missing cells are skipped.</summary>
    public IReadOnlyList<RunResult> Load(IEnumerable<SweepCell> cells) =>
        cells.Where(cell => File.Exists(RunPath(cell))).Select(cell => RunFile.Read(RunPath(cell))).ToArray();

    private static string Difference(string existing, string wanted)
    {
        try
        {
            var before = JsonSerializer.Deserialize<Dictionary<string, string>>(existing) ?? [];
            var after = JsonSerializer.Deserialize<Dictionary<string, string>>(wanted) ?? [];
            var changed = after.Where(pair => !before.TryGetValue(pair.Key, out var old) || old != pair.Value).Select(pair => pair.Key).ToArray();
            // "exact" repeats the numbers of the readable entries at full precision: name it only when nothing else differs.
            var named = changed.Where(key => key != "exact").ToArray();
            return named.Length > 0 ? $"{string.Join(", ", named)} differ"
                : changed.Length > 0 ? "learning rates, smoothing, divergence or optimizer values differ beyond the digits shown"
                : "its settings differ";
        }
        catch (JsonException)
        {
            return "its config.json is unreadable";
        }
    }
}
