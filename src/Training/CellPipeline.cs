using Sweep.Domain;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Transfer;
using TorchSharp;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// The range tests of one experiment, cell by cell. What stays the same for every cell (the data,
/// the <see cref="CellRecipe"/> and, for a frozen pretrained body, that body and its feature cache)
/// is set up once by <c>Open</c>; <see cref="RunCell"/> runs one (batch size, seed) cell in any
/// order: the model is built from the seed, the batches are shuffled by the seed, and the optimiser
/// is the recipe's. Everything a cell does follows from its inputs, so the same cell gives the same
/// bits in any process at the same thread count, and with a frozen body the same curve whether its
/// features come from the cache or from the body. The variants (scratch, frozen and cached, frozen
/// and uncached, unfrozen) are the closed cases of <see cref="CellSource"/>.
/// </summary>
public sealed class CellPipeline : IDisposable
{
    private readonly CellSource source;
    private readonly CellRecipe recipe;
    private int parameterTensors;

    private CellPipeline(CellSource source, CellRecipe recipe) => (this.source, this.recipe) = (source, recipe);

    /// <summary>The feature cache, when a frozen body's features are cached.</summary>
    public FeatureCache? Cache => (source as CellSource.FrozenCached)?.Cache;

    /// <summary>
    /// Whether the cache's body has been built: only when a row had to be computed. With a cache file
    /// that holds every row, the cells train heads on its rows and never build the body.
    /// </summary>
    public bool BodyBuilt => source is CellSource.FrozenCached { Body.IsValueCreated: true };

    /// <summary>Whether <see cref="MeasureNoiseScale"/> applies: a catalogue model, not a pretrained head.</summary>
    public bool MeasuresNoiseScale => source is CellSource.Scratch;

    /// <summary>Cells of a catalogue model (<paramref name="recipe"/>'s model not pretrained) trained from scratch on <paramref name="data"/>, which stays the caller's.</summary>
    public static CellPipeline Open(LoadedData data, CellRecipe recipe)
    {
        if (recipe.Model.IsPretrained)
            throw new ArgumentException("a pretrained model needs its backbone: open the pipeline with one.", nameof(recipe));
        MklDispatch.Enable();
        return new CellPipeline(new CellSource.Scratch(data, recipe.Model), recipe);
    }

    /// <summary>As below, on images already made (three channels, normalised by the backbone's <see cref="Backbone.Normalisation"/>).</summary>
    public static CellPipeline Open(Backbone backbone, LoadedData data, CellRecipe recipe, string? cacheFolder, bool cacheFeatures = true) =>
        Open(backbone, TransferInputs.Prepared(data), recipe, cacheFolder, cacheFeatures);

    /// <summary>
    /// Cells of <paramref name="backbone"/>'s pretrained body with a new head (<paramref name="recipe"/>'s
    /// model pretrained; <see cref="ModelSpec.Unfreezes"/> trains the body too) on
    /// <paramref name="data"/>, whose images are made only when needed. A frozen body's features are
    /// cached in <paramref name="cacheFolder"/> (null: in memory for this pipeline only) unless
    /// <paramref name="cacheFeatures"/> is false; with a cache that holds every row the cells draw,
    /// neither the images nor the body are made. The backbone and the inputs stay the caller's.
    /// </summary>
    public static CellPipeline Open(Backbone backbone, TransferInputs data, CellRecipe recipe, string? cacheFolder, bool cacheFeatures = true)
    {
        if (!recipe.Model.IsPretrained)
            throw new ArgumentException("a model trained from scratch has no backbone: open the pipeline on the data alone.", nameof(recipe));
        Nnpack.Disable();
        MklDispatch.Enable();
        if (data.Shape.Channels != 3)
            throw new DataException($"a pretrained ResNet reads three-channel images, but {data.Name} has {data.Shape.Channels}; load the images as RGB.");
        if (recipe.Model.Unfreezes) return new CellPipeline(new CellSource.Unfrozen(backbone, data), recipe);
        if (!cacheFeatures) return new CellPipeline(new CellSource.FrozenUncached(backbone, data), recipe);

        var body = new Lazy<ResNetBody>(() => backbone.Build().to(Devices.Best()), LazyThreadSafetyMode.ExecutionAndPublication);
        var cache = FeatureCache.Open(body, backbone.Features, () => data.Images.Dataset.Features, data.Count, FeatureCacheKey.Of(backbone, data), cacheFolder);
        return new CellPipeline(new CellSource.FrozenCached(backbone, data, cache, body), recipe);
    }

    /// <summary>
    /// Whether <see cref="RunCell"/> may run on several threads at once: for a catalogue model trained
    /// from scratch. Its model is built under <see cref="SeededConstruction"/>'s lock, nothing draws
    /// from torch's generator while it trains (no dropout), and each cell has its own model,
    /// optimiser and batches, so a cell gives the same bits on any thread beside any other. A
    /// pretrained head draws dropout masks from torch's one generator and shares the feature cache:
    /// its cells run one at a time (in parallel only in separate processes).
    /// </summary>
    public bool RunsCellsConcurrently => source is CellSource.Scratch;

