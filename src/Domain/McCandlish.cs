using System.Runtime.CompilerServices;

namespace Sweep.Domain;

/// <summary>
/// McCandlish et al. (2018), "An empirical model of large-batch training": η(B) = η_max / (1 + B_noise / B),
/// fitted by least squares in log space: minimise S = Σ (ln η_i − ln η_max + ln(1 + B_noise / B_i))².
/// <para>For a fixed x = ln B_noise the best ln η_max is closed-form, the mean of
/// ln η_i + ln(1 + e^(x − ln B_i)), so S is a function of x alone. Grouping the points by batch size
/// (n_j points of mean ȳ_j), S(x) = W + Σ_j n_j (ȳ_j + g_j(x) − m(x))², where W is the within-batch
/// sum of squares (free of x), g_j(x) = softplus(x − ln B_j) and m(x) the weighted mean of ȳ_j + g_j(x).</para>
/// <para>The search minimises the excess over the flat fit, D(x) = S(x) − S(−∞) =
/// Σ_j n_j c_j (2 r_j + c_j), with r_j = ȳ_j − ȳ the flat fit's residuals and c_j = g_j − ḡ: where
/// B_noise ≪ B the g_j are tiny, and S itself would bury their effect under the rounding of its large
/// constant part, so that rescaling every η moved the minimum by 1e-5.</para>
/// <para>x is searched over [ln(min B / 1000), ln(max B · 1000)]: a grid of step at most 0.1 in x,
/// then the root of S'(x) = 2 Σ_j n_j (r_j + c_j) σ(x − ln B_j) by bisection between the best grid
/// point's neighbours (golden-section search on D where S' does not change sign there): a root is
/// found to the last bits, where a search by comparing values stops at √ε of S. A best grid point at an
/// end means the data are best explained by a limit of the family: B_noise → ∞ (the linear regime,
/// ln η = ln(η_max/B_noise) + ln B) or B_noise → 0 (flat, ln η = ln η_max); the fit is then that limit,
/// with its one identified parameter fitted in closed form.</para>
/// Pairs with a non-finite or non-positive B or η are left out; fewer than two distinct batch sizes
/// give no fit. <see cref="Estimate(IEnumerable{ValueTuple{double, double}}, ulong, int, double)"/> adds the seeded bootstrap of <see cref="Bootstrap"/>.
/// </summary>
public static partial class McCandlish
{
    /// <summary>How far beyond the batch sizes, as a factor, the search for B_noise reaches on each side.</summary>
    public const double SearchFactor = 1000;


    /// <summary>The fit, or null when the data cannot determine one.</summary>
    public static McCandlishFit? Fit(IEnumerable<(double BatchSize, double LearningRate)> points) =>
        Fit(Bootstrap.Groups(points));

    /// <summary>The fit of points already grouped by <see cref="Bootstrap.Groups"/>.</summary>
    public static McCandlishFit? Fit(IReadOnlyList<(double BatchSize, double[] LearningRates)> groups) =>
        groups.Count < 2 ? null : Fit(groups, SearchGrid.Of(groups));

    // The fit on a grid made for the same batch sizes: a bootstrap's resamples all share their data's grid.
    // Plain loops, no LINQ: a sweep fits some 10,000 resamples, and each sum keeps the order (and so the
    // bits) of a sequential sum over the groups.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static McCandlishFit? Fit(IReadOnlyList<(double BatchSize, double[] LearningRates)> groups, SearchGrid search)
    {
        var size = groups.Count;
        if (size < 2) return null;
        var logBatch = search.LogBatch;
        var (counts, means) = (new double[size], new double[size]);
        var (within, total) = (0.0, 0);
        for (var j = 0; j < size; j++)
        {
            var rates = groups[j].LearningRates;
            var (sum, squares) = (0.0, 0.0);
            foreach (var rate in rates) sum += Math.Log(rate);
            means[j] = sum / rates.Length;
            foreach (var rate in rates) squares += Square(Math.Log(rate) - means[j]);
            (within, counts[j], total) = (within + squares, rates.Length, total + rates.Length);
        }

        var (smallest, largest) = (groups[0].BatchSize, groups[^1].BatchSize);
        var lifted = new double[size];
        var grid = search.Points;
        var flat = Weighted(counts, means, total);
        var residuals = new double[size];
        for (var j = 0; j < size; j++) residuals[j] = means[j] - flat;
        var best = Best(search.Lifts, counts, residuals, total, out var bestValue);

        McCandlishFit Make(McCandlishRegime regime, double maxRate, double noise, double coefficient, double sum) =>
            new(regime, maxRate, noise, coefficient, total, size, total > 2 ? Math.Sqrt((within + sum) / (total - 2)) : double.NaN, smallest, largest);

        if (best == grid.Length - 1)
        {
            // B_noise → ∞: ln η = a + ln B, a the mean of ln η − ln B.
            for (var j = 0; j < size; j++) lifted[j] = means[j] - logBatch[j];
            var level = Weighted(counts, lifted, total);
            return Make(McCandlishRegime.Linear, double.PositiveInfinity, double.PositiveInfinity, Math.Exp(level), Scatter(counts, lifted, level));
        }

        if (best == 0)
        {
            // B_noise → 0: ln η = a, a the mean of ln η.
            return Make(McCandlishRegime.Flat, Math.Exp(flat), 0, double.PositiveInfinity, Scatter(counts, means, flat));
        }

        double Between(double x)
        {
            for (var j = 0; j < size; j++) lifted[j] = Softplus(x - logBatch[j]);
            return Excess(lifted, counts, residuals, total);
        }

        var (slopes, complements) = (new double[size], new double[size]);
        double Gradient(double x) => Slope(x, logBatch, counts, residuals, total, lifted, slopes, complements);
        var (left, right) = (grid[best - 1], grid[best + 1]);
        // Either refinement may land in a local minimum worse than the grid's best point: then that point stands.
        var refined = Gradient(left) < 0 && Gradient(right) > 0 ? Bisection(Gradient, left, right) : GoldenSection(Between, left, right);
        var x = Between(refined) <= bestValue ? refined : grid[best];

        var (spread, logMax) = Spread(logBatch, counts, means, total, x, lifted);
        return Make(McCandlishRegime.Knee, Math.Exp(logMax), Math.Exp(x), Math.Exp(logMax - x), spread);
    }

