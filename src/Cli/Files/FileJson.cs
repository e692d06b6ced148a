using System.Text.Json.Serialization;

namespace Sweep.Cli.Files;

/// <summary>
/// The records our files hold, described at compile time (System.Text.Json's source generator), so
/// that the first file of each kind a process writes or reads does not first build its description
/// by reflection and emit code for it (the first run file took 45 ms to write, now 22–34 ms; the
/// phase that writes sweep.json, 0.1 s in `sweep plot`, now 0.06 s: docs/performance.md, section 10).
/// Use it through <see cref="RunFile.Json"/>, which resolves these types here and any other (`find`'s
/// summary, an anonymous document) by reflection, and carries the encoder the files are written
/// with: the context alone escapes text otherwise, which would change the bytes and the checksums.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunFile))]
[JsonSerializable(typeof(NoiseScaleFile.Saved))]
[JsonSerializable(typeof(SweepSummary.Document))]
internal sealed partial class FileJson : JsonSerializerContext;
