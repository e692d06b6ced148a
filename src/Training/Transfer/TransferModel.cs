using Sweep.Training.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Sweep.Training.Transfer;

/// <summary>
/// A pretrained body and a new head: logits = Head(Body(images)). fastai's transfer setting:
/// <list type="bullet">
/// <item>Frozen (the default for pretrained weights): the body's parameters do not require
/// gradients, the body stays in eval mode even while the model trains (its BatchNorm layers use
/// their ImageNet running statistics and never update them), and its forward runs without autograd,
/// so only the head learns and no activations are kept for a backward pass through the body.</item>
/// <item>Unfrozen: everything trains, BatchNorm included, as a network trained from these weights.</item>
/// </list>
/// <see cref="TrainableParameters"/> is what an optimiser should get. The model owns the body and
/// the head it was given and frees them with itself.
/// </summary>
public sealed class TransferModel : nn.Module<Tensor, Tensor>
{
    private TransferModel(ResNetBody body, TransferHead head, bool frozen) : base(nameof(TransferModel))
    {
        Body = body;
        Head = head;
        Frozen = frozen;
        register_module("body", body);
        register_module("head", head);
        foreach (var parameter in body.parameters()) parameter.requires_grad = !frozen;
        train();
    }

    /// <summary>The pretrained part: images to pooled features.</summary>
    public ResNetBody Body { get; }

    /// <summary>The new part: pooled features to logits.</summary>
    public TransferHead Head { get; }

    /// <summary>Whether the body is frozen.</summary>
    public bool Frozen { get; }

    /// <summary>
    /// A model of <paramref name="body"/> and a new head for <paramref name="classes"/> classes drawn
    /// from <paramref name="seed"/>; frozen unless <paramref name="frozen"/> is false.
    /// </summary>
    public static TransferModel Create(ResNetBody body, int classes, long seed, bool frozen = true, double dropout = TransferHead.DefaultDropout)
    {
        if (body.Stem != ResNetStem.ImageNet)
            throw new ArgumentException("pretrained bodies have the ImageNet stem; this one has the small stem.", nameof(body));
        return new TransferModel(body, TransferHead.Create(body.Features, classes, seed, dropout), frozen);
    }

    /// <summary>The parameters that learn: the head's when frozen, all when not.</summary>
    public IEnumerable<Parameter> TrainableParameters() => Frozen ? Head.parameters() : parameters();

    /// <inheritdoc />
    public override Tensor forward(Tensor images)
    {
        if (!Frozen) return Head.forward(Body.forward(images));
        Tensor features;
        using (no_grad()) features = Body.forward(images);
        return Head.forward(features);
    }

    /// <summary>Sets the mode of the head (and of the body when unfrozen); a frozen body stays in eval mode.</summary>
    public override void train(bool train = true)
    {
        base.train(train);
        if (Frozen) Body.eval();
    }
}
