using System.Globalization;

namespace Sweep.Domain;

/// <summary>
/// Why a value could not be built, as a value: what it concerns, the rule it breaks, the offending
/// value and what to do instead. Returned by every validating factory of the Domain (never thrown),
/// so that callers decide how to report it; the CLI prints <see cref="Message"/>.
/// <para>Message: "{Subject} {Rule}[, got {Value}][; {Fix}]." — e.g. "seeds must be non-negative, got -1."</para>
/// </summary>
/// <param name="Subject">The option or quantity concerned: "batch size", "smoothing beta", …</param>
/// <param name="Rule">The rule it breaks, as a predicate: "must be at least 1".</param>
/// <param name="Value">The offending value as given, or null when there is none to show (an empty list).</param>
/// <param name="Fix">What to do instead, or null when the rule says it.</param>
public sealed record Problem(string Subject, string Rule, string? Value = null, string? Fix = null)
{
    /// <summary>One line naming the problem and what to do about it.</summary>
    public string Message =>
        Subject + " " + Rule + (Value is null ? "" : ", got " + Value) + (Fix is null ? "" : "; " + Fix) + ".";

    /// <summary>A number as a message shows it: invariant culture, shortest round-trip form, a lower-case exponent without padding (1e-7, never 1E-07), inf for infinity.</summary>
    public static string Show(double value)
    {
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = text.IndexOf('E', StringComparison.Ordinal);
        return exponent < 0 ? text : text[..exponent] + "e" + int.Parse(text[(exponent + 1)..], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A whole number as a message shows it.</summary>
    public static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A list of whole numbers as a message shows it: "8,16,8".</summary>
    public static string Show(IEnumerable<int> values) => string.Join(",", values.Select(value => Show(value)));
}
