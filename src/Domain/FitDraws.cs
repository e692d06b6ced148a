namespace Sweep.Domain;

/// <summary>
/// Both fits of a rule's (B, η) pairs and of each of their bootstrap resamples, drawn once. The
/// power law's intervals, the McCandlish curve's intervals and shares, and the McCandlish intervals
/// of the recommendations all read the same resamples (those <see cref="Bootstrap.Replicate"/>
/// draws from the seed), so a sweep fits each resample once instead of once per use; each reading
/// equals what <see cref="PowerLaw.Estimate(IEnumerable{ValueTuple{double, double}}, ulong, int, double)"/>,
/// <see cref="McCandlish.Estimate(IEnumerable{ValueTuple{double, double}}, ulong, int, double)"/> and
/// <see cref="Recommend.For(IReadOnlyList{ValueTuple{double, double}}, IEnumerable{double}, ulong, int, double)"/>
/// compute from the pairs and the seed on their own.
/// </summary>
/// <param name="Groups">The usable pairs, grouped as <see cref="Bootstrap.Groups"/> does.</param>
/// <param name="Line">The power law of all the pairs; null when they cannot determine one.</param>
/// <param name="Curve">The McCandlish curve of all the pairs; null likewise.</param>
/// <param name="Lines">The power law of resample k at index k; empty when there is neither fit.</param>
/// <param name="Curves">The McCandlish curve of resample k at index k; empty when <paramref name="Curve"/> is null.</param>
/// <param name="Seed">The bootstrap seed.</param>
/// <param name="Resamples">How many resamples were drawn.</param>
public sealed record FitDraws(
    IReadOnlyList<(double BatchSize, double[] LearningRates)> Groups, PowerLawFit? Line, McCandlishFit? Curve,
    IReadOnlyList<PowerLawFit?> Lines, IReadOnlyList<McCandlishFit?> Curves, ulong Seed, int Resamples)
{
    /// <summary>The fits of <paramref name="points"/> and of their <paramref name="resamples"/> resamples drawn from <paramref name="seed"/>.</summary>
    public static FitDraws Of(IEnumerable<(double BatchSize, double LearningRate)> points, ulong seed, int resamples = Bootstrap.DefaultResamples)
    {
        var groups = Bootstrap.Groups(points);
        var (line, curve) = (PowerLaw.Fit(Bootstrap.Points(groups)), McCandlish.Fit(groups));
        if (line is null && curve is null) return new FitDraws(groups, null, null, [], [], seed, Bootstrap.Count(resamples));
        var search = McCandlish.SearchGrid.Of(groups);
        var draws = Bootstrap.Replicate(groups, seed, resamples, resample =>
            (Line: PowerLaw.Fit(resample), Curve: curve is null ? null : McCandlish.Fit(Bootstrap.Regroup(resample, groups), search)));
        var (lines, curves) = (new PowerLawFit?[draws.Length], new McCandlishFit?[curve is null ? 0 : draws.Length]);
        for (var k = 0; k < draws.Length; k++)
        {
            lines[k] = draws[k].Line;
            if (curve is not null) curves[k] = draws[k].Curve;
        }

        return new FitDraws(groups, line, curve, lines, curves, seed, draws.Length);
    }
}
