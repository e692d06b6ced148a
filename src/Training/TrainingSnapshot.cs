using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training;

/// <summary>
/// Everything a range test changes, captured so it can be put back bit for bit: the model's
/// parameters and buffers (BatchNorm running statistics and counters included), whether it was in
/// training mode, the optimiser's state (momentum buffers, Adam moments, step counts, options),
/// every parameter group's learning rate, and torch's CPU random-number state.
/// <para>Copies, not references: TorchSharp's state_dict() hands out the live tensors, so they are
/// cloned; the optimiser state is serialised to memory, which also records buffers that do not
/// exist yet (a fresh SGD has no momentum buffer: loading the snapshot removes the one the test
/// created).</para>
/// </summary>
public sealed class TrainingSnapshot : IDisposable
{
    private readonly nn.Module model;
    private readonly optim.Optimizer optimizer;
    private readonly Dictionary<string, Tensor> moduleState;
    private readonly byte[]? optimizerState;
    private readonly double[] learningRates;
    private readonly Tensor randomState;
    private readonly bool training;

    private TrainingSnapshot(nn.Module model, optim.Optimizer optimizer)
    {
        this.model = model;
        this.optimizer = optimizer;
        training = model.training;
        moduleState = model.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.detach().clone().DetachFromDisposeScope());
        optimizerState = SaveOptimizer(optimizer);
        learningRates = optimizer.ParamGroups.Select(group => group.LearningRate).ToArray();
        randomState = torch.get_rng_state().clone().DetachFromDisposeScope();
    }

    /// <summary>
    /// Captures the state of <paramref name="model"/> and <paramref name="optimizer"/>. The optimiser
    /// must derive from TorchSharp's OptimizerHelper (every built-in does, and a custom one that
    /// derives from it works) so its state can be serialised; otherwise this throws before anything runs.
    /// </summary>
    public static TrainingSnapshot Take(nn.Module model, optim.Optimizer optimizer) => new(model, optimizer);

    /// <summary>Puts everything back as it was when the snapshot was taken.</summary>
    public void Restore()
    {
        using (torch.no_grad())
        {
            foreach (var (name, live) in model.state_dict())
                if (moduleState.TryGetValue(name, out var saved)) live.copy_(saved);
        }

        model.train(training);
        if (optimizerState is not null && optimizer is OptimizerHelper helper)
        {
            using var reader = new BinaryReader(new MemoryStream(optimizerState));
            helper.load_state_dict(reader);
        }

        foreach (var (group, rate) in optimizer.ParamGroups.Zip(learningRates)) group.LearningRate = rate;
        torch.set_rng_state(randomState);
    }

    /// <summary>The optimiser's serialised state, for comparing two states byte for byte.</summary>
    public static byte[] SaveOptimizer(optim.Optimizer optimizer)
    {
        if (optimizer is not OptimizerHelper helper)
            throw new ArgumentException(
                $"the optimiser {optimizer.GetType().Name} cannot be snapshotted: derive it from TorchSharp.Modules.OptimizerHelper so its state can be saved and restored.",
                nameof(optimizer));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) helper.save_state_dict(writer);
        return stream.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var tensor in moduleState.Values) tensor.Dispose();
        randomState.Dispose();
    }
}
