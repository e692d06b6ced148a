using System.Text.Json.Serialization;

namespace Sweep.Cli.Files;

/// <summary>
/// The records our files hold, described at compile time (System.Text.Json's source generator), so
/// that the first file of each a process writes or reads does not first build its description by
/// reflection and emit code for it: about 40 ms for the first run file, on the thread of the first
/// finished cell, and 80 ms for sweep.json.
/// <see cref="RunFile.Json"/> resolves these types here and any other (`find`'s summary, an
/// anonymous document) by reflection; names and numbers follow that one set of options either way.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunFile))]
[JsonSerializable(typeof(NoiseScaleFile.Saved))]
[JsonSerializable(typeof(SweepSummary.Document))]
internal sealed partial class FileJson : JsonSerializerContext;
