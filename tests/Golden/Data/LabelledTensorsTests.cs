using Sweep.Training.Data;
using Xunit;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Data;

/// <summary>A dataset owns two whole tensors; batches are cut from them by index.</summary>
public sealed class LabelledTensorsTests
{
    private static readonly AppliedNormalisation Untouched = new(1.0, [0.0], [1.0]);

    private static LabelledTensors Counting(int count) =>
        LabelledTensors.FromBuffers("counting", Enumerable.Range(0, count * 2).Select(value => (float)value).ToArray(), [2], Enumerable.Range(0, count).Select(index => (long)(index % 2)).ToArray(), ["even", "odd"], Untouched);

    [Fact]
    public void A_batch_holds_the_asked_rows_in_the_asked_order()
    {
        using var data = Counting(5);
        using var scope = NewDisposeScope();
        var (features, labels) = data.Batch([4, 0, 3]);
        Assert.Equal([8f, 9f, 0f, 1f, 6f, 7f], features.data<float>().ToArray());
        Assert.Equal([0L, 0L, 1L], labels.data<long>().ToArray());
    }

    [Fact]
    public void A_dataset_made_inside_a_dispose_scope_outlives_it()
    {
        LabelledTensors data;
        using (NewDisposeScope())
            data = Counting(3);
        using (data)
            Assert.Equal(6, data.Features.data<float>().ToArray().Length);
    }

    [Fact]
    public void A_moved_dataset_owns_its_own_copy()
    {
        using var data = Counting(3);
        var moved = data.To(CPU);
        moved.Dispose();
        Assert.Equal(3, data.Count);
        Assert.Equal(5f, data.Features.data<float>()[5]);
    }

    [Fact]
    public void Labels_outside_the_classes_are_refused()
    {
        var problem = Assert.Throws<DataException>(() =>
            LabelledTensors.FromBuffers("bad", [1f, 2f], [1], [0, 2], ["a", "b"], Untouched));
        Assert.Contains("0..1", problem.Message);
    }

    [Fact]
    public void Values_that_do_not_fill_the_samples_are_refused() =>
        Assert.Throws<DataException>(() => LabelledTensors.FromBuffers("bad", [1f, 2f, 3f], [2], [0, 1], ["a", "b"], Untouched));
}
