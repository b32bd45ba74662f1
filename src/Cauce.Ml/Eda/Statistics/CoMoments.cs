namespace Cauce.Ml.Eda.Statistics;

/// <summary>Pearson's correlation of two variables over the rows where both are present, in one stable pass.</summary>
internal struct CoMoments
{
    private double _meanX;
    private double _meanY;
    private double _m2X;
    private double _m2Y;
    private double _c;

    public long Count { get; private set; }

    public void Add(double x, double y)
    {
        Count++;
        var dx = x - _meanX;
        _meanX += dx / Count;
        var dy = y - _meanY;
        _meanY += dy / Count;
        _m2X += dx * (x - _meanX);
        _m2Y += dy * (y - _meanY);
        _c += dx * (y - _meanY);
    }

    /// <summary>r, or null when either variable is constant or there are fewer than three pairs.</summary>
    public readonly double? Correlation =>
        Count < 3 || _m2X <= 1e-300 || _m2Y <= 1e-300 ? null : Math.Clamp(_c / Math.Sqrt(_m2X * _m2Y), -1, 1);
}
