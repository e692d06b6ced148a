using Sweep.Domain;
using Sweep.Training.Data;
using Sweep.Training.Models;
using Sweep.Training.Transfer;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// Where a cell's model and batches come from, as closed cases; <see cref="CellPipeline"/> runs
/// every case the same way. Each case builds a cell's model from the cell's seed:
/// <list type="bullet">
/// <item><see cref="Scratch"/>: a catalogue model on the data, batches prefetched;</item>
/// <item><see cref="FrozenCached"/>: a new head on rows of the frozen body's <see cref="FeatureCache"/>;</item>
/// <item><see cref="FrozenUncached"/>: the frozen body and a new head on the images;</item>
/// <item><see cref="Unfrozen"/>: a fresh copy of the pretrained body and a new head, all trained.</item>
/// </list>
/// A head has dropout, so the pretrained cases seed torch's generator with the cell's seed before
/// the run (<see cref="CellTraining.SeedsTorch"/>): cached and uncached cells draw the same masks.
/// </summary>
internal abstract record CellSource : IDisposable
{
    private CellSource() { }

    /// <summary>A catalogue model trained from scratch.</summary>
    public sealed record Scratch(LoadedData Data, ModelSpec Model) : CellSource;

    /// <summary>A head on cached features of a frozen body built on first need.</summary>
    public sealed record FrozenCached(Backbone Backbone, TransferInputs Inputs, FeatureCache Cache, Lazy<ResNetBody> Body) : CellSource;

    /// <summary>A frozen body and a head, the body run on every batch.</summary>
    public sealed record FrozenUncached(Backbone Backbone, TransferInputs Inputs) : CellSource;

    /// <summary>A body and a head, both trained.</summary>
    public sealed record Unfrozen(Backbone Backbone, TransferInputs Inputs) : CellSource;

    /// <summary>Samples a cell's batches are drawn from.</summary>
    public int Count => this switch
    {
        Scratch scratch => scratch.Data.Dataset.Count,
        FrozenCached cached => cached.Inputs.Count,
        FrozenUncached frozen => frozen.Inputs.Count,
        Unfrozen unfrozen => unfrozen.Inputs.Count,
        _ => throw Unreachable(),
    };

    /// <summary>The model, its trained parameters and its batches for the cell of <paramref name="seed"/>, on <paramref name="device"/>.</summary>
    public CellTraining Prepare(long seed, BatchPlan plan, Device device, bool prefetch)
    {
        switch (this)
        {
            case Scratch scratch:
                var model = ModelCatalogue.Create(scratch.Model, scratch.Data.Shape, scratch.Data.Dataset.ClassCount, seed);
                model.to(device);
                return new CellTraining(model, model.parameters(), new BatchSource(scratch.Data.Dataset, plan, device, prefetch), SeedsTorch: false);
            case FrozenCached cached:
                var head = TransferHead.Create(cached.Backbone.Features, cached.Inputs.ClassCount, seed);
                head.to(device);
                return new CellTraining(head, head.parameters(), new BatchSource(cached.Cache.Rows, cached.Inputs.Labels, plan, device), SeedsTorch: true);
            case FrozenUncached frozen:
                return OnImages(frozen.Backbone, frozen.Inputs, seed, plan, device, frozen: true);
            case Unfrozen unfrozen:
                return OnImages(unfrozen.Backbone, unfrozen.Inputs, seed, plan, device, frozen: false);
            default:
                throw Unreachable();
        }
    }

    /// <summary>After each cell: a cache keeps the rows it gained, so an interrupted sweep keeps them.</summary>
    public void AfterCell()
    {
        if (this is FrozenCached cached) cached.Cache.Save();
    }

    /// <summary>Saves the cache and frees the body it used; the data and the backbone belong to the caller.</summary>
    public void Dispose()
    {
        if (this is not FrozenCached cached) return;
        cached.Cache.Save();
        cached.Cache.Dispose();
        if (cached.Body.IsValueCreated) cached.Body.Value.Dispose();
    }

    private static CellTraining OnImages(Backbone backbone, TransferInputs inputs, long seed, BatchPlan plan, Device device, bool frozen)
    {
        var model = TransferModel.Create(backbone.Build(), inputs.ClassCount, seed, frozen);
        model.to(device);
        return new CellTraining(model, model.TrainableParameters(), new BatchSource(inputs.Images.Dataset, plan, device), SeedsTorch: true);
    }

    private static InvalidOperationException Unreachable() => new("unreachable: CellSource is closed");
}

/// <summary>One cell's model, the parameters its optimiser trains, and its batches; disposing frees the model and the batches.</summary>
/// <param name="Model">The network the range test trains.</param>
/// <param name="Parameters">What the optimiser updates (a frozen body's are left out).</param>
/// <param name="Batches">The cell's batches, on the model's device.</param>
/// <param name="SeedsTorch">Whether torch's generator is seeded with the cell's seed before the run (dropout).</param>
internal sealed record CellTraining(nn.Module<Tensor, Tensor> Model, IEnumerable<Parameter> Parameters, BatchSource Batches, bool SeedsTorch) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Batches.Dispose();
        Model.Dispose();
    }
}
