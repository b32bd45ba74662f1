namespace Cauce.Ml.Modeling.Evaluation;

/// <summary>
/// A Neumaier (improved Kahan) running sum: the error stays near one rounding however many terms are added, and
/// adding the same terms in the same order always gives the same bits.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    public void Add(double value)
    {
        var t = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }

    public readonly double Value => _sum + _compensation;
}
