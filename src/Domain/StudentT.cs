namespace Sweep.Domain;

/// <summary>
/// Student's t distribution with ν degrees of freedom, for prediction intervals.
/// CDF: for t ≥ 0, F(t) = 1 − ½ I_(ν/(ν+t²))(ν/2, ½), I the regularised incomplete beta function
/// (continued fraction, modified Lentz; ln Γ by Lanczos, g = 7, 9 terms); F(−t) = 1 − F(t).
/// The quantile inverts F by bisection down to adjacent doubles, so it is as exact as F.
/// </summary>
public static class StudentT
{
    /// <summary>P(T ≤ t) for ν &gt; 0 degrees of freedom; NaN for ν ≤ 0 or NaN input.</summary>
    public static double Cdf(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0) || double.IsNaN(t)) return double.NaN;
        if (double.IsInfinity(t)) return t > 0 ? 1 : 0;
        // x and 1 − x each computed directly: near t = 0, 1 − x from a rounded x loses t's digits.
        var tail = 0.5 * RegularisedBeta(degreesOfFreedom / (degreesOfFreedom + t * t), t * t / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The t with P(T ≤ t) = <paramref name="probability"/> (0 &lt; p &lt; 1); NaN otherwise or for ν ≤ 0.</summary>
    public static double Quantile(double probability, double degreesOfFreedom)
    {
        if (!(probability > 0 && probability < 1) || !(degreesOfFreedom > 0)) return double.NaN;
        if (probability < 0.5) return -Quantile(1 - probability, degreesOfFreedom);
        var (low, high) = (0.0, 1.0);
        while (Cdf(high, degreesOfFreedom) < probability && high < 1e300) high *= 2;
        for (var step = 0; step < 2000; step++)
        {
            var middle = low + (high - low) / 2;
            if (middle <= low || middle >= high) break;
            if (Cdf(middle, degreesOfFreedom) < probability) low = middle;
            else high = middle;
        }

        return high;
    }

    // I_x(a, b), by the continued fraction on whichever side converges (Numerical Recipes' betai).
    private static double RegularisedBeta(double x, double complement, double a, double b)
    {
        if (x <= 0) return 0;
        if (complement <= 0) return 1;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(complement));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - front * ContinuedFraction(complement, b, a) / b;
    }

    private static double ContinuedFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < tiny ? tiny : d);
        var result = d;
        for (var m = 1; m <= 10_000; m++)
        {
            foreach (var numerator in new[] { m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)), -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)) })
            {
                d = 1 + numerator * d;
                d = 1 / (Math.Abs(d) < tiny ? tiny : d);
                c = 1 + numerator / c;
                if (Math.Abs(c) < tiny) c = tiny;
                result *= d * c;
            }

            if (Math.Abs(d * c - 1) < 1e-16) break;
        }

        return result;
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    // ln Γ(z) for z > 0.
    private static double LogGamma(double z)
    {
        if (z < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * z)) - LogGamma(1 - z);
        z -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (z + i);
        var t = z + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (z + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
