namespace Sweep.Cli.Figures;

/// <summary>
/// One line or set of points a figure drew, in data units (learning rates and batch sizes as they
/// are, not their logarithms), so tests can check what was drawn against what was given.
/// </summary>
/// <param name="Label">What the series is, e.g. "smoothed loss" or "batch size 64".</param>
/// <param name="X">The x value of every point.</param>
/// <param name="Y">The y value of every point.</param>
public sealed record PlottedSeries(string Label, double[] X, double[] Y);

/// <summary>A shaded region or a set of error bars a figure drew: from Low to High at every X, in data units.</summary>
/// <param name="Label">What the region is, e.g. "batch size 64" or "interquartile range".</param>
/// <param name="X">The x value of every point.</param>
/// <param name="Low">The lower edge at every X.</param>
/// <param name="High">The upper edge at every X.</param>
public sealed record PlottedBand(string Label, double[] X, double[] Low, double[] High);
