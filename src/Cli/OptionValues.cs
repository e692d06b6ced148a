using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>Typed readers of the options that are a command's own (not part of an experiment): rules, presets, counts.</summary>
public static class OptionValues
{
    /// <summary>The rules named by --rules ("all": every rule).</summary>
    public static IReadOnlyList<Rule> ParseRules(ParsedOptions options)
    {
        var words = options.Words("rules");
        if (words.Count == 0 || words.Any(word => word.Equals("all", StringComparison.OrdinalIgnoreCase))) return RuleName.All;
        return words.Select(ParseRule).Distinct().ToArray();
    }

    /// <summary>The rule of that name, or a one-line usage error listing the rules.</summary>
    public static Rule ParseRule(string name) =>
        RuleName.TryParse(name) ?? throw UsageException.Unknown("rule", name, RuleName.All.Select(RuleName.Of));

    /// <summary>The preset named by --preset, or a one-line usage error listing the presets.</summary>
    public static Preset ParsePreset(ParsedOptions options) =>
        Preset.Parse(options.Text("preset")!).IfNone(() => throw UsageException.Unknown("preset", options.Text("preset")!, Preset.All.Select(preset => preset.Name)));

    /// <summary>The option as a whole number of at least 1.</summary>
    public static int Positive(ParsedOptions options, string name)
    {
        var value = options.Int(name);
        return value >= 1 ? value : throw new UsageException($"--{name} must be at least 1, got {value}.");
    }
}
