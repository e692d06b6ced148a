using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sweep.Cli.Files;

/// <summary>
/// The skipped input files as sweep.json and summary.json write them under "skipped_inputs":
/// {"folder": path, "examined": n, "skipped": k, "by_kind": {kind: count}, "files": [{"path", "kind", "reason"}]},
/// or null when the data was not loaded and no earlier summary recorded them (nothing is claimed
/// about files nobody looked at).
/// </summary>
public static class SkippedInputsJson
{
    /// <summary>The key in sweep.json and summary.json.</summary>
    public const string Key = "skipped_inputs";

    /// <summary>The JSON value of <paramref name="skipped"/>; null stays null.</summary>
    public static JsonObject? Of(SkippedInputs? skipped) => skipped is null ? null : new JsonObject
    {
        ["folder"] = skipped.Folder,
        ["examined"] = skipped.Examined,
        ["skipped"] = skipped.Files.Count,
        ["by_kind"] = new JsonObject(skipped.ByKind.Select(pair => KeyValuePair.Create(pair.Kind, (JsonNode?)pair.Count))),
        ["files"] = new JsonArray(skipped.Files.Select(file => (JsonNode?)new JsonObject
        {
            ["path"] = file.Path,
            ["kind"] = file.Kind,
            ["reason"] = file.Reason,
        }).ToArray()),
    };

    /// <summary>
    /// What the sweep.json at <paramref name="path"/> recorded, or null when it is missing, records
    /// nothing or is not as this program writes it (then nothing is known, and nothing is claimed).
    /// </summary>
    public static SkippedInputs? Read(string path)
    {
        if (!System.IO.File.Exists(path)) return null;
        try
        {
            var node = JsonNode.Parse(BoundedFile.ReadText(path, BoundedFile.SummaryBytes))?[Key];
            if (node is not JsonObject recorded) return null;
            var files = recorded["files"]!.AsArray().Select(file => new SkippedInputs.File(
                file!["path"]!.GetValue<string>(), file["kind"]!.GetValue<string>(), file["reason"]!.GetValue<string>())).ToArray();
            return new SkippedInputs(recorded["folder"]!.GetValue<string>(), recorded["examined"]!.GetValue<int>(), files);
        }
        catch (Exception error) when (error is JsonException or InvalidDataException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return null;
        }
    }
}
