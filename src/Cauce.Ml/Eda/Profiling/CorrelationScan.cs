using Cauce.Ml.Eda.Statistics;

namespace Cauce.Ml.Eda.Profiling;

/// <summary>Pearson's r for every pair of the chosen columns, each pair over the rows where both are present.</summary>
internal sealed class CorrelationScan
{
    private const int StrongestListed = 10;
    private readonly ColumnScan[] _columns;
    private readonly PairSums[] _pairs;
    private readonly double[] _shift;
    private readonly bool[] _shifted;
    private readonly double[] _values;
    private readonly int[] _present;

    public CorrelationScan(ColumnScan[] columns)
    {
        _columns = columns;
        _pairs = new PairSums[columns.Length * (columns.Length - 1) / 2];
        _shift = new double[columns.Length];
        _shifted = new bool[columns.Length];
        _values = new double[columns.Length];
        _present = new int[columns.Length];
    }

    public void AddCurrentRow()
    {
        var count = 0;
        for (var i = 0; i < _columns.Length; i++)
        {
            var value = _columns[i].Value;
            if (double.IsNaN(value))
                continue;
            if (!_shifted[i])
            {
                _shift[i] = value;
                _shifted[i] = true;
            }

            _values[i] = value - _shift[i];
            _present[count++] = i;
        }

        for (var a = 0; a < count; a++)
        {
            var i = _present[a];
            var x = _values[i];
            var offset = PairOffset(i);
            for (var b = a + 1; b < count; b++)
            {
                var j = _present[b];
                _pairs[offset + (j - i - 1)].Add(x, _values[j]);
            }
        }
    }

    public CorrelationMatrix Result(IReadOnlyList<string> leftOut)
    {
        var k = _columns.Length;
        var rows = new List<IReadOnlyList<double?>>(k);
        var pairs = new List<CorrelationPair>();
        for (var i = 0; i < k; i++)
        {
            var row = new double?[k];
            for (var j = 0; j < k; j++)
            {
                if (i == j)
                {
                    row[j] = _columns[i].Moments.StandardDeviation is > 0 ? 1.0 : null;
                    continue;
                }

                var (lo, hi) = i < j ? (i, j) : (j, i);
                var pair = _pairs[PairOffset(lo) + (hi - lo - 1)];
                row[j] = pair.Correlation is { } r ? Math.Round(r, 4) : null;
                if (i < j && pair.Correlation is { } exact)
                    pairs.Add(new CorrelationPair(_columns[i].Name, _columns[j].Name, Math.Round(exact, 4), pair.Count));
            }

            rows.Add(row);
        }

        var strongest = pairs.OrderByDescending(p => Math.Abs(p.R)).ThenBy(p => p.A, StringComparer.Ordinal).ThenBy(p => p.B, StringComparer.Ordinal).Take(StrongestListed).ToList();
        return new CorrelationMatrix([.. _columns.Select(c => c.Name)], rows, strongest, leftOut);
    }

    /// <summary>Where the pairs (i, i+1), (i, i+2)… start in the flat triangle.</summary>
    private int PairOffset(int i) => (i * _columns.Length) - (i * (i + 1) / 2);
}
