using System.Text.Json.Nodes;
using Sweep.Cli.Files;
using Sweep.Domain;
using Xunit;

namespace Sweep.Golden.Tests.Cli;

/// <summary>
/// The structured specification read back is the specification written, for every case of data,
/// model and optimiser; the fingerprint ignores where the weights lie but not what they hold.
/// </summary>
public class SpecificationJsonTests
{
    private static readonly WeightsFile Weights = new("/models/resnet18.safetensors", new string('c', 64));

    public static TheoryData<string, ExperimentRequest> Requests() => new()
    {
        { "defaults", new ExperimentRequest() },
        { "mlp of two layers, adam", new ExperimentRequest { Data = "digits", Hidden = [256, 64], Optimizer = "adam", WeightDecay = 1e-4 } },
        { "cnn on a grey folder, linear", new ExperimentRequest { Data = "/data/pets", Model = "cnn", ImageSize = 32, Schedule = "linear", Start = 1e-3, End = 0.5, Steps = 7 } },
        { "rgb demo folder, adamw, never stops", new ExperimentRequest { Data = "sneakers-and-boots", Channels = "rgb", Optimizer = "adamw", Divergence = double.PositiveInfinity } },
        { "resnet18 with weights, unfrozen", new ExperimentRequest { Data = "/data/pets", Model = "resnet18", Weights = Weights.Path, Unfreeze = true, Nesterov = true, Threads = 2 } },
        { "bundled body on a built-in set", new ExperimentRequest { Data = "fashion-mnist", Model = "resnet18-imagenet", ImageSize = 48, Preset = "pytorch-lr-finder", Beta = 0.9, Accumulate = 3 } },
        { "resnet34 from scratch", new ExperimentRequest { Data = "/data/pets", Model = "resnet34", Momentum = 0, Start = 2.5e-9 } },
    };

    private static ExperimentSpec Spec(ExperimentRequest request) =>
        Specification.Validate(request, new ExperimentFacts(4, request.Data?.StartsWith('/') == true ? request.Data : null, request.Weights is null ? null : Weights))
            .Match(spec => spec, problems => throw new InvalidOperationException(problems.Head.Message));

    [Theory]
    [MemberData(nameof(Requests))]
    public void Read_back_the_structured_specification_is_the_one_written(string name, ExperimentRequest request)
    {
        var written = SpecificationJson.Of(Spec(request));

        var again = SpecificationJson.Of(SpecificationJson.Read(JsonNode.Parse(written.ToJsonString())));

        Assert.True(JsonNode.DeepEquals(written, again), $"{name}: {written.ToJsonString()} became {again.ToJsonString()}");
        Assert.Equal(written.ToJsonString(), again.ToJsonString());
    }

    [Fact]
    public void The_fingerprint_counts_the_weights_by_content_not_by_path()
    {
        var request = new ExperimentRequest { Data = "/data/pets", Model = "resnet18", Weights = Weights.Path };
        var json = SpecificationJson.Of(Spec(request));
        var moved = json.DeepClone().AsObject();
        moved["weights"]!["path"] = "/elsewhere/resnet18.safetensors";
        var changed = json.DeepClone().AsObject();
        changed["weights"]!["sha256"] = new string('d', 64);

        Assert.Equal(Fingerprint.Of(json), Fingerprint.Of(moved));
        Assert.NotEqual(Fingerprint.Of(json), Fingerprint.Of(changed));
        Assert.DoesNotContain("/models", SpecificationJson.Canonical(json));
    }

    [Fact]
    public void Numbers_are_written_with_a_lower_case_exponent_and_infinity_in_words()
    {
        var json = SpecificationJson.Of(Spec(new ExperimentRequest { Start = 1e-7, Divergence = double.PositiveInfinity })).ToJsonString();

        Assert.Contains("\"start\":1e-7,", json);
        Assert.Contains("\"divergence\":\"Infinity\"", json);
        Assert.DoesNotContain("E-", json);
    }
}
