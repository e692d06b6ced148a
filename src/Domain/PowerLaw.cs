using System.Runtime.CompilerServices;

namespace Sweep.Domain;

/// <summary>
/// A fitted power law η(B) = e^c · B^α, i.e. ln η = c + α ln B, with the data it came from.
/// </summary>
/// <param name="Exponent">α: 1 is the linear scaling rule, 1/2 the square-root rule, 0 no relation.</param>
/// <param name="Intercept">c, in natural-log units.</param>
/// <param name="Points">How many (B, η) pairs were fitted.</param>
/// <param name="ResidualStandardError">√(Σ residual² / (n − 2)) in ln η; NaN for two points.</param>
/// <param name="ExponentStandardError">The ordinary least-squares standard error of α; NaN for two points.</param>
/// <param name="MeanLogBatch">x̄, the mean of ln B over the fitted points (NaN when not given).</param>
/// <param name="LogBatchSpread">Sxx = Σ(ln B − x̄)² over the fitted points (NaN when not given).</param>
public sealed record PowerLawFit(double Exponent, double Intercept, int Points, double ResidualStandardError, double ExponentStandardError,
    double MeanLogBatch = double.NaN, double LogBatchSpread = double.NaN)
{
    /// <summary>
    /// The pivot of the exponent band: e^x̄, the geometric mean of the fitted batch sizes, the point
    /// every least-squares line through the data passes through (ln η = ȳ at ln B = x̄).
    /// </summary>
    public double Pivot => Math.Exp(MeanLogBatch);

    /// <summary>The fitted η at batch size <paramref name="batchSize"/>.</summary>
    public double At(double batchSize) => Math.Exp(Intercept + Exponent * Math.Log(batchSize));

    /// <summary>
    /// The exponent interval [low, high] drawn as a band around the fit: the lines η = η_fit(p) · (B/p)^α
    /// for α = low and α = high, pivoting at <paramref name="pivot"/> (usually <see cref="Pivot"/>, the
    /// geometric mean of the fitted batch sizes), lower and upper at
    /// <paramref name="batchSize"/>.
    /// </summary>
    public (double Low, double High) BandAt(double batchSize, double lowExponent, double highExponent, double pivot)
    {
        var low = At(pivot) * Math.Pow(batchSize / pivot, lowExponent);
        var high = At(pivot) * Math.Pow(batchSize / pivot, highExponent);
        return (Math.Min(low, high), Math.Max(low, high));
    }

    /// <summary>
    /// The normal-theory 95% interval of the exponent, α ± 1.96 · se(α); null when se is unknown
    /// (two points). A quick interval; the bootstrap over seeds is the robust one.
    /// </summary>
    public (double Low, double High)? NormalInterval =>
        double.IsFinite(ExponentStandardError)
            ? (Exponent - 1.96 * ExponentStandardError, Exponent + 1.96 * ExponentStandardError)
            : null;
}

/// <summary>A power-law fit with percentile bootstrap intervals for its exponent and intercept.</summary>
/// <param name="Fit">The fit of all the points.</param>
/// <param name="ExponentLow">The lower end of the interval for α.</param>
/// <param name="ExponentHigh">The upper end of the interval for α.</param>
/// <param name="InterceptLow">The lower end of the interval for c (natural-log units).</param>
/// <param name="InterceptHigh">The upper end of the interval for c.</param>
/// <param name="Resamples">How many resamples were drawn.</param>
/// <param name="Level">The coverage the interval aims at, e.g. 0.95.</param>
public sealed record PowerLawEstimate(
    PowerLawFit Fit, double ExponentLow, double ExponentHigh, double InterceptLow, double InterceptHigh, int Resamples, double Level);

