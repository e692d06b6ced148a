using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sweep.Golden.Tests;

/// <summary>Reads the golden files under data/ (copied to the output folder) and writes .received files beside them.</summary>
public static partial class ReferenceData
{
    /// <summary>The data folder in the build output.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>The data folder in the source tree, where a mismatch leaves its .received file for review.</summary>
    public static string SourceFolder => Path.Combine(Path.GetDirectoryName(ThisFile())!, "data");

    /// <summary>The repository's root folder (holding data/, src/, tests/).</summary>
    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(SourceFolder, "..", "..", ".."));

    private static string ThisFile([CallerFilePath] string here = "") => here;

    /// <summary>
    /// Parses a reference JSON file. The references write NaN and ±Infinity as bare tokens (Python's
    /// json does), which is not JSON: quote them first, then read them back as doubles.
    /// </summary>
    public static JsonNode Load(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(Folder, relativePath));
        return JsonNode.Parse(BareNonFinite().Replace(text, "\"$1\""))!;
    }

    /// <summary>A JSON number (or quoted NaN/Infinity) as a double; null for JSON null.</summary>
    public static double? Number(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<double>(out var number) => number,
        JsonValue value => double.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidDataException($"not a number: {node.ToJsonString()}"),
    };

    /// <summary>A JSON array of numbers as doubles.</summary>
    public static double[] Numbers(JsonNode? node) =>
        node!.AsArray().Select(item => Number(item) ?? double.NaN).ToArray();

    /// <summary>Little-endian float32 values of a binary file.</summary>
    public static float[] Floats(string relativePath) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(Folder, relativePath))).ToArray();

    /// <summary>Little-endian int32 values of a binary file.</summary>
    public static int[] Ints(string relativePath) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(File.ReadAllBytes(Path.Combine(Folder, relativePath))).ToArray();

    /// <summary>Writes what the code answered beside the golden file, for a reviewer to diff.</summary>
    public static string WriteReceived(string name, object received)
    {
        var folder = Path.Combine(SourceFolder, "received");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".received.json");
        File.WriteAllText(path, JsonSerializer.Serialize(received, new JsonSerializerOptions
        {
            WriteIndented = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
        return path;
    }

    /// <summary>|actual − expected| ≤ tolerance · |expected|, with null matching only null.</summary>
    public static bool Close(double? actual, double? expected, double relative) =>
        (actual, expected) switch
        {
            (null, null) => true,
            (double a, double e) => Math.Abs(a - e) <= relative * Math.Abs(e),
            _ => false,
        };

    [GeneratedRegex(@"(?<=[\[,:]\s*)(-?Infinity|NaN)(?=\s*[\],}])")]
    private static partial Regex BareNonFinite();
}
