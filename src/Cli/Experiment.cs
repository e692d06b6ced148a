using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Transfer;

namespace Sweep.Cli;

/// <summary>
/// The data and the way cells are trained, set up once for `find` or `run`: a catalogue model
/// trained from scratch, or a pretrained body with a new head (<see cref="TransferSweep"/>, features
/// cached in the output folder). Any problem with either is a one-line <see cref="UsageException"/>.
/// </summary>
public sealed class Experiment : IDisposable
{
    private readonly ExperimentOptions options;
    private readonly Backbone? backbone;
    private readonly TransferSweep? transfer;
    private readonly LoadedData? data;
    private readonly TransferInputs? images;

    private Experiment(ExperimentOptions options, LoadedData? data, TransferInputs? images, Backbone? backbone, TransferSweep? transfer)
    {
        this.options = options;
        this.data = data;
        this.images = images;
        this.backbone = backbone;
        this.transfer = transfer;
    }

    /// <summary>The data every cell trains on (a pretrained model's images are made here if not yet made).</summary>
    public LoadedData Data => data ?? images!.Images;

    /// <summary>Samples in the data, without making a pretrained model's images.</summary>
    public int Count => images?.Count ?? data!.Dataset.Count;

    /// <summary>Loads the data (and the pretrained body), checking the model can take the data; the feature cache lives in <paramref name="cacheFolder"/>.</summary>
    public static Experiment Open(ExperimentOptions options, string cacheFolder)
    {
        try
        {
            if (!options.Pretrained)
            {
                var data = options.LoadData();
                MemoryBudget.Check(options.Recipe, data, batch: null);
                options.CheckModelFits(data);
                return new Experiment(options, data, null, null, null);
            }

            var backbone = options.Weights is { } weights ? TorchvisionWeights.Load(weights, options.Recipe.Model) : BundledWeights.LoadResNet18();
            var images = LoadImages(options, backbone);
            var recipe = new TransferRecipe(options.Unfreeze, CacheFeatures: true, Optimizer: options.Recipe.Optimizer, Momentum: options.Recipe.Momentum,
                Nesterov: options.Recipe.Nesterov, WeightDecay: options.Recipe.WeightDecay, AccumulationSteps: options.Recipe.AccumulationSteps);
            return new Experiment(options, null, images, backbone, TransferSweep.Start(backbone, images, recipe, cacheFolder));
        }
        catch (Exception error) when (error is DataException or WeightsException)
        {
            throw new UsageException(error.Message);
        }
    }

    /// <summary>One cell's range test.</summary>
    public RunResult RunCell(FinderOptions finder, SweepCell cell, IProgress<StepProgress>? progress, CancellationToken cancellation)
    {
        try
        {
            return transfer is not null
                ? transfer.RunCell(finder, cell, progress, cancellation)
                : SweepRunner.RunCell(Data, options.Recipe, finder, cell, progress, cancellation);
        }
        catch (WeightsException error)
        {
            // The bundled network's weights are read when a feature row is first missing, not at start.
            throw new UsageException(error.Message);
        }
    }

    /// <summary>The gradient noise scale needs a catalogue model; a pretrained head gives none.</summary>
    public bool MeasuresNoiseScale => transfer is null;

    // Built-in greyscale sets are upscaled to RGB (Fashion-MNIST's pixels are 0..255, the digits' 0..16)
    // when a feature row is missing, not before; folders load as RGB.
    private static TransferInputs LoadImages(ExperimentOptions options, Backbone backbone)
    {
        var name = options.Data.Trim().ToLowerInvariant();
        if (DataCatalogue.ImageFolderOf(options.Data) is { } folder)
            return TransferInputs.Prepared(TransferImages.LoadFolder(folder, backbone, options.ImageSize), owned: true);
        var raw = name switch
        {
            "fashion-mnist" => FashionMnist.LoadTest(Normalisation.None),
            "digits" => Digits.Load(Normalisation.Scaled(Digits.MaximumPixel / 255.0)),
            _ => throw new UsageException($"a pretrained model reads images: use --data fashion-mnist, digits or an image folder, not {options.Data}."),
        };
        try
        {
            return TransferInputs.FromGreyscale(raw, options.ImageSize, backbone.Normalisation);
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        transfer?.Dispose();
        backbone?.Dispose();
        images?.Dispose();
        data?.Dispose();
    }
}
