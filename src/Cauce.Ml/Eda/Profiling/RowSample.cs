using Cauce.Ml.Randomness;

namespace Cauce.Ml.Eda.Profiling;

/// <summary>
/// A seeded reservoir sample of rows, keeping for chosen columns each row's number (or label code): what the figures
/// of the target against a feature are drawn from.
/// </summary>
internal sealed class RowSample
{
    private readonly ColumnScan[] _columns;
    private readonly float[][] _values;
    private readonly SeededRandom _random;
    private readonly Dictionary<string, int> _index;
    private long _seen;

    public RowSample(IReadOnlyList<ColumnScan> columns, int capacity, ulong seed)
    {
        _columns = [.. columns];
        _values = [.. columns.Select(_ => new float[capacity])];
        _random = new SeededRandom(seed);
        _index = columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>Rows kept.</summary>
    public int Count => (int)Math.Min(_seen, Capacity);

    public long Seen => _seen;

    public void AddCurrentRow()
    {
        long slot;
        if (_seen < Capacity)
        {
            slot = _seen;
        }
        else
        {
            slot = (long)Math.BigMul(_random.NextUInt64(), (ulong)(_seen + 1), out _);
            if (slot >= Capacity)
            {
                _seen++;
                return;
            }
        }

        for (var c = 0; c < _columns.Length; c++)
        {
            var column = _columns[c];
            _values[c][slot] = column.Kind == ScanKind.Labels
                ? (column.Code < 0 ? float.NaN : column.Code)
                : (float)column.Value;
        }

        _seen++;
    }

    public bool Has(string column) => _index.ContainsKey(column);

    /// <summary>The kept values of a column: numbers, or label codes for label columns; NaN where missing.</summary>
    public float[] Values(string column) => _values[_index[column]].AsSpan(0, Count).ToArray();
}
