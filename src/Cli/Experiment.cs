using Sweep.Domain;
using Sweep.Training;
using Sweep.Training.Data;
using Sweep.Training.Transfer;

namespace Sweep.Cli;

/// <summary>
/// The data and the <see cref="CellPipeline"/> of one experiment, opened once for `find` or `run`:
/// a catalogue model trained from scratch, or a pretrained body with a new head (features cached in
/// the output folder). Any problem with the data, the weights or the model's fit to the data is a
/// one-line <see cref="UsageException"/>.
/// </summary>
public sealed class Experiment : IDisposable
{
    private readonly CellPipeline pipeline;
    private readonly Backbone? backbone;
    private readonly LoadedData? data;
    private readonly TransferInputs? images;
    private readonly bool readsFiles;

    private Experiment(CellPipeline pipeline, LoadedData? data, TransferInputs? images, Backbone? backbone, bool readsFiles = true) =>
        (this.pipeline, this.data, this.images, this.backbone, this.readsFiles) = (pipeline, data, images, backbone, readsFiles);

    /// <summary>
    /// The input files the load passed over. Null only when it is not known: a pretrained model's
    /// images from files that were never decoded (every feature row cached); a built-in set has no
    /// files, so nothing of it is skipped whether or not its images were made.
    /// </summary>
    public SkippedInputs? Skipped =>
        data is not null ? SkippedInputs.Of(data.Report)
        : images!.ImagesMade ? SkippedInputs.Of(images.Images.Report)
        : readsFiles ? null : SkippedInputs.Of(null);

    /// <summary>The data every cell trains on (a pretrained model's images are made here if not yet made).</summary>
    public LoadedData Data => data ?? images!.Images;

    /// <summary>Samples in the data, without making a pretrained model's images.</summary>
    public int Count => images?.Count ?? data!.Dataset.Count;

    /// <summary>The gradient noise scale needs a catalogue model; a pretrained head gives none.</summary>
    public bool MeasuresNoiseScale => pipeline.MeasuresNoiseScale;

    /// <summary>Loads the data (and the pretrained body), checking the model can take the data; the feature cache lives in <paramref name="cacheFolder"/>.</summary>
    public static Experiment Open(ExperimentSpec spec, string cacheFolder)
    {
        var recipe = CellRecipe.Of(spec);
        try
        {
            if (!spec.Model.IsPretrained)
            {
                var loading = DataCatalogue.StartLoading(spec.Data, spec.Input);
                Nnpack.Disable();  // loads libtorch while the data decode (DataCatalogue.StartLoading)
                MklDispatch.Enable();
                var data = loading();
                MemoryBudget.Check(spec, data, batch: null);
                CheckModelFits(spec, data);
                return new Experiment(CellPipeline.Open(data, recipe), data, null, null);
            }

            Nnpack.Disable();
            MklDispatch.Enable();
            var backbone = PretrainedBody.Load(spec.Model);
            var images = PretrainedImages.Load(spec.Data, spec.Input, backbone);
            var readsFiles = spec.Data is DataSpec.ImageFolderCase || (spec.Data is DataSpec.BuiltInCase builtIn && DataCatalogue.ImageFolderOf(builtIn.Name, null) is not null);
            return new Experiment(CellPipeline.Open(backbone, images, recipe, cacheFolder), null, images, backbone, readsFiles);
        }
        catch (Exception error) when (error is DataException or WeightsException)
        {
            throw new UsageException(error.Message);
        }
    }

    /// <summary>Whether cells may run on several threads at once (<see cref="CellPipeline.RunsCellsConcurrently"/>).</summary>
    public bool RunsCellsConcurrently => pipeline.RunsCellsConcurrently;

    /// <summary>The catalogue model's parameter tensors (<see cref="CellPipeline.ParameterTensors"/>, which counts them once).</summary>
    public int ParameterTensors() => pipeline.ParameterTensors();

    /// <summary>The steps of a cell's range test under the spec's step budget (<see cref="CellFinder.Of"/>).</summary>
    public int Steps(ExperimentSpec spec, SweepCell cell) =>
        CellFinder.Of(spec, cell.BatchSize, Count).Match(found => found.Finder.Steps, _ => spec.Finder.Steps);

    /// <summary>One cell's range test with the finder the spec's step budget gives its batch size (<see cref="CellFinder.Of"/>).</summary>
    public RunResult RunCell(ExperimentSpec spec, SweepCell cell, IProgress<StepProgress>? progress, CancellationToken cancellation, bool prefetch = true) =>
        RunCell(CellFinder.Of(spec, cell.BatchSize, Count).Match(found => found.Finder, problem => throw new UsageException(problem.Message)), cell, progress, cancellation, prefetch);

    /// <summary>One cell's range test; <paramref name="prefetch"/> as in <see cref="CellPipeline.RunCell"/>.</summary>
    public RunResult RunCell(FinderOptions finder, SweepCell cell, IProgress<StepProgress>? progress, CancellationToken cancellation, bool prefetch = true)
    {
        try
        {
            return pipeline.RunCell(finder, cell, progress, cancellation, prefetch);
        }
        catch (WeightsException error)
        {
            // The bundled network's weights are read when a feature row is first missing, not at start.
            throw new UsageException(error.Message);
        }
    }

    /// <summary>The gradient noise scale at the starting weights of the seed's model (<see cref="CellPipeline.MeasureNoiseScale"/>).</summary>
    public NoiseScaleEstimate MeasureNoiseScale(int smallBatch, int bigBatch, int draws, int seed) =>
        pipeline.MeasureNoiseScale(smallBatch, bigBatch, draws, seed);

    /// <inheritdoc />
    public void Dispose()
    {
        pipeline.Dispose();
        backbone?.Dispose();
        images?.Dispose();
        data?.Dispose();
    }

    // A model that cannot take this data (a CNN on flat vectors, images too small for its pooling)
    // is reported in one line before anything is written.
    private static void CheckModelFits(ExperimentSpec spec, LoadedData data)
    {
        try
        {
            CellPipeline.CheckModel(data, spec.Model);
        }
        catch (Exception error) when (error is ArgumentException or System.Runtime.InteropServices.ExternalException or InvalidOperationException)
        {
            data.Dispose();
            var shape = $"{data.Shape.Channels}x{data.Shape.Height}x{data.Shape.Width}";
            throw new UsageException($"model {spec.Model.Name} cannot take {SpecificationText.DataName(spec.Data)}'s samples of shape {shape} ({error.Message.Split('\n')[0].TrimEnd('.')}); use --model mlp or a larger --image-size.");
        }
    }
}
