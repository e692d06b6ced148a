namespace Sweep.Domain;

/// <summary>
/// The optimiser, as closed cases, each holding only the settings that apply to it (momentum and
/// Nesterov are SGD's). Built only by <see cref="Specification.Validate"/>.
/// </summary>
public abstract record OptimizerSpec
{
    private OptimizerSpec() { }

    /// <summary>The optimiser names the command line accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["sgd", "adam", "adamw"];

    /// <summary>L2 weight decay (AdamW: decoupled), ≥ 0 and finite.</summary>
    public abstract double WeightDecay { get; }

    /// <summary>Stochastic gradient descent with momentum m ∈ [0, 1), Nesterov only when m &gt; 0.</summary>
    public sealed record SgdCase : OptimizerSpec
    {
        internal SgdCase(double momentum, bool nesterov, double weightDecay) => (Momentum, Nesterov, WeightDecay) = (momentum, nesterov, weightDecay);

        /// <summary>m ∈ [0, 1).</summary>
        public double Momentum { get; }

        /// <summary>Nesterov's momentum (needs m &gt; 0).</summary>
        public bool Nesterov { get; }

        /// <inheritdoc />
        public override double WeightDecay { get; }
    }

    /// <summary>Adam (β = 0.9, 0.999).</summary>
    public sealed record AdamCase : OptimizerSpec
    {
        internal AdamCase(double weightDecay) => WeightDecay = weightDecay;

        /// <inheritdoc />
        public override double WeightDecay { get; }
    }

    /// <summary>AdamW, weight decay decoupled from the gradient.</summary>
    public sealed record AdamWCase : OptimizerSpec
    {
        internal AdamWCase(double weightDecay) => WeightDecay = weightDecay;

        /// <inheritdoc />
        public override double WeightDecay { get; }
    }

    /// <summary>The command-line name of the case: sgd, adam or adamw.</summary>
    public string Name => this switch
    {
        SgdCase => "sgd",
        AdamCase => "adam",
        AdamWCase => "adamw",
        _ => throw new InvalidOperationException("unreachable: OptimizerSpec is closed"),
    };
}