    /// <summary>
    /// The parameter tensors of the catalogue model (<see cref="RunsCellsConcurrently"/>), for each
    /// of which an optimiser step makes a few TorchSharp Scalars (<see cref="FinalizerGate"/>).
    /// </summary>
    public int ParameterTensors()
    {
        if (source is not CellSource.Scratch scratch)
            throw new InvalidOperationException("parameter tensors are counted for a catalogue model, not for a pretrained head.");
        // Counted once: counting builds the model (under SeededConstruction, which puts torch's generator back).
        if (Volatile.Read(ref parameterTensors) is > 0 and var counted) return counted;
        using var scope = NewDisposeScope();
        using var model = ModelCatalogue.Create(scratch.Model, scratch.Data.Shape, scratch.Data.Dataset.ClassCount, 0);
        var count = model.parameters().Count();
        Volatile.Write(ref parameterTensors, count);
        return count;
    }

    /// <summary>
    /// The result of one cell: its curve and every rule's suggestion under the preset. With
    /// <paramref name="prefetch"/> the next batch of a catalogue model is gathered on a worker thread
    /// during each step; turn it off when other cells keep the cores busy. The bits are the same
    /// either way. The gatherer allocates during the step's libtorch calls, which lets a collection
    /// free the numbers those calls read (<see cref="FinalizerGate"/>): so it runs only while the
    /// gate is shut, taken here (or joined) when the cell's steps fit the gate's queue budget, and
    /// otherwise the batches are gathered in turn.
    /// </summary>
    public RunResult RunCell(FinderOptions finder, SweepCell cell, IProgress<StepProgress>? progress = null, CancellationToken cancellation = default, bool prefetch = true)
    {
        var settings = finder.Settings().IfLeft(problem => throw new ArgumentException(problem.Message));
        var plan = BatchPlan.Shuffled(source.Count, cell.BatchSize, (ulong)cell.Seed).IfLeft(problem => throw new DataException(problem.Message));
        var options = new RunnerOptions { AccumulationSteps = recipe.Accumulation, Restore = false };
        try
        {
            using var gate = prefetch && source is CellSource.Scratch
                && FinalizerGate.Affords((double)settings.Schedule.Steps * ParameterTensors())
                ? FinalizerGate.TryShut(TimeSpan.FromSeconds(10))
                : null;
            using var training = source.Prepare(cell.Seed, plan, Devices.Best(), prefetch: gate is not null);
            using var optimizer = Optimizers.Create(recipe.Optimizer, training.Parameters, settings.Schedule.Start);
            if (training.SeedsTorch) manual_seed(cell.Seed);
            var curve = RangeTestRunner.Run(training.Model, optimizer, RangeTestRunner.CrossEntropy, training.Batches, settings, options, progress, cancellation);
            return RunResult.Of(cell, curve, finder.Preset, settings.Schedule.Steps);
        }
        finally
        {
            source.AfterCell();
        }
    }

    /// <summary>
    /// The gradient noise scale at the starting weights of the seed's model (McCandlish's two-batch
    /// estimator, <paramref name="draws"/> small batches grouped into big ones, <see cref="GradientNoise"/>), on the experiment's own data and
    /// loss. A catalogue model only (<see cref="MeasuresNoiseScale"/>).
    /// </summary>
    public NoiseScaleEstimate MeasureNoiseScale(int smallBatch, int bigBatch, int draws, int seed)
    {
        if (source is not CellSource.Scratch scratch)
            throw new InvalidOperationException("the gradient noise scale is measured on a catalogue model, not on a pretrained head.");
        var data = scratch.Data;
        using var model = ModelCatalogue.Create(scratch.Model, data.Shape, data.Dataset.ClassCount, seed);
        return GradientNoise.Measure(model, RangeTestRunner.CrossEntropy, data.Dataset.Features, data.Dataset.Labels, smallBatch, bigBatch, draws, (ulong)seed);
    }

    /// <summary>Builds the catalogue <paramref name="model"/> for the data and runs it forward on two samples; throws what the model throws.</summary>
    public static void CheckModel(LoadedData data, ModelSpec model)
    {
        using var scope = NewDisposeScope();
        using var built = ModelCatalogue.Create(model, data.Shape, data.Dataset.ClassCount, 0);
        var samples = data.Dataset.Features.narrow(0, 0, Math.Min(2, data.Dataset.Count));
        var shaped = samples.reshape([samples.shape[0], data.Shape.Channels, data.Shape.Height, data.Shape.Width]);
        built.eval();
        using var noGradients = torch.no_grad();
        built.forward(shaped);
    }

    /// <summary>Saves a cache and frees the body it used.</summary>
    public void Dispose() => source.Dispose();
}
