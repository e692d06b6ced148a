using FsCheck;
using FsCheck.Fluent;
using Sweep.Domain;
using Xunit;

namespace Sweep.Properties.Tests;

/// <summary>
/// The experiment's one check: a valid request gives a spec, every problem of a request is reported
/// (one per bad field), each option that does not apply is refused with exactly its own problem,
/// defaults are those documented on <see cref="ExperimentRequest"/>, and the answer depends only on
/// the request and the facts.
/// </summary>
public class SpecificationProperties
{
    private static readonly WeightsFile Weights = new("/models/resnet18.pt", new string('a', 64));

    private static ExperimentFacts Facts(ExperimentRequest request) =>
        new(Processors: 8, DataFolder: request.Data == "pets" ? "/data/pets" : null, Weights: request.Weights is null ? null : Weights);

    private static IReadOnlyList<Problem> Problems(ExperimentRequest request) =>
        Specification.Validate(request, Facts(request)).Match(_ => [], problems => problems.ToArray());

    /// <summary>A request every option of which applies: the model decides --hidden, --weights and --unfreeze; the optimiser --momentum and --nesterov.</summary>
    private static Gen<ExperimentRequest> ValidRequests { get; } =
        from model in Gen.Elements(ModelSpec.Names.ToArray())
        from withWeights in Gen.Elements(false, true)
        from optimizer in Gen.Elements(OptimizerSpec.Names.ToArray())
        from width in Gen.Choose(1, Specification.MaximumWidth)
        from momentum in Gen.Choose(1, 99).Select(percent => percent / 100.0)
        from nesterov in Gen.Elements(false, true)
        from steps in Gen.Choose(2, 500)
        from decades in Gen.Choose(1, 12)
        from threads in Gen.Choose(1, 8)
        from accumulate in Gen.Choose(1, 16)
        from folder in Gen.Elements(false, true)
        from side in Gen.Choose(1, Specification.MaximumImageSide)
        let pretrained = model == ModelSpec.BundledName || (model is "resnet18" or "resnet34" && withWeights)
        select new ExperimentRequest
        {
            Data = folder ? "pets" : pretrained ? "digits" : "blobs",
            ImageSize = folder || pretrained ? side : null,
            Channels = folder && !pretrained ? "rgb" : null,
            Model = model,
            Hidden = model == "mlp" ? [width] : null,
            Weights = pretrained && model != ModelSpec.BundledName ? Weights.Path : null,
            Unfreeze = pretrained ? nesterov : null,
            Optimizer = optimizer,
            Momentum = optimizer == "sgd" ? momentum : null,
            Nesterov = optimizer == "sgd" ? nesterov : null,
            Start = 1e-7, End = Math.Pow(10, decades - 7), Steps = steps, Threads = threads, Accumulate = accumulate,
        };

    /// <summary>One option that does not apply to the rest of a default request, with the option its one problem must name.</summary>
    private static Gen<(ExperimentRequest Request, string Option)> Inapplicable { get; } =
        from width in Gen.Choose(1, 512)
        from momentum in Gen.Choose(1, 99).Select(percent => percent / 100.0)
        from side in Gen.Choose(1, Specification.MaximumImageSide)
        from adam in Gen.Elements("adam", "adamw")
        from nonMlp in Gen.Elements("cnn", "resnet18", "resnet34")
        from notForWeights in Gen.Elements("mlp", "cnn", ModelSpec.BundledName)
        from which in Gen.Choose(0, 8)
        select which switch
        {
            0 => (new ExperimentRequest { Model = nonMlp, Hidden = [width], Data = "pets" }, "--hidden"),
            1 => (new ExperimentRequest { Optimizer = adam, Momentum = momentum }, "--momentum"),
            2 => (new ExperimentRequest { Optimizer = adam, Nesterov = true }, "--nesterov"),
            3 => (new ExperimentRequest { Momentum = 0, Nesterov = true }, "--nesterov"),
            4 => (new ExperimentRequest { Data = "blobs", Channels = "rgb" }, "--channels"),
            5 => (new ExperimentRequest { Data = "pets", Model = ModelSpec.BundledName, Channels = "grey" }, "--channels"),
            6 => (new ExperimentRequest { Data = "digits", ImageSize = side }, "--image-size"),
            7 => (new ExperimentRequest { Unfreeze = true }, "--unfreeze"),
            _ => (new ExperimentRequest { Model = notForWeights, Weights = Weights.Path, Data = "digits" }, "--weights"),
        };

