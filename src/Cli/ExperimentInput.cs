using Sweep.Cli.Files;
using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Models;

namespace Sweep.Cli;

/// <summary>
/// The experiment options `find` and `run` share, and the edge where a request meets the machine:
/// what the shell observes (<see cref="Observe"/>) and the one call of <see cref="Specification.Validate"/>
/// (<see cref="Specify"/>). The output folder, --rules and --quiet are the commands' own presentation
/// options and no part of the experiment.
/// </summary>
public static class ExperimentInput
{
    /// <summary>The options `find` and `run` both take; <paramref name="start"/> and <paramref name="output"/> differ in their defaults.</summary>
    public static IReadOnlyList<OptionSpec> Specs(string start, string output) =>
    [
        new("data", $"a built-in dataset ({string.Join(", ", DataCatalogue.Names)}) or a folder with one subfolder of images per class", "fashion-mnist"),
        new("image-size", "side in pixels that an image folder's pictures (or a pretrained model's images) are resized and centre-cropped to", Shown: "28; 224 or 64 for a pretrained model"),
        new("channels", "grey or rgb, for image folders trained from scratch", "grey"),
        new("model", $"one of {string.Join(", ", ModelCatalogue.Names)}, or {ModelSpec.BundledName} (ImageNet-pretrained, bundled: a frozen body and a new head)", "mlp"),
        new("weights", "a torchvision resnet18/34 state dict (.pt, .pth or .safetensors) to pretrain --model resnet18 or resnet34 with", Shown: "none"),
        new("unfreeze", "with a pretrained model, train the body too instead of only the new head on cached features", IsFlag: true),
        new("hidden", "hidden layer widths of the mlp, comma-separated", "128"),
        new("optimizer", $"one of {string.Join(", ", Optimizers.Names)}", "sgd"),
        new("momentum", "momentum of sgd", "0.9"),
        new("nesterov", "Nesterov momentum for sgd", IsFlag: true),
        new("weight-decay", "weight decay", "0"),
        new("start", "first learning rate", start),
        new("end", "last learning rate", "10"),
        new("steps", "number of steps (iterations)", "100"),
        new("schedule", "exp or linear growth of the learning rate", "exp"),
        new("preset", "fastai or pytorch-lr-finder: endpoint, smoothing, divergence and rules of that implementation", "fastai"),
        new("beta", "smoothing factor of the loss average (fastai 0.98, pytorch-lr-finder 0.95)", Shown: "the preset's"),
        new("divergence", "stop when the smoothed loss exceeds this times the best (inf: never)", Shown: "the preset's"),
        new("rules", $"suggestion rules to show: {string.Join(", ", RuleName.All.Select(RuleName.Of))}", "all"),
        new("accumulate", "micro-batches accumulated per optimiser step", "1"),
        new("threads", "CPU threads for torch (same seed and threads give the same bits)", "1"),
        new("out", "output folder", output),
        new("quiet", "for scripts: no header, progress or list of files written (results and errors still print)", IsFlag: true),
    ];

    /// <summary>
    /// What the shell sees for <paramref name="request"/>: this machine's processors, the data's full
    /// path when it names an existing folder (a built-in name wins over a folder of that name), and the
    /// weights file's full path and SHA-256 when it exists.
    /// </summary>
    public static ExperimentFacts Observe(ExperimentRequest request)
    {
        var data = request.Data;
        var folder = data is not null && !DataSpec.BuiltInNames.Contains(data.Trim().ToLowerInvariant()) && Directory.Exists(data) ? Path.GetFullPath(data) : null;
        var weights = request.Weights is { } path && File.Exists(path) ? new WeightsFile(Path.GetFullPath(path), Fingerprint.OfFile(path)) : null;
        return new ExperimentFacts(Environment.ProcessorCount, folder, weights);
    }

    /// <summary>
    /// The spec of <paramref name="request"/> on this machine. Its problems are one usage error, one
    /// line: every problem's sentence, in the order <see cref="Specification.Validate"/> gives them.
    /// </summary>
    public static ExperimentSpec Specify(ExperimentRequest request) =>
        Specification.Validate(request, Observe(request)).Match(
            spec => spec,
            problems => throw new UsageException(string.Join(" ", problems.Select(problem => problem.Message))));
}