    /// <summary>
    /// The fit of <paramref name="points"/> and its percentile intervals over
    /// <paramref name="resamples"/> resamples drawn from <paramref name="seed"/> (the same resamples
    /// <see cref="PowerLaw.Estimate(IEnumerable{ValueTuple{double, double}}, ulong, int, double)"/> draws from that seed); null when there is no fit. A resample
    /// in a limit contributes the limit: B_noise = +∞ and η_max = +∞ linear, B_noise = 0 flat.
    /// </summary>
    public static McCandlishEstimate? Estimate(IEnumerable<(double BatchSize, double LearningRate)> points, ulong seed,
        int resamples = Bootstrap.DefaultResamples, double level = Bootstrap.DefaultLevel)
    {
        var groups = Bootstrap.Groups(points);
        if (Fit(groups) is not { } fit) return null;
        var search = SearchGrid.Of(groups);
        var draws = Bootstrap.Replicate(groups, seed, resamples, resample => (Curve: Fit(Bootstrap.Groups(resample), search), Line: PowerLaw.Fit(resample)));
        return Estimate(fit, draws.Select(draw => draw.Curve).ToArray(), draws.Select(draw => draw.Line).ToArray(), level);
    }

    /// <summary>The estimate from a rule's <see cref="FitDraws"/>: the same as from its pairs and seed, without refitting.</summary>
    public static McCandlishEstimate? Estimate(FitDraws draws, double level = Bootstrap.DefaultLevel) =>
        draws.Curve is { } fit ? Estimate(fit, draws.Curves, draws.Lines, level) : null;

    // The intervals and shares of the resamples' curves, curve k and line k fitted to resample k.
    private static McCandlishEstimate Estimate(McCandlishFit fit, IReadOnlyList<McCandlishFit?> curves, IReadOnlyList<PowerLawFit?> lines, double level)
    {
        var (noiseLow, noiseHigh) = Bootstrap.Interval(curves.Select(curve => curve!.NoiseScale), level);
        var (maxLow, maxHigh) = Bootstrap.Interval(curves.Select(curve => curve!.MaxLearningRate), level);
        var (linear, flat, preferred) = (0, 0, 0);
        for (var k = 0; k < curves.Count; k++)
        {
            var curve = curves[k]!;
            linear += curve.Regime == McCandlishRegime.Linear ? 1 : 0;
            flat += curve.Regime == McCandlishRegime.Flat ? 1 : 0;
            preferred += curve.ResidualStandardError < lines[k]!.ResidualStandardError ? 1 : 0;
        }

        double Share(int count) => count / (double)curves.Count;
        return new McCandlishEstimate(fit, noiseLow, noiseHigh, maxLow, maxHigh, Share(linear), Share(flat), Share(preferred), curves.Count, Bootstrap.Level(level));
    }

    /// <summary>ln(1 + e^t), without overflow for large t.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Softplus(double t) => t > 0 ? t + Math.Log(1 + Math.Exp(-t)) : Math.Log(1 + Math.Exp(t));

    // Σ_j n_j (ȳ_j + g_j(x) − m(x))² and m(x) = ln η_max at x; lifted is scratch space of the groups' length.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Sum, double Level) Spread(double[] logBatch, double[] counts, double[] means, int total, double x, double[] lifted)
    {
        for (var j = 0; j < means.Length; j++) lifted[j] = means[j] + Softplus(x - logBatch[j]);
        var level = Weighted(counts, lifted, total);
        return (Scatter(counts, lifted, level), level);
    }

    // D(x) = Σ_j n_j c_j (2 r_j + c_j), c_j = g_j − ḡ, from g_j(x) = softplus(x − ln B_j) and the flat fit's residuals r_j.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Excess(double[] lifts, double[] counts, double[] residuals, int total)
    {
        var mean = Weighted(counts, lifts, total);
        var sum = 0.0;
        for (var j = 0; j < lifts.Length; j++)
        {
            var centred = lifts[j] - mean;
            sum += counts[j] * centred * (2 * residuals[j] + centred);
        }

        return sum;
    }

    // Σ_j n_j (v_j − level)².
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Scatter(double[] counts, double[] values, double level)
    {
        var sum = 0.0;
        for (var j = 0; j < values.Length; j++) sum += counts[j] * Square(values[j] - level);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Weighted(double[] counts, double[] values, int total)
    {
        var sum = 0.0;
        for (var j = 0; j < values.Length; j++) sum += counts[j] * values[j];
        return sum / total;
    }

    private static double Square(double value) => value * value;
}
