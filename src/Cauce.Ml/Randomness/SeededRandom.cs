namespace Cauce.Ml.Randomness;

/// <summary>
/// A small deterministic random source: xoshiro256** (Blackman and Vigna) with its state filled from the seed by
/// SplitMix64. The sequence for a seed is part of the sample data's contract. <see cref="System.Random"/> makes no
/// such promise about its seeded sequence, so it is not used. Every derived draw uses only IEEE arithmetic, square
/// roots and <see cref="PortableMath"/>, so the same seed gives the same numbers on every platform.
/// </summary>
internal sealed class SeededRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareGaussian;
    private bool _hasSpareGaussian;

    public SeededRandom(ulong seed)
    {
        var state = seed;
        _s0 = SplitMix64(ref state);
        _s1 = SplitMix64(ref state);
        _s2 = SplitMix64(ref state);
        _s3 = SplitMix64(ref state);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);

        // Lemire's multiply-shift; its bias (at most maxExclusive / 2^64) is far below anything a sample can show.
        return (int)Math.BigMul(NextUInt64(), (ulong)maxExclusive, out _);
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>0…<paramref name="count"/>-1 in a random order (Fisher–Yates).</summary>
    public int[] Permutation(int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
            order[i] = i;
        for (var i = count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>An index drawn with the given weights, which need not add up to 1.</summary>
    public int Choose(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
            total += w;
        var u = NextDouble() * total;
        for (var i = 0; i < weights.Length - 1; i++)
        {
            u -= weights[i];
            if (u < 0)
                return i;
        }

        return weights.Length - 1;
    }

    /// <summary>A standard normal draw (Marsaglia's polar method; the second value of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasSpareGaussian)
        {
            _hasSpareGaussian = false;
            return _spareGaussian;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var m = Math.Sqrt(-2 * PortableMath.Log(s) / s);
        _spareGaussian = v * m;
        _hasSpareGaussian = true;
        return u * m;
    }

    /// <summary>A normal draw with the given mean and standard deviation.</summary>
    public double NextGaussian(double mean, double standardDeviation) => mean + (standardDeviation * NextGaussian());

    /// <summary>A log-normal draw: exp of a normal with the given <paramref name="mu"/> and <paramref name="sigma"/>.</summary>
    public double NextLogNormal(double mu, double sigma) => PortableMath.Exp(NextGaussian(mu, sigma));

    /// <summary>An exponential draw with the given mean.</summary>
    public double NextExponential(double mean) => -mean * PortableMath.Log(1 - NextDouble());

    /// <summary>A gamma draw with the given shape (at least 1) and scale 1 (Marsaglia and Tsang).</summary>
    public double NextGamma(double shape)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shape, 1.0);
        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = NextGaussian();
                v = 1 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = NextDouble();
            var x2 = x * x;
            if (u < 1 - (0.0331 * x2 * x2))
                return d * v;
            if (u > 0 && PortableMath.Log(u) < (0.5 * x2) + (d * (1 - v + PortableMath.Log(v))))
                return d * v;
        }
    }

    /// <summary>
    /// A Poisson draw with mean <paramref name="lambda"/>: exact inversion below 30, a rounded normal above, where
    /// the two are indistinguishable for sample data.
    /// </summary>
    public int NextPoisson(double lambda)
    {
        if (lambda <= 0)
            return 0;
        if (lambda >= 30)
            return (int)Math.Max(0, Math.Round(lambda + (Math.Sqrt(lambda) * NextGaussian())));

        var p = PortableMath.Exp(-lambda);
        var cumulative = p;
        var u = NextDouble();
        var k = 0;
        while (u > cumulative && k < 200)
        {
            k++;
            p *= lambda / k;
            cumulative += p;
        }

        return k;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
