using Cauce.Ml.Randomness;

namespace Cauce.Ml.Eda.Statistics;

/// <summary>
/// The values of a column kept for quantiles and histograms: all of them when the column has at most
/// <see cref="Capacity"/> present values, otherwise a uniform reservoir sample of that size (Vitter's algorithm R)
/// drawn from a seeded generator, so the same file gives the same sample.
/// </summary>
internal sealed class ValueSample
{
    private readonly double[] _values;
    private readonly SeededRandom? _random;
    private long _seen;

    /// <summary>A sample for <paramref name="expected"/> values (known from the first pass), keeping at most <paramref name="capacity"/>, drawn with <paramref name="seed"/>.</summary>
    public ValueSample(long expected, int capacity, ulong seed)
    {
        Capacity = capacity;
        IsSampled = expected > capacity;
        _values = new double[Math.Max(0, Math.Min(expected, capacity))];
        if (IsSampled)
            _random = new SeededRandom(seed);
    }

    public int Capacity { get; }

    /// <summary>True when the values are a sample rather than all of them.</summary>
    public bool IsSampled { get; }

    /// <summary>Values offered so far.</summary>
    public long Seen => _seen;

    public void Add(double value)
    {
        if (_seen < _values.Length)
        {
            _values[_seen] = value;
        }
        else if (_random is not null)
        {
            var slot = (long)Math.BigMul(_random.NextUInt64(), (ulong)(_seen + 1), out _);
            if (slot < _values.Length)
                _values[slot] = value;
        }

        // A value beyond what the first pass counted would be a file changed under us: ignore it.
        _seen++;
    }

    /// <summary>The kept values in ascending order (sorts in place; call once, after the last <see cref="Add"/>).</summary>
    public double[] Sorted()
    {
        var kept = _values.AsSpan(0, (int)Math.Min(_seen, _values.Length));
        kept.Sort();
        return kept.Length == _values.Length ? _values : kept.ToArray();
    }
}
