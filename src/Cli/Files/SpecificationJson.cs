using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sweep.Domain;

namespace Sweep.Cli.Files;

/// <summary>
/// The one JSON form of an <see cref="ExperimentSpec"/>, carried by config.json, sweep.json,
/// summary.json and every run file under "specification", beside its one-line "description":
/// numbers as numbers, widths as arrays, kinds as strings, and a schema version. Its canonical text
/// (compact, the weights' path left out: they count by their SHA-256) is what a folder's
/// <see cref="Fingerprint"/> hashes. Read back, it becomes an <see cref="ExperimentRequest"/> that
/// <see cref="Specification.Validate"/> checks like any other.
/// </summary>
public static class SpecificationJson
{
    /// <summary>The layout written today.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The keys the specification and its description are written under.</summary>
    public const string Key = "specification", DescriptionKey = "description";

    /// <summary>The structured form of <paramref name="spec"/>.</summary>
    public static JsonObject Of(ExperimentSpec spec) => WithoutNulls(new JsonObject
    {
        ["schema"] = SchemaVersion,
        ["data"] = spec.Data switch
        {
            DataSpec.BuiltInCase builtIn => new JsonObject { ["kind"] = "built-in", ["name"] = builtIn.Name },
            DataSpec.ImageFolderCase folder => new JsonObject { ["kind"] = "image-folder", ["path"] = folder.Path },
            _ => throw new InvalidOperationException("unreachable: DataSpec is closed"),
        },
        ["images"] = spec.Input is { } input ? new JsonObject { ["side"] = input.Side, ["channels"] = input.Channels == Channels.Rgb ? "rgb" : "grey" } : null,
        ["model"] = Model(spec.Model),
        ["weights"] = spec.Model is ModelSpec.ResNetCase { Weights: { } weights } ? new JsonObject { ["path"] = weights.Path, ["sha256"] = weights.Sha256 } : null,
        ["optimizer"] = spec.Optimizer is OptimizerSpec.SgdCase sgd
            ? new JsonObject { ["kind"] = sgd.Name, ["momentum"] = Number(sgd.Momentum), ["nesterov"] = sgd.Nesterov, ["weight_decay"] = Number(sgd.WeightDecay) }
            : new JsonObject { ["kind"] = spec.Optimizer.Name, ["weight_decay"] = Number(spec.Optimizer.WeightDecay) },
        ["schedule"] = new JsonObject
        {
            ["kind"] = SpecificationText.Kind(spec.Finder.Kind), ["start"] = Number(spec.Finder.Start), ["end"] = Number(spec.Finder.End),
            ["steps"] = spec.Budget is StepBudget.FixedCase ? spec.Finder.Steps : null,
        },
        // Written only when the steps follow from the samples, so a fixed budget's fingerprint is the one it had before budgets existed.
        ["budget"] = BudgetJson.Of(spec.Budget),
        ["preset"] = spec.Finder.Preset.Name,
        ["smoothing"] = new JsonObject { ["beta"] = Number(spec.Finder.Smoothing.Beta), ["debiased"] = spec.Finder.Smoothing.Debiased },
        // JSON has no infinity: a test that never stops early says so in words.
        ["divergence"] = double.IsFinite(spec.Finder.Factor) ? Number(spec.Finder.Factor) : JsonValue.Create("Infinity"),
        ["accumulation"] = spec.Accumulation,
        ["threads"] = spec.Threads,
    });

    // Keys of the fixed budget's absent fields are left out rather than written as null.
    private static JsonObject WithoutNulls(JsonObject json)
    {
        if (json["budget"] is null) json.Remove("budget");
        if (json["schedule"] is JsonObject schedule && schedule["steps"] is null) schedule.Remove("steps");
        return json;
    }

    /// <summary>What identifies an experiment: the specification, compact, without the weights' path.</summary>
    public static string Canonical(JsonObject specification)
    {
        var copy = specification.DeepClone().AsObject();
        if (copy["weights"] is JsonObject weights) weights.Remove("path");
        return copy.ToJsonString(RunFile.Json);
    }