    /// <summary>Ways to break one field, each alone giving one problem that names its option.</summary>
    private static readonly (string Option, Func<ExperimentRequest, ExperimentRequest> Break)[] BadFields =
    [
        ("--data", request => request with { Data = "no-such-set" }),
        ("--model", request => request with { Model = "vgg" }),
        ("--optimizer", request => request with { Optimizer = "rmsprop" }),
        ("--momentum", request => request with { Momentum = 1.5 }),
        ("--weight-decay", request => request with { WeightDecay = -1 }),
        ("--beta", request => request with { Beta = 1.5 }),
        ("--divergence", request => request with { Divergence = 0.5 }),
        ("--steps", request => request with { Steps = 1 }),
        ("--threads", request => request with { Threads = 0 }),
        ("--accumulate", request => request with { Accumulate = 0 }),
        ("--preset", request => request with { Preset = "keras" }),
        ("--schedule", request => request with { Schedule = "cosine" }),
        ("--hidden", request => request with { Hidden = [0] }),
    ];

    [Claim]
    public Property AValidRequest_GivesASpec_WithWhatItAsked() =>
        Prop.ForAll(ValidRequests.ToArbitrary(), request => Specification.Validate(request, Facts(request)).Match(
            spec => spec.Threads == request.Threads && spec.Accumulation == request.Accumulate && spec.Finder.Steps == request.Steps
                && spec.Optimizer.Name == request.Optimizer && spec.Model.IsPretrained == (request.Unfreeze is not null)
                && (spec.Model is not ModelSpec.MlpCase mlp || mlp.HiddenWidths.SequenceEqual(request.Hidden!))
                && (spec.Input is null) == (request.ImageSize is null),
            problems => throw new InvalidOperationException(string.Join(" | ", problems.Select(problem => problem.Message)))));

    [Claim]
    public Property AnInapplicableOption_GivesExactlyItsOneProblem_NamingIt() =>
        Prop.ForAll(Inapplicable.ToArbitrary(), x => Problems(x.Request) is [var problem] && problem.Subject == x.Option && (problem.Message.Contains("applies to") || problem.Message.Contains("needs a positive --momentum")));

    [Claim]
    public Property EveryBadField_IsReported_TwoBadFieldsGiveTwoProblems() =>
        Prop.ForAll((from first in Gen.Choose(0, BadFields.Length - 1)
                     from offset in Gen.Choose(1, BadFields.Length - 1)
                     select (first, second: (first + offset) % BadFields.Length)).ToArbitrary(), x =>
        {
            var (one, other) = (BadFields[x.first], BadFields[x.second]);
            var problems = Problems(other.Break(one.Break(new ExperimentRequest())));
            return Problems(one.Break(new ExperimentRequest())).Count == 1 && problems.Count == 2
                && problems.Any(problem => problem.Subject.StartsWith(one.Option, StringComparison.Ordinal))
                && problems.Any(problem => problem.Subject.StartsWith(other.Option, StringComparison.Ordinal));
        });

    [Claim]
    public Property Validate_IsDeterministic() =>
        Prop.ForAll(Gen.OneOf(ValidRequests, Inapplicable.Select(x => x.Request)).ToArbitrary(),
            request => Specification.Validate(request, Facts(request)) == Specification.Validate(request with { }, Facts(request)));

    [Fact]
    public void AnEmptyRequest_GivesTheDocumentedDefaults()
    {
        var spec = Specification.Validate(new ExperimentRequest(), new ExperimentFacts(1)).Match(valid => valid, problems => throw new InvalidOperationException(problems.Head.Message));
        Assert.Equal("fashion-mnist", Assert.IsType<DataSpec.BuiltInCase>(spec.Data).Name);
        Assert.Null(spec.Input);
        Assert.Equal([128], Assert.IsType<ModelSpec.MlpCase>(spec.Model).HiddenWidths);
        var sgd = Assert.IsType<OptimizerSpec.SgdCase>(spec.Optimizer);
        Assert.Equal((0.9, false, 0.0), (sgd.Momentum, sgd.Nesterov, sgd.WeightDecay));
        Assert.Equal(new FinderOptions(Preset.Fastai, ScheduleKind.Exponential, 1e-7, 10, 100), spec.Finder);
        Assert.Equal((1, 1), (spec.Accumulation, spec.Threads));
    }

    [Fact]
    public void APretrainedBody_ReadsRgb_At224ForAFolder_And64ForABuiltInSet()
    {
        ImageInput? Input(string data) => Specification.Validate(new ExperimentRequest { Data = data, Model = ModelSpec.BundledName },
            new ExperimentFacts(1, data == "pets" ? "/data/pets" : null)).Match(spec => spec.Input, problems => throw new InvalidOperationException(problems.Head.Message));
        Assert.Equal(new ImageInput(224, Channels.Rgb), Input("pets"));
        Assert.Equal(new ImageInput(64, Channels.Rgb), Input("fashion-mnist"));
    }

    [Fact]
    public void GivenWeightsTheShellDidNotFind_AreNoSuchFile()
    {
        var problems = Specification.Validate(new ExperimentRequest { Model = "resnet18", Weights = "/no/such.pt", Data = "digits" }, new ExperimentFacts(1))
            .Match(_ => [], found => found.ToArray());
        Assert.Equal("--weights: no such weights file '/no/such.pt'; give a torchvision state dict (.pt, .pth or .safetensors).", Assert.Single(problems).Message);
    }
}
