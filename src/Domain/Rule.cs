using LanguageExt;

namespace Sweep.Domain;

/// <summary>The suggestion rules: how a learning rate is read off a curve.</summary>
public enum Rule
{
    /// <summary>fastai's default: a third of the way into the longest decreasing run (+ half a third).</summary>
    Valley,

    /// <summary>fastai: slide a 15-point window left until the gradients at its ends agree.</summary>
    Slide,

    /// <summary>fastai: the LR at the minimum loss, divided by 10.</summary>
    Minimum,

    /// <summary>fastai: the steepest descent of loss against ln LR.</summary>
    Steep,

    /// <summary>pytorch-lr-finder: the steepest index gradient, skipping 10 points at the start and 5 at the end.</summary>
    Steepest,

    /// <summary>The LR at the minimum smoothed loss itself (no division): tracks batch size best on real data.</summary>
    MinLoss,
}

/// <summary>The names rules go by on a command line or in a file, and back.</summary>
public static class RuleName
{
    /// <summary>Every rule, in a stable order.</summary>
    public static IReadOnlyList<Rule> All { get; } = Enum.GetValues<Rule>();

    /// <summary>The rule's name: valley, slide, minimum, steep, steepest, min-loss.</summary>
    public static string Of(Rule rule) => rule switch
    {
        Rule.Valley => "valley",
        Rule.Slide => "slide",
        Rule.Minimum => "minimum",
        Rule.Steep => "steep",
        Rule.Steepest => "steepest",
        Rule.MinLoss => "min-loss",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "not a rule"),
    };

    /// <summary>The rule of that name (case-insensitive), or none.</summary>
    internal static Option<Rule> Parse(string name) =>
        All.Find(rule => string.Equals(Of(rule), name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The rule of that name, or null (for callers without language-ext).</summary>
    public static Rule? TryParse(string name)
    {
        // Not Option.Match: language-ext forbids a null result from Match and throws.
        foreach (var rule in Parse(name)) return rule;
        return null;
    }
}
