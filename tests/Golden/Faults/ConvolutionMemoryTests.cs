using Sweep.Cli;
using Sweep.Domain;
using Xunit;
using static Sweep.Golden.Tests.Cli.CliHarness;

namespace Sweep.Golden.Tests.Faults;

/// <summary>
/// The memory estimate of the CNN and the ResNets (<see cref="ConvolutionMemory"/>), worked out by
/// hand from the formulas in its doc comment and checked against torchvision's published parameter
/// counts, and the refusal it makes before a model is built.
/// </summary>
[Collection(TorchCollection.Name)]
public class ConvolutionMemoryTests
{
    [Fact]
    public void ResNet18_and_34_on_imagenet_have_torchvisions_parameter_counts()
    {
        // torchvision.models.resnet18() / resnet34(): 11,689,512 and 21,797,672 parameters.
        Assert.Equal(11_689_512, ConvolutionMemory.ResNet([2, 2, 2, 2], smallStem: false, 3, 224, 224, 1000, 1, 0).Parameters);
        Assert.Equal(21_797_672, ConvolutionMemory.ResNet([3, 4, 6, 3], smallStem: false, 3, 224, 224, 1000, 1, 0).Parameters);
    }

    [Fact]
    public void ResNet18_with_the_small_stem_on_32_by_32_rgb_holds_by_hand()
    {
        // Small stem 3·64·9 + 128 = 1,856; stages 147,968 + 525,568 + 2,099,712 + 8,393,728; head 10·513 = 5,130: 11,173,962.
        // Activations per sample: input 3,072; stem 3·64·32² = 196,608; stage 1: 2·7·64·32² = 917,504;
        // stage 2: 9·128·16² + 7·128·16² = 524,288; stage 3: 9·256·8² + 7·256·8² = 262,144; stage 4: 9·512·4² + 7·512·4² = 131,072;
        // pooled 512 and 10 outputs: 2,035,210 values, 4·2·2,035,210 = 16,281,680 bytes at batch size 1.
        var estimate = ConvolutionMemory.ResNet([2, 2, 2, 2], smallStem: true, 3, 32, 32, 10, batch: 1, optimizerSlots: 1);
        Assert.Equal(11_173_962, estimate.Parameters);
        Assert.Equal(4L * 11_173_962 * 3, estimate.WeightBytes);
        Assert.Equal(16_281_680, estimate.ActivationBytes);
    }

    [Fact]
    public void The_cnn_on_fashion_mnist_holds_by_hand()
    {
        // P = 16·(9 + 1) + 32·(9·16 + 1) + 10·(32·49 + 1) = 160 + 4,640 + 15,690 = 20,490.
        // A = 784 + 2·16·784 + 16·14² + 2·32·14² + 32·7² + 32·49 + 10 = 44,698; at batch 64: 4·2·64·44,698 bytes.
        var estimate = ConvolutionMemory.Cnn(1, 28, 28, 10, batch: 64, optimizerSlots: 2);
        Assert.Equal(20_490, estimate.Parameters);
        Assert.Equal(4L * 20_490 * 4, estimate.WeightBytes);
        Assert.Equal(22_885_376, estimate.ActivationBytes);
    }

    [Fact]
    public void The_model_spec_picks_its_estimate_and_a_pretrained_body_has_none()
    {
        var resnet = ExperimentInput.Specify(new ExperimentRequest { Model = "resnet34" }).Model;
        var cnn = ExperimentInput.Specify(new ExperimentRequest { Model = "cnn" }).Model;
        var pretrained = ExperimentInput.Specify(new ExperimentRequest { Model = ModelSpec.BundledName }).Model;
        Assert.Equal(21_797_672, ModelMemory.Of(resnet, 3, 224, 224, 1000, 1, 0, smallStem: false)!.Parameters);
        Assert.Equal(20_490, ModelMemory.Of(cnn, 1, 28, 28, 10, 1, 0, smallStem: false)!.Parameters);
        Assert.Null(ModelMemory.Of(pretrained, 3, 224, 224, 1000, 1, 0, smallStem: false));
    }

    [Fact]
    public void A_resnet34_on_1024_pixel_images_at_batch_16_is_refused_with_its_estimate_before_training()
    {
        using var scratch = new Cli.Scratch();
        foreach (var label in new[] { "cats", "dogs" })
            for (var i = 0; i < 8; i++) Pictures.WriteSmall(scratch.Path("pets", label, $"{i}.png"), (byte)(30 + 25 * i));
        // 34 GB by the formula (activations of 16 samples of 1 × 1024 × 1024 through the ImageNet stem and four stages).
        var estimate = ConvolutionMemory.ResNet([3, 4, 6, 3], smallStem: false, 1, 1024, 1024, 2, batch: 16, optimizerSlots: 1);
        Assert.InRange(estimate.Bytes, 30e9, 40e9);
        if (MemoryBudget.Available() is not { } available || available >= estimate.Bytes) return;

        var outcome = Run("find", "--data", scratch.Path("pets"), "--image-size", "1024", "--model", "resnet34", "--batch-size", "16",
            "--steps", "5", "--out", scratch.Path("out"), "--quiet");

        FaultAssert.Refused(outcome, 2, $"--model resnet34 on 1x1024x1024 inputs needs about {ModelMemory.Show(estimate.Bytes)} to train");
        Assert.Contains("activations at batch size 16", outcome.Error);
        Assert.Contains("use smaller batch sizes or a smaller --image-size", outcome.Error);
        FaultAssert.Unchanged(scratch.Path("out"), null);
    }
}
