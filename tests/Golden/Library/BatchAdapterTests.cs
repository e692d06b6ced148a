using Sweep.Domain;
using Sweep.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using static Sweep.Golden.Tests.Training.TrainingFixtures;

namespace Sweep.Golden.Tests.Library;

/// <summary>
/// Batches from anywhere: a list, an iterator, TorchSharp's DataLoader (dictionary and tensor-pair
/// batches) give the range test the same curve as the in-memory source over the same batches, bit
/// for bit; restore, repeatability, accumulation and the held-out mode work through every adapter;
/// an empty or one-shot sequence is a clear error.
/// </summary>
[Collection(TorchCollection.Name)]
public class BatchAdapterTests
{
    // The in-memory source's first draws, as tensors a user holds in a list (made outside any scope).
    private static List<(Tensor Input, Tensor Target)> Drawn(BatchSource source, int count) =>
        Enumerable.Range(0, count).Select(draw =>
        {
            var (inputs, targets) = source.Draw(draw);
            return (inputs.DetachFromDisposeScope(), targets.DetachFromDisposeScope());
        }).ToList();

    private static Curve Run(IBatchSource batches, int steps = 30, RunnerOptions? options = null, long modelSeed = 5)
    {
        var model = Mlp(modelSeed);
        using var optimiser = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        return RangeTestRunner.Run(model, optimiser, RangeTestRunner.CrossEntropy, batches, Settings(steps), options);
    }

    [Fact]
    public void A_list_of_batches_gives_the_in_memory_sources_curve_bit_for_bit()
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        var list = Drawn(source, 40);
        using var adapter = Batches.From(list);

