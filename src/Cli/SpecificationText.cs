using System.Globalization;
using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>
/// An experiment in words, for people: the one-line description every output file carries beside
/// the structured specification, the headers, and the report's configuration table. Numbers are in
/// their shortest round-trip form with a lower-case exponent (1e-7, never 1E-07).
/// </summary>
public static class SpecificationText
{
    /// <summary>"blobs, model mlp (hidden 16), optimizer sgd (momentum 0.9, weight decay 0), schedule exponential 0.001 -> 10 over 30 steps, preset fastai (…), accumulation 1, threads 1".</summary>
    public static string Description(ExperimentSpec spec) =>
        $"{Data(spec)}, model {Model(spec.Model)}, optimizer {Optimizer(spec.Optimizer)}, schedule {Schedule(spec)}, " +
        $"preset {Preset(spec.Finder)}, accumulation {spec.Accumulation}, threads {spec.Threads}";

    /// <summary>The configuration as labelled rows, for the report.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Rows(ExperimentSpec spec) =>
    [
        new("data", Data(spec)), new("model", Model(spec.Model)), new("optimizer", Optimizer(spec.Optimizer)),
        new("schedule", Schedule(spec)), new("preset", Preset(spec.Finder)),
        new("accumulation", Number(spec.Accumulation)), new("threads", Number(spec.Threads)),
    ];

    /// <summary>The data and, where images are resized, to what: "pets at 224x224 RGB".</summary>
    public static string Data(ExperimentSpec spec) =>
        DataName(spec.Data) + (spec.Input is { } input ? $" at {input.Side}x{input.Side} {(input.Channels == Channels.Rgb ? "RGB" : "grey")}" : "");

    /// <summary>The data's name as given: a built-in's name or the folder's path.</summary>
    public static string DataName(DataSpec data) => data switch
    {
        DataSpec.BuiltInCase builtIn => builtIn.Name,
        DataSpec.ImageFolderCase folder => folder.Path,
        _ => throw new InvalidOperationException("unreachable: DataSpec is closed"),
    };

    /// <summary>"mlp (hidden 128)", "cnn", "resnet18 (weights /w.pt, body frozen, head on cached features)".</summary>
    public static string Model(ModelSpec model) => model switch
    {
        ModelSpec.MlpCase mlp => $"mlp (hidden {string.Join(",", mlp.HiddenWidths)})",
        ModelSpec.ResNetCase { Weights: { } weights } resnet => $"{resnet.Name} (weights {weights.Path}, {Body(resnet.Unfreeze)})",
        ModelSpec.PretrainedResNet18Case bundled => $"{bundled.Name} ({Body(bundled.Unfreeze)})",
        _ => model.Name,
    };

    /// <summary>"sgd (momentum 0.9, Nesterov, weight decay 0)", "adam (weight decay 0)".</summary>
    public static string Optimizer(OptimizerSpec optimizer) => optimizer switch
    {
        OptimizerSpec.SgdCase sgd => $"sgd (momentum {Number(sgd.Momentum)}{(sgd.Nesterov ? ", Nesterov" : "")}, weight decay {Number(sgd.WeightDecay)})",
        _ => $"{optimizer.Name} (weight decay {Number(optimizer.WeightDecay)})",
    };

    /// <summary>The schedule under the spec's step budget: "exponential 0.0001 -> 10 over one epoch (ceil(N/B) steps)".</summary>
    public static string Schedule(ExperimentSpec spec) => spec.Budget switch
    {
        StepBudget.EpochCase => $"{Kind(spec.Finder.Kind)} {Number(spec.Finder.Start)} -> {Number(spec.Finder.End)} over one epoch (ceil(N/B) steps)",
        StepBudget.SamplesCase samples => $"{Kind(spec.Finder.Kind)} {Number(spec.Finder.Start)} -> {Number(spec.Finder.End)} over {Number(samples.SampleCount)} samples (ceil(samples/B) steps)",
        _ => Schedule(spec.Finder),
    };

    /// <summary>"exponential 1e-7 -> 10 over 100 steps".</summary>
    public static string Schedule(FinderOptions finder) =>
        $"{Kind(finder.Kind)} {Number(finder.Start)} -> {Number(finder.End)} over {finder.Steps} steps";

    /// <summary>"fastai (beta 0.98, debiased; stop at 4x the best loss)".</summary>
    public static string Preset(FinderOptions finder) =>
        $"{finder.Preset.Name} (beta {Number(finder.Smoothing.Beta)}{(finder.Smoothing.Debiased ? ", debiased" : "")}; stop at {Number(finder.Factor)}x the best loss)";

    /// <summary>exponential or linear.</summary>
    public static string Kind(ScheduleKind kind) => kind == ScheduleKind.Exponential ? "exponential" : "linear";

    /// <summary>Shortest round-trip form, exponent in lower case without padding: 1e-7, 0.001, 1e300, inf.</summary>
    public static string Number(double value) => Problem.Show(value);

    private static string Body(bool unfreeze) => unfreeze ? "body trained too" : "body frozen, head on cached features";
}
