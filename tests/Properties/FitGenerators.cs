using FsCheck;
using FsCheck.Fluent;
using static Sweep.Properties.Tests.Generators;

namespace Sweep.Properties.Tests;

/// <summary>(batch size, suggested LR) pairs as a sweep gives them to the fits. Printed with its values.</summary>
public sealed record FitInput(double[] BatchSizes, double[] LearningRates)
{
    public IReadOnlyList<(double BatchSize, double LearningRate)> Pairs =>
        BatchSizes.Zip(LearningRates, (size, rate) => (size, rate)).ToArray();

    public FitInput Scaled(double factor) => this with { LearningRates = LearningRates.Select(rate => rate * factor).ToArray() };

    public override string ToString() => $"B = {Show.All(BatchSizes)}, η = {Show.All(LearningRates)}";
}

/// <summary>
/// Sweeps built by construction: distinct powers of two for batch sizes, and per-seed noise that is
/// balanced — every batch size gets the same multiset of log-noise values, closed under negation
/// ({ε₁, −ε₁, ε₂, −ε₂, …}). Balanced noise leaves every batch size's mean of ln η on the noiseless
/// curve, so the point fit is the noiseless one, and makes each resample's deviation symmetric
/// about it, so a percentile interval holds the point fit.
/// </summary>
public static class FitGenerators
{
    /// <summary><paramref name="minimum"/> to <paramref name="maximum"/> distinct powers of two from 1 to 4096, ascending.</summary>
    public static Gen<double[]> PowersOfTwo(int minimum, int maximum) =>
        from count in Gen.Choose(minimum, maximum)
        from exponents in Gen.Shuffle(Enumerable.Range(0, 13).ToArray())
        select exponents.Take(count).Order().Select(k => Math.Pow(2, k)).ToArray();

    /// <summary>A balanced noise multiset of 2 to 8 values in [−amplitude, amplitude] (log units), at least one nonzero pair of size ≥ floor.</summary>
    public static Gen<double[]> BalancedNoise(double floor, double amplitude) =>
        from pairs in Gen.Choose(1, 4)
        from first in Uniform(floor, amplitude)
        from rest in Gen.ArrayOf(Uniform(0, amplitude), pairs - 1)
        select rest.Prepend(first).SelectMany(value => new[] { value, -value }).ToArray();

    /// <summary>The pairs of ln η = f(B) + ε over every batch size and every noise value.</summary>
    public static FitInput SweepOf(double[] batchSizes, double[] noise, Func<double, double> logRate) =>
        new(batchSizes.SelectMany(size => noise.Select(_ => size)).ToArray(),
            batchSizes.SelectMany(size => noise.Select(epsilon => Math.Exp(logRate(size) + epsilon))).ToArray());

    /// <summary>Exact power-law data: c in [−12, 2], α in [−2, 2], 2–6 batch sizes, 1–4 identical runs each.</summary>
    public static Gen<(FitInput Input, double Exponent, double Intercept)> ExactPowerLaw { get; } =
        from sizes in PowersOfTwo(2, 6)
        from runs in Gen.Choose(1, 4)
        from exponent in Uniform(-2, 2)
        from intercept in Uniform(-12, 2)
        select (SweepOf(sizes, new double[runs], size => intercept + exponent * Math.Log(size)), exponent, intercept);

    /// <summary>
    /// Exact McCandlish data with batch sizes on both sides of B_noise: B_noise log-uniform in
    /// [4, 4096], η_max in [1e-5, 10], batch sizes B_noise·2^k for distinct k ∈ [−6, 6] with at least
    /// one k below 0 and one above, 1–3 identical runs each.
    /// </summary>
    public static Gen<(FitInput Input, double MaxRate, double NoiseScale)> ExactMcCandlish { get; } =
        from noiseScale in LogUniform(4, 4096)
        from maxRate in LogUniform(1e-5, 10)
        from below in Gen.Choose(-6, -1)
        from above in Gen.Choose(1, 6)
        from middle in Gen.Shuffle(Enumerable.Range(-6, 13).ToArray())
        from extra in Gen.Choose(0, 3)
        from runs in Gen.Choose(1, 3)
        let exponents = middle.Take(extra).Append(below).Append(above).Distinct().Order()
        let sizes = exponents.Select(k => noiseScale * Math.Pow(2, k)).ToArray()
        select (SweepOf(sizes, new double[runs], size => Math.Log(maxRate) - Math.Log(1 + noiseScale / size)), maxRate, noiseScale);

    /// <summary>Exact McCandlish data with 2–5 runs per batch size, each ln η moved by its own noise in [−0.2, 0.2].</summary>
    public static Gen<FitInput> NoisyMcCandlish { get; } =
        from exact in ExactMcCandlish
        from runs in Gen.Choose(2, 5)
        from noise in Gen.ArrayOf(Uniform(-0.2, 0.2), exact.Input.BatchSizes.Length * runs)
        select new FitInput(
            exact.Input.BatchSizes.SelectMany(size => Enumerable.Repeat(size, runs)).ToArray(),
            exact.Input.LearningRates.SelectMany((rate, i) => Enumerable.Range(0, runs).Select(r => rate * Math.Exp(noise[i * runs + r]))).ToArray());

    /// <summary>Any sweep-like data: 2–6 batch sizes, 1–6 runs each, every LR log-uniform in [1e-6, 10].</summary>
    public static Gen<FitInput> Scattered { get; } =
        from sizes in PowersOfTwo(2, 6)
        from runs in Gen.Choose(1, 6)
        from rates in Gen.ArrayOf(LogUniform(1e-6, 10), sizes.Length * runs)
        select new FitInput(sizes.SelectMany(size => Enumerable.Repeat(size, runs)).ToArray(), rates);

    /// <summary>Noisy sweeps around a power law: 3–6 batch sizes, 4–6 runs each with distinct noise (σ-ish 0.3 in ln η).</summary>
    public static Gen<FitInput> NoisyPowerLaw { get; } =
        from sizes in PowersOfTwo(3, 6)
        from runs in Gen.Choose(4, 6)
        from exponent in Uniform(-1, 1.5)
        from noise in Gen.ArrayOf(Uniform(-0.5, 0.5), sizes.Length * runs)
        select new FitInput(
            sizes.SelectMany(size => Enumerable.Repeat(size, runs)).ToArray(),
            sizes.SelectMany((size, j) => Enumerable.Range(0, runs).Select(r => Math.Exp(-5 + exponent * Math.Log(size) + noise[j * runs + r]))).ToArray());

    /// <summary>A positive scale factor for every LR, 1e-3 to 1e3.</summary>
    public static Gen<double> Scales { get; } = LogUniform(1e-3, 1e3);

    /// <summary>Any bootstrap seed.</summary>
    public static Gen<ulong> BootstrapSeeds { get; } =
        from high in Gen.Choose(int.MinValue, int.MaxValue)
        from low in Gen.Choose(int.MinValue, int.MaxValue)
        select ((ulong)(uint)high << 32) | (uint)low;

    /// <summary>Relative closeness, with equal infinities and equal zeros close.</summary>
    public static bool Near(double actual, double expected, double relative) =>
        actual == expected || Math.Abs(actual - expected) <= relative * Math.Abs(expected);
}
