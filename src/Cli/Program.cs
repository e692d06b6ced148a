using Sweep.Domain;

namespace Sweep.Cli;

/// <summary>The `sweep` command. Parses, prints and writes; every decision is a Domain call.</summary>
public static class Program
{
    private const string Usage = """
        sweep: find good learning rates and see how they move with batch size.

        Usage:
          sweep list        the presets and suggestion rules, one line each
          sweep --help      this text

        Exit codes: 0 success, 2 bad input (one line on stderr says what to change).
        """;

    public static int Main(string[] args)
    {
        switch (args)
        {
            case [] or ["--help" or "-h" or "help"]:
                Console.WriteLine(Usage);
                return 0;
            case ["list"]:
                foreach (var preset in Preset.All)
                    Console.WriteLine($"preset  {preset.Name,-18} {Describe(preset)}");
                foreach (var rule in RuleName.All)
                    Console.WriteLine($"rule    {RuleName.Of(rule)}");
                return 0;
            default:
                Console.Error.WriteLine($"sweep: unknown command '{string.Join(' ', args)}'; run 'sweep --help' for the commands.");
                return 2;
        }
    }

    private static string Describe(Preset preset) =>
        $"beta {preset.Smoothing.Beta}{(preset.Smoothing.Debiased ? " debiased" : "")}, stop at {preset.DivergenceFactor}x best, " +
        $"{(preset.Endpoint == Endpoint.Inclusive ? "ends at end" : "ends one step short")}, rules {string.Join(",", preset.Rules.Select(RuleName.Of))}";
}
