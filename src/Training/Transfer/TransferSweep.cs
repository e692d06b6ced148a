using Sweep.Domain;
using Sweep.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training.Transfer;

/// <summary>How the cells of a transfer sweep train.</summary>
/// <param name="Unfreeze">Train the body too (fastai's unfreeze); the default trains the head alone.</param>
/// <param name="CacheFeatures">With a frozen body, compute each sample's features once (<see cref="FeatureCache"/>) and train the head on them.</param>
/// <param name="Dropout">The head's dropout probability.</param>
/// <param name="Optimizer">An <see cref="Optimizers"/> name.</param>
/// <param name="Momentum">For sgd.</param>
/// <param name="Nesterov">For sgd.</param>
/// <param name="WeightDecay">For every optimiser.</param>
/// <param name="AccumulationSteps">Micro-batches per step.</param>
public sealed record TransferRecipe(
    bool Unfreeze = false,
    bool CacheFeatures = true,
    double Dropout = TransferHead.DefaultDropout,
    string Optimizer = "sgd",
    double Momentum = 0.9,
    bool Nesterov = false,
    double WeightDecay = 0,
    int AccumulationSteps = 1);

/// <summary>
/// The range tests of one sweep over a pretrained backbone: what stays the same for every cell
/// (the backbone, the data, the recipe and, with a frozen body, one body and its feature cache) is
/// set up once by <see cref="Start"/>; <see cref="RunCell"/> runs one (batch size, seed) cell in any
/// order. Each cell gets a head drawn from its seed and torch's generator seeded by it (dropout masks),
/// so a cell gives the same curve whether the features come from the cache or from the body:
/// <list type="bullet">
/// <item>frozen, cached (the default): the model is the head, its batches rows of the cache;</item>
/// <item>frozen, not cached: a <see cref="TransferModel"/> on the images, its body frozen;</item>
/// <item>unfrozen: a <see cref="TransferModel"/> over a fresh copy of the pretrained body, all trained.</item>
/// </list>
/// The cache is saved after every cell that added rows, so an interrupted sweep keeps them. The body,
/// the backbone's weights and the images are made when a missing row first needs them: with a cache
/// that holds every row the cells draw, a sweep reads the cache file and trains heads, nothing else.
/// </summary>
public sealed class TransferSweep : IDisposable
{
    private readonly Backbone backbone;
    private readonly TransferInputs data;
    private readonly TransferRecipe recipe;
    private readonly Lazy<Models.ResNetBody>? cacheBody;

    private TransferSweep(Backbone backbone, TransferInputs data, TransferRecipe recipe, Lazy<Models.ResNetBody>? cacheBody, FeatureCache? cache)
    {
        this.backbone = backbone;
        this.data = data;
        this.recipe = recipe;
        this.cacheBody = cacheBody;
        Cache = cache;
    }

    /// <summary>The feature cache, when the body is frozen and features are cached.</summary>
    public FeatureCache? Cache { get; }

    /// <summary>
    /// Whether the cache's body has been built: only when a row had to be computed. With a cache file
    /// that holds every row, the sweep trains heads on its rows and never builds the body.
    /// </summary>
    public bool BodyBuilt => cacheBody?.IsValueCreated ?? false;

    /// <summary>
    /// Sets up a sweep of <paramref name="backbone"/> on <paramref name="data"/> (three-channel images
    /// normalised by the backbone's <see cref="Backbone.Normalisation"/>). Cached features are kept in
    /// <paramref name="cacheFolder"/> (null: in memory for this sweep only).
    /// </summary>
    public static TransferSweep Start(Backbone backbone, LoadedData data, TransferRecipe recipe, string? cacheFolder) =>
        Start(backbone, TransferInputs.Prepared(data), recipe, cacheFolder);

    /// <summary>
    /// As above, on <paramref name="data"/> whose images are made only when needed: with a frozen body
    /// and a cache that holds every row the cells draw, neither the images nor the body are made. The
    /// inputs are not owned by the sweep.
    /// </summary>
    public static TransferSweep Start(Backbone backbone, TransferInputs data, TransferRecipe recipe, string? cacheFolder)
    {
        Nnpack.Disable();
        if (data.Shape.Channels != 3)
            throw new DataException($"a pretrained ResNet reads three-channel images, but {data.Name} has {data.Shape.Channels}; load the images as RGB.");
        if (!recipe.Unfreeze && recipe.CacheFeatures)
        {
            var body = new Lazy<Models.ResNetBody>(() => backbone.Build().to(Devices.Best()), LazyThreadSafetyMode.ExecutionAndPublication);
            var cache = FeatureCache.Open(body, backbone.Features, () => data.Images.Dataset.Features, data.Count, FeatureCacheKey.Of(backbone, data), cacheFolder);
            return new TransferSweep(backbone, data, recipe, body, cache);
        }

        return new TransferSweep(backbone, data, recipe, null, null);
    }

    /// <summary>The result of one cell: its curve and every rule's suggestion under the preset.</summary>
    public RunResult RunCell(FinderOptions finder, SweepCell cell, IProgress<StepProgress>? progress = null, CancellationToken cancellation = default)
    {
        var settings = finder.Settings().IfLeft(problem => throw new ArgumentException(problem.Message));
        var plan = BatchPlan.Shuffled(data.Count, cell.BatchSize, (ulong)cell.Seed).IfLeft(problem => throw new DataException(problem.Message));
        var device = Devices.Best();
        var options = new RunnerOptions { AccumulationSteps = recipe.AccumulationSteps, Restore = false };
        try
        {
            if (Cache is not null)
            {
                using var head = TransferHead.Create(backbone.Features, data.ClassCount, cell.Seed, recipe.Dropout);
                head.to(device);
                using var source = new BatchSource(Cache.Rows, data.Labels, plan, device);
                return Run(head, head.parameters(), source, settings, options, finder, cell, progress, cancellation);
            }

            using var model = TransferModel.Create(backbone.Build(), data.ClassCount, cell.Seed, frozen: !recipe.Unfreeze, recipe.Dropout);
            model.to(device);
            using var batches = new BatchSource(data.Images.Dataset, plan, device);
            return Run(model, model.TrainableParameters(), batches, settings, options, finder, cell, progress, cancellation);
        }
        finally
        {
            Cache?.Save();
        }
    }

    /// <summary>Saves the cache and frees the body it used.</summary>
    public void Dispose()
    {
        Cache?.Save();
        Cache?.Dispose();
        if (cacheBody is { IsValueCreated: true }) cacheBody.Value.Dispose();
    }

    private RunResult Run(nn.Module<Tensor, Tensor> model, IEnumerable<TorchSharp.Modules.Parameter> parameters, BatchSource batches,
        RangeTestSettings settings, RunnerOptions options, FinderOptions finder, SweepCell cell, IProgress<StepProgress>? progress, CancellationToken cancellation)
    {
        using var optimizer = Optimizers.Create(recipe.Optimizer, parameters, settings.Schedule.Start, recipe.Momentum, recipe.Nesterov, recipe.WeightDecay);
        manual_seed(cell.Seed);
        var curve = RangeTestRunner.Run(model, optimizer, RangeTestRunner.CrossEntropy, batches, settings, options, progress, cancellation);
        return RunResult.Of(cell, curve, finder.Preset, settings.Schedule.Steps);
    }
}
