namespace Cauce.Ml.Randomness;

/// <summary>
/// <c>exp</c> and <c>log</c> computed only with IEEE additions, multiplications and divisions. <see cref="Math.Exp"/>
/// and <see cref="Math.Log(double)"/> call the platform's C library, which may differ in the last bit between operating
/// systems and processors. Sample data must be byte-identical everywhere, because a DVC pipeline stage hashes it.
/// Accuracy is within a few units in the last place, which is far more than sample data needs.
/// </summary>
internal static class PortableMath
{
    // ln 2 split so that k * Ln2Hi is exact for |k| < 2^20 (fdlibm's constants).
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InvLn2 = 1.44269504088896338700e+00;
    private const double Sqrt2 = 1.41421356237309504880;

    // 1/n! for n = 0..14, highest first, for Horner's rule.
    private static readonly double[] ExpCoefficients = MakeExpCoefficients();

    // 1/(2k+1) for k = 11..1, highest first.
    private static readonly double[] LogCoefficients = MakeLogCoefficients();

    /// <summary>e raised to <paramref name="x"/>.</summary>
    public static double Exp(double x)
    {
        if (double.IsNaN(x))
            return x;
        if (x > 709.78)
            return double.PositiveInfinity;
        if (x < -745.2)
            return 0;

        // x = k ln2 + r with |r| <= ln2 / 2; exp(r) by its Taylor series, which has converged by the 14th term.
        var k = Math.Round(x * InvLn2);
        var r = (x - (k * Ln2Hi)) - (k * Ln2Lo);
        var sum = 0.0;
        foreach (var c in ExpCoefficients)
            sum = (sum * r) + c;
        return Math.ScaleB(sum, (int)k);
    }

    /// <summary>The natural logarithm of <paramref name="x"/>.</summary>
    public static double Log(double x)
    {
        if (double.IsNaN(x) || x < 0)
            return double.NaN;
        if (x == 0)
            return double.NegativeInfinity;
        if (double.IsPositiveInfinity(x))
            return x;

        var exponent = 0;
        if (x < double.Epsilon * (1L << 53))
        {
            // Subnormal: scale into the normal range first.
            x *= 1L << 54;
            exponent = -54;
        }

        // x = m 2^e with m in [sqrt(1/2), sqrt(2)); log m = 2 atanh(s) with s = (m - 1) / (m + 1), |s| <= 0.172.
        var bits = BitConverter.DoubleToInt64Bits(x);
        exponent += (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m > Sqrt2)
        {
            m *= 0.5;
            exponent++;
        }

        var s = (m - 1) / (m + 1);
        var z = s * s;
        var series = 0.0;
        foreach (var c in LogCoefficients)
            series = (series + c) * z;
        var logM = 2 * s * (1 + series);
        return (exponent * Ln2Hi) + (logM + (exponent * Ln2Lo));
    }

    /// <summary><paramref name="x"/> (positive) raised to <paramref name="y"/>.</summary>
    public static double Pow(double x, double y) => Exp(y * Log(x));

    /// <summary>The logistic function 1 / (1 + e^-z).</summary>
    public static double Logistic(double z) => 1.0 / (1.0 + Exp(-z));

    private static double[] MakeExpCoefficients()
    {
        var coefficients = new double[15];
        var factorial = 1.0;
        for (var n = 0; n <= 14; n++)
        {
            factorial *= Math.Max(n, 1);
            coefficients[14 - n] = 1.0 / factorial;
        }

        return coefficients;
    }

    private static double[] MakeLogCoefficients()
    {
        var coefficients = new double[11];
        for (var k = 1; k <= 11; k++)
            coefficients[11 - k] = 1.0 / ((2 * k) + 1);
        return coefficients;
    }
}
