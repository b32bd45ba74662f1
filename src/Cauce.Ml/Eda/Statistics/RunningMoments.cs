namespace Cauce.Ml.Eda.Statistics;

/// <summary>Count, mean and variance in one pass, numerically stable (Welford).</summary>
internal struct RunningMoments
{
    private double _m2;

    public long Count { get; private set; }

    public double Mean { get; private set; }

    public void Add(double value)
    {
        Count++;
        var delta = value - Mean;
        Mean += delta / Count;
        _m2 += delta * (value - Mean);
    }

    /// <summary>The sum of squared deviations from the mean.</summary>
    public readonly double SumOfSquares => _m2;

    /// <summary>The sample standard deviation (n − 1), as pandas gives it; null under two values.</summary>
    public readonly double? StandardDeviation => Count > 1 ? Math.Sqrt(_m2 / (Count - 1)) : null;
}
