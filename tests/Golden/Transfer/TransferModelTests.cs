using Sweep.Training.Transfer;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Transfer;

/// <summary>fastai's transfer setting: a frozen body (no gradients, eval mode) under a new head.</summary>
[Collection(TorchCollection.Name)]
public sealed class TransferModelTests
{
    [Fact]
    public void Transfer_a_frozen_body_stays_in_eval_mode_and_only_the_head_learns()
    {
        torch.set_num_threads(1);
        using var scope = NewDisposeScope();
        using var model = TransferModel.Create(BundledResNet.Backbone.Build(), classes: 2, seed: 3);
        var bodyBefore = model.Body.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.clone());
        var headBefore = model.Head.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.clone());
        using var optimizer = optim.SGD(model.TrainableParameters(), 0.5);

        model.train();
        Assert.True(model.Frozen);
        Assert.True(model.Head.training);
        Assert.False(model.Body.training);
        Assert.All(model.Body.parameters(), parameter => Assert.False(parameter.requires_grad));
        Assert.Equal(model.Head.parameters().Count(), model.TrainableParameters().Count());

        manual_seed(1);
        var loss = nn.functional.cross_entropy(model.forward(rand(4, 3, 32, 32) * 50), tensor(new long[] { 0, 1, 0, 1 }));
        loss.backward();
        optimizer.step();

        foreach (var (key, value) in model.Body.state_dict())
            Assert.True(Same(value, bodyBefore[key]), $"{key} changed in the frozen body (BatchNorm statistics included)");
        Assert.Contains(model.Head.state_dict(), entry => !Same(entry.Value, headBefore[entry.Key]));
        Assert.All(model.Body.parameters(), parameter => Assert.True(parameter.grad is null));
    }

    [Fact]
    public void Transfer_unfrozen_everything_trains_in_train_mode()
    {
        torch.set_num_threads(1);
        using var scope = NewDisposeScope();
        using var model = TransferModel.Create(BundledResNet.Backbone.Build(), classes: 2, seed: 3, frozen: false);

        model.train();

        Assert.True(model.Body.training);
        Assert.All(model.parameters(), parameter => Assert.True(parameter.requires_grad));
        Assert.Equal(model.parameters().Count(), model.TrainableParameters().Count());
    }

    [Fact]
    public void Transfer_the_same_seed_gives_the_same_head_and_building_the_body_leaves_it_pretrained()
    {
        using var scope = NewDisposeScope();
        using var first = TransferHead.Create(512, 2, seed: 9);
        using var second = TransferHead.Create(512, 2, seed: 9);
        using var other = TransferHead.Create(512, 2, seed: 10);
        using var body = BundledResNet.Backbone.Build();

        Assert.All(first.state_dict(), entry => Assert.True(Same(entry.Value, second.state_dict()[entry.Key])));
        Assert.False(Same(first.state_dict()["linear.weight"], other.state_dict()["linear.weight"]));
        Assert.True(Same(body.state_dict()["conv1.weight"], BundledResNet.Backbone.Weights["conv1.weight"]));
        Assert.False(body.training);
    }

    private static bool Same(Tensor left, Tensor right) => left.shape.SequenceEqual(right.shape) && left.eq(right).all().item<bool>();
}
