using System.Text.Json.Serialization;

namespace Sweep.Cli.Files;

/// <summary>
/// The records our files hold, described at compile time (System.Text.Json's source generator), so
/// that the first run file a process writes or reads does not first build its description by
/// reflection and emit code for it: about 40 ms on the thread of the first finished cell.
/// <see cref="RunFile.Json"/> resolves these types here and any other (the summaries' anonymous
/// documents) by reflection; names and numbers follow that one set of options either way.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunFile))]
[JsonSerializable(typeof(NoiseScaleFile.Saved))]
internal sealed partial class FileJson : JsonSerializerContext;
