namespace Cauce.Ml.Eda.Statistics;

/// <summary>
/// Sums for Pearson's r over the rows where both variables are present. The caller shifts each variable by a value
/// near its centre (its first value), which keeps the sums of squares from cancelling: one pass, no division per row.
/// </summary>
internal struct PairSums
{
    private double _x;
    private double _y;
    private double _xx;
    private double _yy;
    private double _xy;

    public long Count { get; private set; }

    public void Add(double x, double y)
    {
        Count++;
        _x += x;
        _y += y;
        _xx += x * x;
        _yy += y * y;
        _xy += x * y;
    }

    /// <summary>r, or null when either variable is constant or there are fewer than three pairs.</summary>
    public readonly double? Correlation
    {
        get
        {
            if (Count < 3)
                return null;
            var n = (double)Count;
            var varX = _xx - (_x * _x / n);
            var varY = _yy - (_y * _y / n);
            var cov = _xy - (_x * _y / n);
            // Relative to the scale of the sums, a variance this small is rounding: the variable is constant.
            if (varX <= 1e-12 * Math.Max(_xx, 1e-300) || varY <= 1e-12 * Math.Max(_yy, 1e-300))
                return null;
            return Math.Clamp(cov / Math.Sqrt(varX * varY), -1, 1);
        }
    }
}
