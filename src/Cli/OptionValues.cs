using System.CommandLine;
using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>Typed readers of the options that are a command's own (not part of an experiment): rules, presets, counts.</summary>
public static class OptionValues
{
    /// <summary>The rules named by --rules ("all": every rule).</summary>
    public static IReadOnlyList<Rule> ParseRules(IReadOnlyList<string> words)
    {
        if (words.Count == 0 || words.Any(word => word.Equals("all", StringComparison.OrdinalIgnoreCase))) return RuleName.All;
        return words.Select(ParseRule).Distinct().ToArray();
    }

    /// <summary>The rule of that name, or a one-line usage error listing the rules.</summary>
    public static Rule ParseRule(string name) =>
        RuleName.TryParse(name) ?? throw UsageException.Unknown("rule", name, RuleName.All.Select(RuleName.Of));

    /// <summary>The preset of that name, or a one-line usage error listing the presets.</summary>
    public static Preset ParsePreset(string name) =>
        Preset.Parse(name).IfNone(() => throw UsageException.Unknown("preset", name, Preset.All.Select(preset => preset.Name)));

    /// <summary>The value of <paramref name="option"/> (one with a fallback), checked to be at least 1.</summary>
    public static int Positive(ParseResult parsed, Option<int?> option) =>
        Positive(parsed.GetValue(option) ?? 0, option.Name.TrimStart('-'));

    /// <summary>The value of option --<paramref name="name"/>, checked to be at least 1.</summary>
    public static int Positive(int value, string name) =>
        value >= 1 ? value : throw new UsageException($"--{name} must be at least 1, got {value}.");
}