    /// <summary>
    /// The spec a file recorded, checked again by <see cref="Specification.Validate"/> with the facts
    /// it recorded (its folder, its weights' hash, a machine with its thread count); a malformed or
    /// invalid one is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static ExperimentSpec Read(JsonNode? node)
    {
        var json = node as JsonObject ?? throw new InvalidDataException("no specification object");
        var schema = json["schema"]?.GetValue<int>();
        if (schema != SchemaVersion) throw new InvalidDataException($"specification schema {schema?.ToString(CultureInfo.InvariantCulture) ?? "missing"}, not {SchemaVersion}");
        var request = Request(json);
        var facts = new ExperimentFacts(Math.Max(1, (int)(request.Threads ?? 1)),
            json["data"]?["kind"]?.GetValue<string>() == "image-folder" ? request.Data : null,
            json["weights"] is JsonObject weights ? new WeightsFile(weights["path"]!.GetValue<string>(), weights["sha256"]!.GetValue<string>()) : null);
        return Specification.Validate(request, facts).Match(spec => spec,
            problems => throw new InvalidDataException(string.Join(" ", problems.Select(problem => problem.Message))));
    }

    /// <summary>The request a specification records: each value that applies, so that it validates to the same spec.</summary>
    public static ExperimentRequest Request(JsonObject json)
    {
        var (data, images, model, optimizer, schedule) = (json["data"]!, json["images"], json["model"]!, json["optimizer"]!, json["schedule"]!);
        var modelKind = model["kind"]!.GetValue<string>();
        var pretrained = model["unfreeze"] is not null;
        return new ExperimentRequest
        {
            Data = data["kind"]!.GetValue<string>() == "image-folder" ? data["path"]!.GetValue<string>() : data["name"]!.GetValue<string>(),
            ImageSize = images?["side"]?.GetValue<int>(),
            Channels = pretrained ? null : images?["channels"]?.GetValue<string>(),
            Model = modelKind,
            Hidden = model["hidden"]?.AsArray().Select(width => width!.GetValue<int>()).ToArray(),
            Weights = json["weights"]?["path"]?.GetValue<string>(),
            Unfreeze = model["unfreeze"]?.GetValue<bool>(),
            Optimizer = optimizer["kind"]!.GetValue<string>(),
            Momentum = optimizer["momentum"]?.GetValue<double>(),
            Nesterov = optimizer["nesterov"]?.GetValue<bool>(),
            WeightDecay = optimizer["weight_decay"]!.GetValue<double>(),
            Schedule = schedule["kind"]!.GetValue<string>(),
            Preset = json["preset"]!.GetValue<string>(),
            Start = schedule["start"]!.GetValue<double>(),
            End = schedule["end"]!.GetValue<double>(),
            Steps = schedule["steps"]?.GetValue<long>(),
            Budget = BudgetJson.Name(json["budget"]),
            Samples = json["budget"]?["samples"]?.GetValue<long>(),
            Beta = json["smoothing"]!["beta"]!.GetValue<double>(),
            Divergence = Number(json["divergence"]!),
            Accumulate = json["accumulation"]!.GetValue<long>(),
            Threads = json["threads"]!.GetValue<long>(),
        };
    }

    private static JsonObject Model(ModelSpec model) => model switch
    {
        ModelSpec.MlpCase mlp => new JsonObject { ["kind"] = mlp.Name, ["hidden"] = new JsonArray([.. mlp.HiddenWidths.Select(width => (JsonNode)width)]) },
        ModelSpec.ResNetCase { Weights: not null } resnet => new JsonObject { ["kind"] = resnet.Name, ["unfreeze"] = resnet.Unfreeze },
        ModelSpec.PretrainedResNet18Case bundled => new JsonObject { ["kind"] = bundled.Name, ["unfreeze"] = bundled.Unfreeze },
        _ => new JsonObject { ["kind"] = model.Name },
    };

    // A finite number as its shortest round-trip text with a lower-case exponent (1e-7, not 1E-07).
    private static JsonNode Number(double value) => JsonNode.Parse(SpecificationText.Number(value))!;

    // A number, or the word a non-finite one is written as.
    private static double Number(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String
            ? double.Parse(node.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : node.GetValue<double>();
}
