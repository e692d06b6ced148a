using System.CommandLine;
using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Models;

namespace Sweep.Cli;

/// <summary>
/// The options `find` and `run` share: what to train, how the finder runs, where results go. Those
/// of the experiment itself are null when not given (<see cref="CommandLineRequest"/> reads them
/// into an <see cref="ExperimentRequest"/>, whose checks fill in the defaults); --help shows the
/// defaults of both commands, which differ only in --start and --out.
/// </summary>
public static class ExperimentCommandLine
{
    /// <summary>--data.</summary>
    public static readonly Option<string?> Data = Options.Text("data", $"a built-in dataset ({string.Join(", ", DataCatalogue.Names)}) or a folder with one subfolder of images per class", valueName: "name|folder", choices: DataCatalogue.Names);

    /// <summary>--image-size.</summary>
    public static readonly Option<int?> ImageSize = Options.Integer("image-size", "side in pixels that an image folder's pictures (or a pretrained model's images) are resized and centre-cropped to");

    /// <summary>--channels.</summary>
    public static readonly Option<string?> Channels = Options.Text("channels", "grey or rgb, for image folders trained from scratch", choices: ["grey", "rgb"]);

    /// <summary>--model.</summary>
    public static readonly Option<string?> Model = Options.Text("model", $"one of {string.Join(", ", ModelCatalogue.Names)}, or {ModelSpec.BundledName} (ImageNet-pretrained, bundled: a frozen body and a new head)", choices: [.. ModelCatalogue.Names, ModelSpec.BundledName]);

    /// <summary>--weights.</summary>
    public static readonly Option<string?> Weights = Options.Text("weights", "a torchvision resnet18/34 state dict (.pt, .pth or .safetensors) to pretrain --model resnet18 or resnet34 with", valueName: "file");

    /// <summary>--unfreeze.</summary>
    public static readonly Option<bool?> Unfreeze = Options.Flag("unfreeze", "with a pretrained model, train the body too instead of only the new head on cached features");

    /// <summary>--hidden.</summary>
    public static readonly Option<IReadOnlyList<int>?> Hidden = Options.WholeNumbers("hidden", "hidden layer widths of the mlp, comma-separated");

    /// <summary>--optimizer.</summary>
    public static readonly Option<string?> Optimizer = Options.Text("optimizer", $"one of {string.Join(", ", Optimizers.Names)}", choices: Optimizers.Names);

    /// <summary>--momentum.</summary>
    public static readonly Option<double?> Momentum = Options.Number("momentum", "momentum of sgd");

    /// <summary>--nesterov.</summary>
    public static readonly Option<bool?> Nesterov = Options.Flag("nesterov", "Nesterov momentum for sgd");

    /// <summary>--weight-decay.</summary>
    public static readonly Option<double?> WeightDecay = Options.Number("weight-decay", "weight decay");

    /// <summary>--start.</summary>
    public static readonly Option<double?> Start = Options.Number("start", "first learning rate");

    /// <summary>--end.</summary>
    public static readonly Option<double?> End = Options.Number("end", "last learning rate");

    /// <summary>--steps.</summary>
    public static readonly Option<StepsValue?> Steps = BudgetCommandLine.StepsOption();

    /// <summary>--schedule.</summary>
    public static readonly Option<string?> Schedule = Options.Text("schedule", "exp or linear growth of the learning rate", choices: ["exp", "linear"]);

    /// <summary>--preset.</summary>
    public static readonly Option<string?> Preset = Options.Text("preset", "fastai or pytorch-lr-finder: endpoint, smoothing, divergence and rules of that implementation", choices: Domain.Preset.All.Select(preset => preset.Name));

    /// <summary>--beta.</summary>
    public static readonly Option<double?> Beta = Options.Number("beta", "smoothing factor of the loss average (fastai 0.98, pytorch-lr-finder 0.95)");

    /// <summary>--divergence.</summary>
    public static readonly Option<double?> Divergence = Options.Number("divergence", "stop when the smoothed loss exceeds this times the best (inf: never)");

    /// <summary>--rules: which rules are printed (all are computed and saved).</summary>
    public static readonly Option<IReadOnlyList<string>?> Rules = Options.Words("rules", $"suggestion rules to show: {string.Join(", ", RuleName.All.Select(RuleName.Of))}", "all");

    /// <summary>--accumulate.</summary>
    public static readonly Option<long?> Accumulate = Options.WholeNumber("accumulate", "micro-batches accumulated per optimiser step");

    /// <summary>--threads.</summary>
    public static readonly Option<long?> Threads = Options.WholeNumber("threads", "CPU threads for torch (same seed and threads give the same bits)");

    /// <summary>--out: the output folder; null: the command's own.</summary>
    public static readonly Option<string?> Out = Options.Text("out", "output folder", valueName: "folder");

    /// <summary>--quiet.</summary>
    public static readonly Option<bool?> Quiet = Options.Flag("quiet", "for scripts: no header, progress or list of files written (results and errors still print)");

    /// <summary>The shared options in --help's order, with the defaults shown; <paramref name="start"/> and <paramref name="output"/> are the command's.</summary>
    public static IReadOnlyList<OptionLine> Lines(string start, string output) =>
    [
        new(Data, "fashion-mnist"), new(ImageSize, "28; 224 or 64 for a pretrained model"), new(Channels, "grey"), new(Model, "mlp"), new(Weights, "none"),
        new(Unfreeze), new(Hidden, "128"), new(Optimizer, "sgd"), new(Momentum, "0.9"), new(Nesterov), new(WeightDecay, "0"),
        new(Start, start), new(End, "10"), new(Steps, "100"), new(Schedule, "exp"), new(Preset, "fastai"),
        new(Beta, "the preset's"), new(Divergence, "the preset's"), new(Rules), new(Accumulate, "1"), new(Threads, "1"),
        new(Out, output), new(Quiet),
    ];
}
