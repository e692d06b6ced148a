namespace Sweep.Cli.Figures;

/// <summary>
/// The third-party and own browser code the report inlines, embedded in sweep.dll (see
/// Figures/Web/README.md): uPlot 1.6.32 (MIT), its stylesheet and licence, and Sweep's chart set-up.
/// </summary>
public static class WebAssets
{
    /// <summary>uPlot's minified script, unchanged.</summary>
    public static string UPlotScript => Lazy("uPlot.iife.min.js");

    /// <summary>uPlot's stylesheet, unchanged.</summary>
    public static string UPlotStyle => Lazy("uPlot.min.css");

    /// <summary>uPlot's licence text, which travels with its code.</summary>
    public static string UPlotLicence => Lazy("uPlot.LICENSE");

    /// <summary>Sweep's set-up of the interactive curves.</summary>
    public static string CurvesScript => Lazy("curves.js");

    private static readonly Dictionary<string, string> Loaded = [];

    // Read once per process: every report of a run inlines the same text.
    private static string Lazy(string name)
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(name, out var text)) return text;
            using var stream = typeof(WebAssets).Assembly.GetManifestResourceStream($"Sweep.Cli.Figures.Web.{name}")
                ?? throw new InvalidOperationException($"the report asset {name} is not embedded in {typeof(WebAssets).Assembly.GetName().Name}.dll");
            using var reader = new StreamReader(stream);
            return Loaded[name] = reader.ReadToEnd();
        }
    }
}
