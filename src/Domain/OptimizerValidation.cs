using LanguageExt;
using static LanguageExt.Prelude;

namespace Sweep.Domain;

/// <summary>
/// The checks of the optimiser: a known --optimizer; --momentum in [0, 1) and --nesterov for sgd only
/// (adam and adamw have their own betas), --nesterov only with a positive momentum; --weight-decay
/// zero or positive and finite.
/// </summary>
public static class OptimizerValidation
{
    /// <summary>The optimiser when none is named.</summary>
    public const string DefaultOptimizer = "sgd";

    /// <summary>SGD's momentum when none is given.</summary>
    public const double DefaultMomentum = 0.9;

    /// <summary>The optimiser, or every problem of its options.</summary>
    internal static Validation<Problem, OptimizerSpec> Optimizer(ExperimentRequest request)
    {
        var name = (request.Optimizer ?? DefaultOptimizer).Trim().ToLowerInvariant();
        var known = OptimizerSpec.Names.Contains(name)
            ? Success<Problem, string>(name)
            : Fail<Problem, string>(OptionProblem.Unknown("--optimizer", "optimizer", request.Optimizer ?? "", OptimizerSpec.Names));
        var sgd = name == "sgd" || !OptimizerSpec.Names.Contains(name);
        return (known, Momentum(request, name, sgd), Nesterov(request, name, sgd), WeightDecay(request)).Apply((optimizer, momentum, nesterov, decay) => optimizer switch
        {
            "adam" => (OptimizerSpec)new OptimizerSpec.AdamCase(decay),
            "adamw" => new OptimizerSpec.AdamWCase(decay),
            _ => new OptimizerSpec.SgdCase(momentum, nesterov, decay),
        });
    }

    private static Validation<Problem, double> Momentum(ExperimentRequest request, string name, bool sgd)
    {
        var momentum = request.Momentum ?? DefaultMomentum;
        var range = momentum >= 0 && momentum < 1
            ? Success<Problem, double>(momentum)
            : Fail<Problem, double>(new Problem("--momentum", "must be in [0, 1)", Problem.Show(momentum)));
        var applies = request.Momentum is null || sgd
            ? Success<Problem, Unit>(unit)
            : Fail<Problem, Unit>(OptionProblem.Inapplicable("--momentum", "sgd only", name, $"drop --momentum ({name}'s betas are fixed at 0.9, 0.999)"));
        return (range, applies).Apply((valid, _) => valid);
    }

    // A switch set to false (--nesterov=false) asks for nothing, so it applies to every optimiser.
    private static Validation<Problem, bool> Nesterov(ExperimentRequest request, string name, bool sgd) =>
        request.Nesterov is not true ? Success<Problem, bool>(false)
        : !sgd ? Fail<Problem, bool>(OptionProblem.Inapplicable("--nesterov", "sgd only", name))
        : (request.Momentum ?? DefaultMomentum) == 0 ? Fail<Problem, bool>(new Problem("--nesterov", "needs a positive --momentum", Fix: "e.g. --momentum 0.9, or drop --nesterov"))
        : Success<Problem, bool>(true);

    private static Validation<Problem, double> WeightDecay(ExperimentRequest request)
    {
        var decay = request.WeightDecay ?? 0;
        return decay >= 0 && double.IsFinite(decay)
            ? Success<Problem, double>(decay)
            : Fail<Problem, double>(new Problem("--weight-decay", "must be a finite number, zero or positive", Problem.Show(decay), "e.g. --weight-decay 1e-4, or 0 for none"));
    }
}
