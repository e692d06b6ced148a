using Sweep.Golden.Tests.Data;
using Sweep.Training.Models;
using Sweep.Training.Transfer;
using TorchSharp;
using TorchSharp.PyBridge;
using Xunit;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Transfer;

/// <summary>
/// A person's torchvision resnet18/34 state_dict (.pth through PyTorch's pickle format, or
/// .safetensors), written here from Sweep's own ResNet with TorchSharp.PyBridge, loads into a body
/// that computes what the saved network's body computes; a file that does not fit says why in one line.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TorchvisionWeightsTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Theory]
    [InlineData("weights.pth")]
    [InlineData("weights.safetensors")]
    public void Transfer_saved_resnet18_weights_load_into_a_body_that_computes_the_same(string file)
    {
        using var scope = NewDisposeScope();
        using var saved = SeededConstruction.Build(5, () => new ResNet(ResNet.ResNet18Blocks, 3, 1000, ResNetStem.ImageNet));
        Perturb(saved);
        var path = Save(saved, file);

        using var backbone = TorchvisionWeights.Load(path, "resnet18");
        using var body = backbone.Build();
        saved.eval();
        var images = rand(2, 3, 64, 64);
        using var noGradients = no_grad();

        Assert.Equal(saved.Body.forward(images).data<float>().ToArray(), body.forward(images).data<float>().ToArray());
        Assert.Equal($"resnet18 from {file}", backbone.Name);
        Assert.Equal(TorchvisionWeights.ImageNetNormalisation, backbone.Normalisation);
        Assert.Equal(64, backbone.Identity.Length);
    }

    [Fact]
    public void Transfer_resnet34_weights_loaded_as_resnet18_name_the_unexpected_keys_and_the_fitting_model()
    {
        using var saved = SeededConstruction.Build(5, () => new ResNet(ResNet.ResNet34Blocks, 3, 1000, ResNetStem.ImageNet));
        var path = Save(saved, "resnet34.safetensors");

        var problem = Assert.Throws<WeightsException>(() => TorchvisionWeights.Load(path, "resnet18"));

        Assert.StartsWith($"{path} does not fit torchvision's resnet18 (they fit resnet34: load them as that): unexpected keys [layer1.2.bn1.bias", problem.Message);
        Assert.DoesNotContain('\n', problem.Message);
    }

    [Fact]
    public void Transfer_a_shape_mismatch_names_the_key_and_both_shapes()
    {
        using var saved = SeededConstruction.Build(5, () => new ResNet(ResNet.ResNet18Blocks, 1, 10, ResNetStem.ImageNet));
        var path = Save(saved, "grey.pth");

        var problem = Assert.Throws<WeightsException>(() => TorchvisionWeights.Load(path, "resnet18"));

        Assert.Contains("shape mismatches: conv1.weight is [64, 1, 7, 7] in the file but [64, 3, 7, 7] in the model", problem.Message);
    }

    [Fact]
    public void Transfer_missing_keys_are_named()
    {
        using var saved = SeededConstruction.Build(5, () => new ResNet(ResNet.ResNet18Blocks, 3, 10, ResNetStem.ImageNet));
        var entries = saved.state_dict().Where(entry => entry.Key != "layer4.1.conv2.weight").ToDictionary(entry => entry.Key, entry => entry.Value);
        var path = folder.File("partial.pth");
        PyTorchPickler.PickleStateDict(path, entries);

        var problem = Assert.Throws<WeightsException>(() => TorchvisionWeights.Load(path, "resnet18"));

        Assert.Contains("missing keys [layer4.1.conv2.weight]", problem.Message);
        Assert.DoesNotContain("unexpected", problem.Message);
    }

    [Fact]
    public void Transfer_a_file_that_is_not_a_state_dict_or_not_there_is_one_line()
    {
        var text = folder.File("notes.pth");
        File.WriteAllText(text, "not a pickle");

        var unreadable = Assert.Throws<WeightsException>(() => TorchvisionWeights.Load(text, "resnet18"));
        var absent = Assert.Throws<WeightsException>(() => TorchvisionWeights.Load(folder.File("absent.pt"), "resnet18"));
        var architecture = Assert.Throws<WeightsException>(() => TorchvisionWeights.Load(text, "resnet50"));

        Assert.Contains("is not a PyTorch state dict", unreadable.Message);
        Assert.Contains("does not exist", absent.Message);
        Assert.Contains("resnet18 or resnet34, not 'resnet50'", architecture.Message);
        Assert.All(new[] { unreadable, absent, architecture }, problem => Assert.DoesNotContain('\n', problem.Message));
    }

    public void Dispose() => folder.Dispose();

    private string Save(ResNet network, string file)
    {
        var path = folder.File(file);
        if (file.EndsWith(".safetensors", StringComparison.Ordinal)) network.save_safetensors(path);
        else network.save_py(path);
        return path;
    }

    // Running statistics other than 0 and 1, so that loading them is tested too.
    private static void Perturb(ResNet network)
    {
        using var noGradients = no_grad();
        foreach (var (key, value) in network.state_dict())
        {
            if (key.EndsWith("running_mean", StringComparison.Ordinal)) value.uniform_(-0.1, 0.1);
            if (key.EndsWith("running_var", StringComparison.Ordinal)) value.uniform_(0.5, 1.5);
        }
    }
}
