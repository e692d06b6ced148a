namespace Sweep.Domain;

/// <summary>
/// The shapes of a command-line option's problem, so that every check of <see cref="Specification"/>
/// words it the same way and names the option as it is typed: an unknown name, a number out of its
/// range, an option that does not apply to the rest of the request.
/// </summary>
public static class OptionProblem
{
    /// <summary>"--model: unknown model 'vgg'; known models: mlp, cnn."</summary>
    public static Problem Unknown(string option, string kind, string given, IEnumerable<string> known) =>
        new($"{option}: unknown {kind}", $"'{given}'", Fix: $"known {kind}s: {string.Join(", ", known)}");

    /// <summary>"--hidden applies to --model mlp, not cnn; drop --hidden."</summary>
    public static Problem Inapplicable(string option, string appliesTo, string actual, string? fix = null) =>
        new(option, $"applies to {appliesTo}, not {actual}", Fix: fix ?? $"drop {option}");

    /// <summary>"--threads must be at least 1, got 0."</summary>
    public static Problem TooSmall(string option, long minimum, long value) =>
        new(option, $"must be at least {Problem.Show(minimum)}", Problem.Show(value));

    /// <summary>A whole number in [<paramref name="minimum"/>, <paramref name="maximum"/>], or its problem; null (not given) is <paramref name="fallback"/>.</summary>
    internal static LanguageExt.Validation<Problem, int> Count(string option, long? value, int fallback, long minimum, long maximum, string? ceiling = null) =>
        value switch
        {
            null => fallback,
            { } given when given < minimum => TooSmall(option, minimum, given),
            { } given when given > maximum => new Problem(option, $"must be at most {ceiling ?? Problem.Show(maximum)}", Problem.Show(given)),
            { } given => (int)given,
        };
}