        var expected = Run(source, 40);
        Assert.Equal(expected, Run(adapter, 40));
        Assert.True(expected.Points.Select(point => point.Loss).Distinct().Count() > 10);
    }

    [Fact]
    public void A_sequence_shorter_than_the_schedule_starts_again_from_its_first_batch()
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        var ten = Drawn(source, 10);
        using var short_ = Batches.From(ten);
        using var repeated = Batches.From(Enumerable.Repeat(ten, 4).SelectMany(batches => batches).ToList());

        Assert.Equal(Run(repeated, 35), Run(short_, 35));
        Assert.Equal(10, short_.BatchesPerPass);
    }

    [Fact]
    public void An_adapter_restores_model_and_optimiser_and_repeats_its_curve()
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        using var adapter = Batches.From(Drawn(source, 12));
        var model = Mlp(3);
        using var optimiser = optim.Adam(model.parameters(), 0.001);
        var parameters = ParameterBytes(model);
        var state = TrainingSnapshot.SaveOptimizer(optimiser);

        var first = RangeTestRunner.Run(model, optimiser, RangeTestRunner.CrossEntropy, adapter, Settings(30));
        Assert.Equal(parameters, ParameterBytes(model));
        Assert.Equal(state, TrainingSnapshot.SaveOptimizer(optimiser));
        // The second run reads the sequence from its first batch again, on the restored weights.
        Assert.Equal(first, RangeTestRunner.Run(model, optimiser, RangeTestRunner.CrossEntropy, adapter, Settings(30)));
    }

    [Fact]
    public void Accumulation_through_an_adapter_equals_accumulation_through_the_in_memory_source()
    {
        torch.set_num_threads(1);
        var (features, labels) = Samples(1);
        var halves = Enumerable.Range(0, 60).Select(draw => Enumerable.Range(draw * 8 % 248, 8).ToArray()).ToList();
        using var source = new BatchSource(features, labels, BatchPlan.Explicit(halves).IfLeft(problem => throw new ArgumentException(problem.Message)));
        using var adapter = Batches.From(Drawn(source, 60));
        var options = new RunnerOptions { AccumulationSteps = 2 };

        var expected = Run(source, 30, options);
        Assert.Equal(expected, Run(adapter, 30, options));
        Assert.NotEqual(Run(adapter, 30), expected);
    }

    [Fact]
    public void A_held_out_sequence_is_read_from_its_first_batch_after_every_step()
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        using var held = Source(2, 32);
        using var heldList = Batches.From(Drawn(held, 2));

        var expected = Run(source, 8, new RunnerOptions { Validation = held, ValidationBatches = 2 });
        Assert.Equal(expected, Run(source, 8, new RunnerOptions { Validation = heldList, ValidationBatches = 2 }));
    }

    /// <summary>The samples of <see cref="TrainingFixtures.Samples"/> as a TorchSharp dataset of dictionaries.</summary>
    private sealed class DictionaryDataset(Tensor features, Tensor labels) : torch.utils.data.Dataset
    {
        public override long Count => features.shape[0];

        public override Dictionary<string, Tensor> GetTensor(long index) =>
            new() { ["data"] = features[index], ["label"] = labels[index] };
    }

    // The in-memory source that cuts the same consecutive batches as a loader without shuffling.
    private static BatchSource Consecutive(Tensor features, Tensor labels, int batchSize)
    {
        var batches = Enumerable.Range(0, (int)features.shape[0] / batchSize)
            .Select(batch => Enumerable.Range(batch * batchSize, batchSize).ToArray()).ToList();
        return new BatchSource(features, labels, BatchPlan.Explicit(batches).IfLeft(problem => throw new ArgumentException(problem.Message)));
    }

    [Fact]
    public void A_DataLoader_of_dictionaries_gives_the_curve_of_the_same_batches_in_memory()
    {
        torch.set_num_threads(1);
        var (features, labels) = Samples(1);
        using var loader = torch.utils.data.DataLoader(new DictionaryDataset(features, labels), 16, shuffle: false);
        using var adapter = Batches.From(loader, "data", "label");
        using var source = Consecutive(features, labels, 16);

        // 40 steps: the loader's 16 batches are read two and a half times.
        var expected = Run(source, 40);
        Assert.Equal(expected, Run(adapter, 40));
        Assert.Equal(expected, Run(adapter, 40));
        Assert.Equal(16, adapter.BatchesPerPass);
    }

    [Fact]
    public void A_DataLoader_of_tensor_pairs_gives_the_curve_of_the_same_batches_in_memory()
    {
        torch.set_num_threads(1);
        var (features, labels) = Samples(1);
        using var loader = new TorchSharp.Modules.DataLoader<Dictionary<string, Tensor>, (Tensor Input, Tensor Target)>(
            new DictionaryDataset(features, labels), 32,
            (samples, device) =>
            {
                var list = samples.ToList();
                return (torch.stack(list.Select(sample => sample["data"])).to(device), torch.stack(list.Select(sample => sample["label"])).to(device));
            });
        using var adapter = Batches.From(loader);
        using var source = Consecutive(features, labels, 32);

        Assert.Equal(Run(source, 20), Run(adapter, 20));
    }

    [Fact]
    public void A_shuffling_DataLoader_runs_past_its_epoch_and_keeps_the_model_as_it_was()
    {
        torch.set_num_threads(1);
        var (features, labels) = Samples(1);
        using var loader = torch.utils.data.DataLoader(new DictionaryDataset(features, labels), 64, shuffle: true, seed: 3);
        using var adapter = Batches.From(loader);
        var model = Mlp(3);
        using var optimiser = optim.SGD(model.parameters(), 0.01);
        var parameters = ParameterBytes(model);

        var curve = RangeTestRunner.Run(model, optimiser, RangeTestRunner.CrossEntropy, adapter, Settings(30));

        Assert.Equal(4, adapter.BatchesPerPass);
        Assert.True(curve.Points.Count > 8);
        Assert.Equal(parameters, ParameterBytes(model));
    }

    [Fact]
    public void An_empty_sequence_is_refused_with_the_fix()
    {
        using var empty = Batches.From(new List<(Tensor, Tensor)>());
        var error = Assert.Throws<InvalidOperationException>(() => Run(empty));
        Assert.Contains("the batch sequence is empty", error.Message);
    }

    /// <summary>A sequence that can be enumerated once only: the second enumeration gives nothing.</summary>
    private sealed class OneShot(IEnumerable<(Tensor, Tensor)> batches) : IEnumerable<(Tensor Input, Tensor Target)>
    {
        private IEnumerator<(Tensor, Tensor)>? once = batches.GetEnumerator();

        public IEnumerator<(Tensor Input, Tensor Target)> GetEnumerator()
        {
            var enumerator = once ?? Enumerable.Empty<(Tensor, Tensor)>().GetEnumerator();
            once = null;
            return enumerator;
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void A_one_shot_sequence_that_runs_out_is_refused_with_the_fix()
    {
        torch.set_num_threads(1);
        using var source = Source(1, 16);
        using var oneShot = Batches.From(new OneShot(Drawn(source, 5)));
        var error = Assert.Throws<InvalidOperationException>(() => Run(oneShot, 30));
        Assert.Contains("cannot be restarted", error.Message);
    }

    [Fact]
    public void A_dictionary_batch_without_the_named_key_names_the_keys_it_has()
    {
        var (features, labels) = Samples(1);
        using var loader = torch.utils.data.DataLoader(new DictionaryDataset(features, labels), 16);
        using var adapter = Batches.From(loader, "image", "label");
        var error = Assert.Throws<KeyNotFoundException>(() => Run(adapter));
        Assert.Contains("no \"image\" (it has \"data\", \"label\")", error.Message);
    }
}