/// <summary>
/// Ordinary least squares of ln η on ln B. With x = ln B, y = ln η:
/// α = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², c = ȳ − α x̄, se(α) = s / √Σ(x − x̄)², s² = Σ r² / (n − 2).
/// Pairs with a non-finite or non-positive B or η are left out; fewer than two distinct batch sizes
/// give no fit. <see cref="Estimate(IEnumerable{ValueTuple{double, double}}, ulong, int, double)"/> adds the seeded bootstrap of <see cref="Bootstrap"/>: the
/// same fit on resamples that redraw the seeds within each batch size.
/// </summary>
public static class PowerLaw
{
    /// <summary>The fit, or null when the data cannot determine one.</summary>
    public static PowerLawFit? Fit(IEnumerable<(double BatchSize, double LearningRate)> points) =>
        Fit(points as (double BatchSize, double LearningRate)[] ?? points.ToArray());

    // Plain loops, no LINQ: a sweep fits some 10,000 resamples. Every sum runs in the points' order,
    // as a sequential sum does, so the bits do not depend on how it is written.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static PowerLawFit? Fit((double BatchSize, double LearningRate)[] points)
    {
        var (xs, ys, n) = (new double[points.Length], new double[points.Length], 0);
        foreach (var (batchSize, rate) in points)
            if (double.IsFinite(batchSize) && batchSize > 0 && double.IsFinite(rate) && rate > 0)
                (xs[n], ys[n], n) = (Math.Log(batchSize), Math.Log(rate), n + 1);
        var distinct = false;
        for (var i = 1; i < n && !distinct; i++) distinct = xs[i] != xs[0];
        if (!distinct) return null;
        var (sumX, sumY) = (0.0, 0.0);
        for (var i = 0; i < n; i++) (sumX, sumY) = (sumX + xs[i], sumY + ys[i]);
        var (meanX, meanY) = (sumX / n, sumY / n);
        var (spread, products) = (0.0, 0.0);
        for (var i = 0; i < n; i++) (spread, products) = (spread + (xs[i] - meanX) * (xs[i] - meanX), products + (xs[i] - meanX) * (ys[i] - meanY));
        var exponent = products / spread;
        var intercept = meanY - exponent * meanX;
        var residuals = 0.0;
        for (var i = 0; i < n; i++) residuals += Math.Pow(ys[i] - intercept - exponent * xs[i], 2);
        var standardError = n > 2 ? Math.Sqrt(residuals / (n - 2)) : double.NaN;
        return new PowerLawFit(exponent, intercept, n, standardError, standardError / Math.Sqrt(spread), meanX, spread);
    }

    /// <summary>
    /// The fit of <paramref name="points"/> and its percentile intervals over
    /// <paramref name="resamples"/> resamples drawn from <paramref name="seed"/>; null when the
    /// points cannot determine a fit. A resample keeps every batch size, so each one has a fit.
    /// </summary>
    public static PowerLawEstimate? Estimate(IEnumerable<(double BatchSize, double LearningRate)> points, ulong seed,
        int resamples = Bootstrap.DefaultResamples, double level = Bootstrap.DefaultLevel)
    {
        var groups = Bootstrap.Groups(points);
        return Fit(Bootstrap.Points(groups)) is { } fit ? Estimate(fit, Bootstrap.Replicate(groups, seed, resamples, Fit), level) : null;
    }

    /// <summary>The estimate from a rule's <see cref="FitDraws"/>: the same as from its pairs and seed, without refitting.</summary>
    public static PowerLawEstimate? Estimate(FitDraws draws, double level = Bootstrap.DefaultLevel) =>
        draws.Line is { } fit ? Estimate(fit, draws.Lines, level) : null;

    // The intervals of the resamples' fits, in resample order.
    private static PowerLawEstimate Estimate(PowerLawFit fit, IReadOnlyList<PowerLawFit?> fits, double level)
    {
        var (exponentLow, exponentHigh) = Bootstrap.Interval(fits.Select(each => each?.Exponent ?? double.NaN), level);
        var (interceptLow, interceptHigh) = Bootstrap.Interval(fits.Select(each => each?.Intercept ?? double.NaN), level);
        return new PowerLawEstimate(fit, exponentLow, exponentHigh, interceptLow, interceptHigh, fits.Count, Bootstrap.Level(level));
    }
}
