namespace Sweep.Domain;

/// <summary>
/// An experiment as a person or a file asks for it, before any check: typed, but every value
/// unchecked, and null where not given (so an option that does not apply can be told from one left
/// alone). <see cref="Specification.Validate"/> turns it into an <see cref="ExperimentSpec"/> or
/// every problem it has. The command line, a file read back and library callers all build one.
/// </summary>
public sealed record ExperimentRequest
{
    /// <summary>A built-in dataset name or a folder; null: fashion-mnist.</summary>
    public string? Data { get; init; }

    /// <summary>Image side for folders and pretrained bodies; null: 28 for folders, 224 (folders) or 64 (built-in sets) for pretrained bodies.</summary>
    public int? ImageSize { get; init; }

    /// <summary>grey or rgb, for image folders trained from scratch; null: grey.</summary>
    public string? Channels { get; init; }

    /// <summary>One of <see cref="ModelSpec.Names"/>; null: mlp.</summary>
    public string? Model { get; init; }

    /// <summary>The mlp's hidden widths; null: 128.</summary>
    public IReadOnlyList<int>? Hidden { get; init; }

    /// <summary>A torchvision weights file for resnet18/34.</summary>
    public string? Weights { get; init; }

    /// <summary>Train a pretrained body too; null: false.</summary>
    public bool? Unfreeze { get; init; }

    /// <summary>One of <see cref="OptimizerSpec.Names"/>; null: sgd.</summary>
    public string? Optimizer { get; init; }

    /// <summary>SGD's momentum; null: 0.9.</summary>
    public double? Momentum { get; init; }

    /// <summary>SGD's Nesterov momentum; null: false.</summary>
    public bool? Nesterov { get; init; }

    /// <summary>Weight decay; null: 0.</summary>
    public double? WeightDecay { get; init; }

    /// <summary>exp (exponential) or linear; null: exp.</summary>
    public string? Schedule { get; init; }

    /// <summary>A preset name; null: fastai.</summary>
    public string? Preset { get; init; }

    /// <summary>First learning rate; null: the preset's usual start.</summary>
    public double? Start { get; init; }

    /// <summary>Last learning rate; null: 10.</summary>
    public double? End { get; init; }

    /// <summary>Steps; null: 100 (under the steps budget).</summary>
    public long? Steps { get; init; }

    /// <summary>--steps epoch: one epoch per batch size, ⌈N / B⌉ steps (the samples budget without a count); null: not asked.</summary>
    public bool? EpochSteps { get; init; }

    /// <summary>steps (the same steps at every batch size) or samples (the same samples); null: steps, or samples under --steps epoch.</summary>
    public string? Budget { get; init; }

    /// <summary>Samples per range test under the samples budget; null: one epoch.</summary>
    public long? Samples { get; init; }

    /// <summary>Smoothing factor; null: the preset's.</summary>
    public double? Beta { get; init; }

    /// <summary>Divergence factor; null: the preset's.</summary>
    public double? Divergence { get; init; }

    /// <summary>Micro-batches per step; null: 1.</summary>
    public long? Accumulate { get; init; }

    /// <summary>Torch's CPU threads; null: 1.</summary>
    public long? Threads { get; init; }
}

/// <summary>
/// What the shell has observed for <see cref="Specification.Validate"/>, which does no I/O: the
/// machine's processor count, the full path of the data when it names an existing folder, and the
/// weights file's full path and SHA-256 when it exists.
/// </summary>
/// <param name="Processors">Processors of this machine (the ceiling of --threads).</param>
/// <param name="DataFolder">Full path when the request's data names an existing folder; else null.</param>
/// <param name="Weights">The weights file with its content hash when it exists; else null.</param>
public sealed record ExperimentFacts(int Processors, string? DataFolder = null, WeightsFile? Weights = null);
