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
    private readonly TrainingRecipe recipe;
    private readonly Backbone? backbone;
    private readonly TransferSweep? transfer;
    private readonly LoadedData? data;
    private readonly TransferInputs? images;

    private Experiment(ExperimentSpec spec, LoadedData? data, TransferInputs? images, Backbone? backbone, TransferSweep? transfer)
    {
        recipe = RecipeOf(spec);
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
    public static Experiment Open(ExperimentSpec spec, string cacheFolder)
    {
        try
        {
            if (!spec.Model.IsPretrained)
            {
                var data = DataCatalogue.Load(DataName(spec), spec.Input?.Side ?? 28, spec.Input?.Channels == Channels.Rgb ? ImageChannels.Rgb : ImageChannels.Grey);
                CheckModelFits(spec, data);
                return new Experiment(spec, data, null, null, null);
            }

            var backbone = spec.Model is ModelSpec.ResNetCase { Weights: { } weights } resnet ? TorchvisionWeights.Load(weights.Path, resnet.Name) : BundledWeights.LoadResNet18();
            var images = LoadImages(spec, backbone);
            var recipe = RecipeOf(spec);
            var transfer = new TransferRecipe(spec.Model.Unfreezes, CacheFeatures: true, Optimizer: recipe.Optimizer, Momentum: recipe.Momentum,
                Nesterov: recipe.Nesterov, WeightDecay: recipe.WeightDecay, AccumulationSteps: recipe.AccumulationSteps);
            return new Experiment(spec, null, images, backbone, TransferSweep.Start(backbone, images, transfer, cacheFolder));
        }
        catch (Exception error) when (error is DataException or WeightsException)
        {
            throw new UsageException(error.Message);
        }
    }

    /// <summary>Today's training recipe of a spec's model and optimiser (momentum recorded as 0 for adam and adamw).</summary>
    public static TrainingRecipe RecipeOf(ExperimentSpec spec) => new(
        spec.Model.Name, spec.Model is ModelSpec.MlpCase mlp ? mlp.HiddenWidths : null, spec.Optimizer.Name,
        spec.Optimizer is OptimizerSpec.SgdCase sgd ? sgd.Momentum : 0, spec.Optimizer is OptimizerSpec.SgdCase { Nesterov: true },
        spec.Optimizer.WeightDecay, spec.Accumulation);

    /// <summary>The recipe every cell trains with.</summary>
    public TrainingRecipe Recipe => recipe;

    // A built-in name or a folder's full path, as the catalogue loads it.
    private static string DataName(ExperimentSpec spec) => spec.Data switch
    {
        DataSpec.BuiltInCase builtIn => builtIn.Name,
        DataSpec.ImageFolderCase folder => folder.Path,
        _ => throw new InvalidOperationException("unreachable: DataSpec is closed"),
    };

    // The edge's check once data is loaded: the model is built and run on two samples, so that a model
    // that cannot take this data (a CNN on flat vectors, images too small for its pooling) is one line.
    private static void CheckModelFits(ExperimentSpec spec, LoadedData data)
    {
        try
        {
            SweepRunner.CheckModel(data, RecipeOf(spec));
        }
        catch (Exception error) when (error is ArgumentException or System.Runtime.InteropServices.ExternalException or InvalidOperationException)
        {
            throw new UsageException($"model {spec.Model.Name} cannot take {DataName(spec)}'s samples of shape {data.Shape.Channels}x{data.Shape.Height}x{data.Shape.Width} ({error.Message.Split('\n')[0].TrimEnd('.')}); use --model mlp or a larger --image-size.");
        }
    }

    /// <summary>One cell's range test.</summary>
    public RunResult RunCell(FinderOptions finder, SweepCell cell, IProgress<StepProgress>? progress, CancellationToken cancellation)
    {
        try
        {
            return transfer is not null
                ? transfer.RunCell(finder, cell, progress, cancellation)
                : SweepRunner.RunCell(Data, recipe, finder, cell, progress, cancellation);
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
    private static TransferInputs LoadImages(ExperimentSpec spec, Backbone backbone)
    {
        var name = DataName(spec);
        var side = spec.Input?.Side ?? 64;
        if (DataCatalogue.ImageFolderOf(name) is { } folder)
            return TransferInputs.Prepared(TransferImages.LoadFolder(folder, backbone, side), owned: true);
        var raw = name switch
        {
            "fashion-mnist" => FashionMnist.LoadTest(Normalisation.None),
            "digits" => Digits.Load(Normalisation.Scaled(Digits.MaximumPixel / 255.0)),
            _ => throw new UsageException($"a pretrained model reads images: use --data fashion-mnist, digits or an image folder, not {name}."),
        };
        try
        {
            return TransferInputs.FromGreyscale(raw, side, backbone.Normalisation);
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
