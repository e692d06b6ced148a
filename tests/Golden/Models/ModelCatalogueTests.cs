using Sweep.Training.Models;
using Xunit;
using static Sweep.Golden.Tests.Models.ModelAssertions;
using static TorchSharp.torch;

namespace Sweep.Golden.Tests.Models;

/// <summary>
/// The catalogue: every name builds a model of the right shape, seeds decide the initial weights bit
/// for bit, building leaves torch's default generator alone, and a pretrained body is not the catalogue's.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ModelCatalogueTests
{
    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    [InlineData("resnet18")]
    [InlineData("resnet34")]
    public void Every_case_builds_a_model_giving_one_logit_per_class(string name)
    {
        using var scope = NewDisposeScope();
        using var model = ModelCatalogue.Create(Specs.Model(name), new ImageShape(1, 16, 16), 7, seed: 0);

        Assert.Equal([2L, 7L], model.forward(rand(2, 1, 16, 16)).shape);
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    [InlineData("resnet18")]
    public void The_same_seed_gives_bit_identical_parameters(string name)
    {
        using var scope = NewDisposeScope();
        using var first = ModelCatalogue.Create(Specs.Model(name), ImageShape.Greyscale28, 10, seed: 42);
        using var second = ModelCatalogue.Create(Specs.Model(name), ImageShape.Greyscale28, 10, seed: 42);

        Assert.Equal(StateDigests(first), StateDigests(second));
    }

    [Theory]
    [InlineData("mlp")]
    [InlineData("cnn")]
    [InlineData("resnet18")]
    public void Different_seeds_give_different_parameters(string name)
    {
        using var scope = NewDisposeScope();
        using var first = ModelCatalogue.Create(Specs.Model(name), ImageShape.Greyscale28, 10, seed: 1);
        using var second = ModelCatalogue.Create(Specs.Model(name), ImageShape.Greyscale28, 10, seed: 2);

        Assert.NotEqual(StateDigests(first), StateDigests(second));
        // Every randomly drawn tensor changes; BatchNorm's weights (all 1) and biases (all 0) are no draw.
        var drawn = first.named_parameters().Zip(second.named_parameters(), (one, other) => (one.name, First: Floats(one.parameter), Second: Floats(other.parameter)))
            .Where(pair => pair.First.Distinct().Count() > 1)
            .ToList();
        Assert.NotEmpty(drawn);
        Assert.All(drawn, pair => Assert.False(pair.First.SequenceEqual(pair.Second), $"{pair.name} did not change with the seed"));
    }

    [Fact]
    public void Building_a_model_leaves_the_default_generator_where_it_was()
    {
        using var scope = NewDisposeScope();
        manual_seed(1234);
        var before = GeneratorState();
        var expectedNext = Floats(rand(8));
        manual_seed(1234);

        foreach (var name in ModelCatalogue.Names)
        {
            using var model = ModelCatalogue.Create(Specs.Model(name), new ImageShape(3, 32, 32), 10, seed: 7);
        }

        Assert.Equal(before, GeneratorState());
        Assert.Equal(expectedNext, Floats(rand(8)));
    }

    [Fact]
    public void A_pretrained_body_or_another_depth_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ModelCatalogue.Create(Specs.Pretrained(), ImageShape.Greyscale28, 10, seed: 0));
        Assert.Throws<ArgumentException>(() => ModelCatalogue.Create(Specs.ResNet(50), ImageShape.Greyscale28, 10, seed: 0));
    }

    [Fact]
    public void Small_images_get_the_small_stem_and_large_ones_the_ImageNet_stem()
    {
        using var small = (ResNet)ModelCatalogue.Create(Specs.ResNet(18), ImageShape.Greyscale28, 10, seed: 0);
        using var large = (ResNet)ModelCatalogue.Create(Specs.ResNet(18), new ImageShape(3, 224, 224), 10, seed: 0);
        using var asked = (ResNet)ModelCatalogue.Create(Specs.ResNet(34), ImageShape.Greyscale28, 10, seed: 0, stem: ResNetStem.ImageNet);

        Assert.Equal(ResNetStem.Small, small.Body.Stem);
        Assert.Equal(ResNetStem.ImageNet, large.Body.Stem);
        Assert.Equal(ResNetStem.ImageNet, asked.Body.Stem);
        Assert.Equal([3, 4, 6, 3], asked.Body.BlocksPerStage);
    }

    [Fact]
    public void The_mlp_takes_its_case_s_hidden_widths()
    {
        using var fallback = (Mlp)ModelCatalogue.Create(Specs.Mlp([.. ModelCatalogue.DefaultHiddenWidths]), ImageShape.Greyscale28, 10, seed: 0);
        using var given = (Mlp)ModelCatalogue.Create(Specs.Mlp(64, 32), ImageShape.Greyscale28, 10, seed: 0);

        Assert.Equal([128], fallback.HiddenWidths);
        Assert.Equal([784L, 128L, 10L], fallback.Linears.Select(linear => linear.weight!.shape[1]).Append(10L));
        Assert.Equal([64, 32], given.HiddenWidths);
    }

    [Fact]
    public void A_stem_for_another_model_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ModelCatalogue.Create(Specs.Cnn, ImageShape.Greyscale28, 10, seed: 0, stem: ResNetStem.Small));
        Assert.Throws<ArgumentException>(() => ModelCatalogue.Create(Specs.Mlp(128), ImageShape.Greyscale28, 10, seed: 0, stem: ResNetStem.Small));
    }
}
