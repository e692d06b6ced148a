using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Models;

namespace Sweep.Cli;

/// <summary>Everything `find` and `run` share: what to train, how the finder runs, where results go.</summary>
/// <param name="Data">A built-in dataset name or an image folder.</param>
/// <param name="ImageSize">Side of the square an image folder's pictures become.</param>
/// <param name="Channels">Grey or RGB, for image folders.</param>
/// <param name="Recipe">Model and optimiser.</param>
/// <param name="Finder">Preset, schedule and overrides.</param>
/// <param name="Rules">The rules to show (all are computed and saved).</param>
/// <param name="Threads">Torch's CPU thread count; results are bit-identical for the same seed and thread count.</param>
/// <param name="Output">The output folder.</param>
public sealed record ExperimentOptions(
    string Data, int ImageSize, ImageChannels Channels, TrainingRecipe Recipe, FinderOptions Finder,
    IReadOnlyList<Rule> Rules, int Threads, string Output)
{
    /// <summary>The bundled ImageNet-pretrained ResNet-18.</summary>
    public const string BundledModel = "resnet18-imagenet";

    /// <summary>A torchvision resnet18/34 state dict (.pt, .pth, .safetensors) for a pretrained body; null: none.</summary>
    public string? Weights { get; init; }

    /// <summary>Train the pretrained body too (fastai's unfreeze); by default only the new head trains, on cached features.</summary>
    public bool Unfreeze { get; init; }

    /// <summary>Whether the model is a pretrained body with a new head.</summary>
    public bool Pretrained => Recipe.Model == BundledModel || Weights is not null;

    /// <summary>The options `find` and `run` both take; <paramref name="start"/> and <paramref name="output"/> differ in their defaults.</summary>
    public static IReadOnlyList<OptionSpec> Specs(string start, string output) =>
    [
        new("data", $"a built-in dataset ({string.Join(", ", DataCatalogue.Names)}) or a folder with one subfolder of images per class", "fashion-mnist"),
        new("image-size", "side in pixels that an image folder's pictures are resized and centre-cropped to", "28"),
        new("channels", "grey or rgb, for image folders", "grey"),
        new("model", $"one of {string.Join(", ", ModelCatalogue.Names)}, or {BundledModel} (ImageNet-pretrained, bundled: a frozen body and a new head)", "mlp"),
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

    /// <summary>Reads and checks the shared options; any problem is a one-line <see cref="UsageException"/>.</summary>
    public static ExperimentOptions From(ParsedOptions options)
    {
        var preset = ParsePreset(options);
        var kind = options.Text("schedule")!.ToLowerInvariant() switch
        {
            "exp" or "exponential" => ScheduleKind.Exponential,
            "linear" => ScheduleKind.Linear,
            var other => throw new UsageException($"unknown schedule '{other}'; use exp or linear."),
        };
        var finder = new FinderOptions(preset, kind, options.Double("start"), options.Double("end"), options.Int("steps"),
            Overridden(options, "beta"), Overridden(options, "divergence"));
        if (finder.Steps < 2) throw new UsageException($"--steps must be at least 2, got {finder.Steps}.");
        if (!(finder.End > 0)) throw new UsageException($"--end must be a positive learning rate, got {finder.End}.");
        // Learning rates are applied in float32 parameters: far beyond this they overflow to infinity.
        if (finder.End > MaximumLearningRate) throw new UsageException($"--end must be at most 1e6, got {finder.End:G}.");
        if (finder.Start > 0 && finder.Start < MinimumLearningRate) throw new UsageException($"--start must be at least 1e-30 (float32 has no finer steps), got {finder.Start:G}.");
        finder.Settings().IfLeft(problem => throw new UsageException(problem.Message));

        var model = options.Text("model")!.Trim().ToLowerInvariant();
        if (!ModelCatalogue.Names.Contains(model) && model != BundledModel)
            throw UsageException.Unknown("model", options.Text("model")!, [.. ModelCatalogue.Names, BundledModel]);
        var weights = options.Text("weights");
        if (weights is not null && model is not ("resnet18" or "resnet34"))
            throw new UsageException($"--weights applies to --model resnet18 or resnet34 (torchvision's layout), not {model}.");
        if (weights is not null && !File.Exists(weights))
            throw new UsageException($"no such weights file '{weights}'; give a torchvision state dict (.pt, .pth or .safetensors).");
        var optimizer = options.Text("optimizer")!.Trim().ToLowerInvariant();
        if (!Optimizers.Names.Contains(optimizer))
            throw UsageException.Unknown("optimizer", options.Text("optimizer")!, Optimizers.Names);
        var hidden = options.Ints("hidden");
        if (hidden.Any(width => width < 1 || width > MaximumWidth)) throw new UsageException($"--hidden widths must be between 1 and {MaximumWidth}, got {options.Text("hidden")}.");
        var momentum = options.Double("momentum");
        if (!(momentum >= 0 && momentum < 1)) throw new UsageException($"--momentum must be in [0, 1), got {momentum}.");
        var weightDecay = options.Double("weight-decay");
        if (!(weightDecay >= 0) || double.IsInfinity(weightDecay)) throw new UsageException($"--weight-decay must be a finite number, zero or positive, got {options.Text("weight-decay")}; e.g. --weight-decay 1e-4, or 0 for none.");
        if (options.Flag("nesterov") && !(momentum > 0)) throw new UsageException("--nesterov needs a positive --momentum (e.g. 0.9).");
        if (options.Flag("nesterov") && optimizer != "sgd") throw new UsageException($"--nesterov applies to sgd only, not {optimizer}.");
        // Momentum is an sgd setting: recorded as 0 for the others, so it cannot change their fingerprint.
        var recipe = new TrainingRecipe(model, hidden, optimizer, optimizer == "sgd" ? momentum : 0, options.Flag("nesterov"),
            weightDecay, Positive(options, "accumulate"));

        var channels = options.Text("channels")!.ToLowerInvariant() switch
        {
            "grey" or "gray" or "1" => ImageChannels.Grey,
            "rgb" or "3" => ImageChannels.Rgb,
            var other => throw new UsageException($"unknown --channels '{other}'; use grey or rgb."),
        };
        var pretrained = model == BundledModel || weights is not null;
        // A pretrained body reads RGB at its own resolution: 224 for an image folder unless asked
        // otherwise; the shipped 28×28 sets are upscaled to 64 (224 would take 6 GB for Fashion-MNIST).
        var imageSize = pretrained && !options.Given("image-size")
            ? (Directory.Exists(options.Text("data")!) ? 224 : 64)
            : Positive(options, "image-size");
        if (imageSize > MaximumImageSize) throw new UsageException($"--image-size must be at most {MaximumImageSize}, got {imageSize}.");
        var threads = Positive(options, "threads");
        if (threads > Environment.ProcessorCount)
            throw new UsageException($"--threads must be at most the {Environment.ProcessorCount} processors of this machine, got {threads}.");
        if (options.Flag("unfreeze") && !pretrained) throw new UsageException($"--unfreeze applies to pretrained models ({BundledModel}, or --weights), not {model}.");
        return new ExperimentOptions(options.Text("data")!, imageSize, pretrained ? ImageChannels.Rgb : channels, recipe, finder, ParseRules(options), threads, options.Text("out")!)
        {
            Weights = weights is null ? null : Path.GetFullPath(weights),
            Unfreeze = options.Flag("unfreeze"),
        };
    }

    /// <summary>The largest end learning rate accepted.</summary>
    public const double MaximumLearningRate = 1e6;

    /// <summary>The smallest start learning rate accepted.</summary>
    public const double MinimumLearningRate = 1e-30;

    /// <summary>The widest hidden layer accepted.</summary>
    public const int MaximumWidth = 65_536;

    /// <summary>The largest image side accepted.</summary>
    public const int MaximumImageSize = 1024;

    /// <summary>
    /// Builds the model for <paramref name="data"/> and runs it on two samples, so that a model that
    /// cannot take this data (a CNN on flat vectors, images too small for its pooling) is reported in
    /// one line before anything is written.
    /// </summary>
    public void CheckModelFits(LoadedData data)
    {
        try
        {
            SweepRunner.CheckModel(data, Recipe);
        }
        catch (Exception error) when (error is ArgumentException or System.Runtime.InteropServices.ExternalException or InvalidOperationException)
        {
            throw new UsageException($"model {Recipe.Model} cannot take {Data}'s samples of shape {data.Shape.Channels}x{data.Shape.Height}x{data.Shape.Width} ({error.Message.Split('\n')[0].TrimEnd('.')}); use --model mlp or a larger --image-size.");
        }
    }

    /// <summary>The rules named by --rules ("all": every rule).</summary>
    public static IReadOnlyList<Rule> ParseRules(ParsedOptions options)
    {
        var words = options.Words("rules");
        if (words.Count == 0 || words.Any(word => word.Equals("all", StringComparison.OrdinalIgnoreCase))) return RuleName.All;
        return words.Select(ParseRule).Distinct().ToArray();
    }

    /// <summary>The rule of that name, or a one-line usage error listing the rules.</summary>
    public static Rule ParseRule(string name) =>
        RuleName.TryParse(name) ?? throw UsageException.Unknown("rule", name, RuleName.All.Select(RuleName.Of));

    /// <summary>The preset named by --preset, or a one-line usage error listing the presets.</summary>
    public static Preset ParsePreset(ParsedOptions options) =>
        Preset.Parse(options.Text("preset")!).IfNone(() => throw UsageException.Unknown("preset", options.Text("preset")!, Preset.All.Select(preset => preset.Name)));

    /// <summary>The option as a whole number of at least 1.</summary>
    public static int Positive(ParsedOptions options, string name)
    {
        var value = options.Int(name);
        return value >= 1 ? value : throw new UsageException($"--{name} must be at least 1, got {value}.");
    }

    // Not given: the preset's value.
    private static double? Overridden(ParsedOptions options, string name) =>
        options.Text(name) is null ? null : options.Double(name);

    /// <summary>Loads the data, turning a data problem into a one-line usage error.</summary>
    public LoadedData LoadData()
    {
        try
        {
            return DataCatalogue.Load(Data, ImageSize, Channels);
        }
        catch (DataException error)
        {
            throw new UsageException(error.Message);
        }
    }

    /// <summary>The configuration as key/value pairs, for summaries and reports.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe() =>
    [
        new("data", Data), new("model", Recipe.Model + (Recipe.Model == "mlp" ? $" (hidden {string.Join(",", Recipe.HiddenWidths ?? ModelCatalogue.DefaultHiddenWidths)})" : "")),
        new("optimizer", $"{Recipe.Optimizer} (momentum {Recipe.Momentum}{(Recipe.Nesterov ? ", Nesterov" : "")}, weight decay {Recipe.WeightDecay})"),
        new("schedule", $"{Finder.Kind.ToString().ToLowerInvariant()} {Finder.Start:G3} -> {Finder.End:G3} over {Finder.Steps} steps"),
        new("preset", Finder.Preset.Name), new("smoothing", $"beta {Finder.Smoothing.Beta}{(Finder.Smoothing.Debiased ? ", debiased" : "")}"),
        new("divergence", $"{Finder.Factor}x best"), new("accumulation", Recipe.AccumulationSteps.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("threads", Threads.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. (IEnumerable<KeyValuePair<string, string>>)(Pretrained
            ? [new("pretrained", $"{Weights ?? BundledModel}, {(Unfreeze ? "body trained too" : "body frozen, head on cached features")}, {ImageSize}x{ImageSize} RGB")]
            : []),
    ];

    /// <summary>Everything a run's bits depend on, exactly (round-trip numbers), for telling configurations apart.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Exact() =>
    [
        .. Describe(),
        new("exact", string.Join(" ", new[] { Finder.Start, Finder.End, Finder.Smoothing.Beta, Finder.Factor, Recipe.Momentum, Recipe.WeightDecay }
            .Select(value => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))),
    ];
}
