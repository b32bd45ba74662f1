namespace Cauce.Ml.Data.Preparation;

/// <summary>
/// The exact median of a stream of numbers in two passes with bounded memory (radix select): the first pass
/// counts values per bucket of their 16 leading order-preserving bits; the second keeps only the values in the
/// one or two buckets that hold the middle ranks, counted per distinct value.
/// </summary>
internal sealed class ExactMedian
{
    private readonly long[] _buckets = new long[1 << 16];
    private readonly SortedDictionary<double, long> _middle = [];
    private int _lowBucket = -1;
    private int _highBucket = -1;
    private long _lowRank;
    private long _highRank;

    public long Count { get; private set; }

    public void AddFirstPass(double value)
    {
        _buckets[Bucket(value)]++;
        Count++;
    }

    /// <summary>After the first pass: which buckets hold ranks ⌊(n−1)/2⌋ and ⌊n/2⌋ (the same one for odd n).</summary>
    public void EndFirstPass()
    {
        if (Count == 0)
            return;
        (_lowBucket, _lowRank) = Locate((Count - 1) / 2);
        (_highBucket, _highRank) = Locate(Count / 2);
    }

    private (int Bucket, long RankInBucket) Locate(long rank)
    {
        long seen = 0;
        for (var b = 0; b < _buckets.Length; b++)
        {
            if (rank < seen + _buckets[b])
                return (b, rank - seen);
            seen += _buckets[b];
        }

        throw new InvalidOperationException("rank beyond the count");
    }

    public void AddSecondPass(double value)
    {
        var bucket = Bucket(value);
        if (bucket == _lowBucket || bucket == _highBucket)
            _middle[value] = _middle.GetValueOrDefault(value) + 1;
    }

    /// <summary>The median (the mean of the two middle values for an even count), or null for no values.</summary>
    public double? Result()
    {
        if (Count == 0)
            return null;
        var low = Nth(_lowBucket, _lowRank);
        var high = Nth(_highBucket, _highRank);
        return low == high ? low : low + ((high - low) / 2);
    }

    private double Nth(int bucket, long rank)
    {
        foreach (var (value, count) in _middle)
        {
            if (Bucket(value) != bucket)
                continue;
            if (rank < count)
                return value;
            rank -= count;
        }

        throw new InvalidOperationException("the median's bucket was not filled in the second pass");
    }

    /// <summary>The top 16 bits of a key whose unsigned order is the numbers' order.</summary>
    private static int Bucket(double value)
    {
        var bits = BitConverter.DoubleToUInt64Bits(value == 0 ? 0.0 : value);
        var key = (bits >> 63) == 1 ? ~bits : bits | 0x8000_0000_0000_0000UL;
        return (int)(key >> 48);
    }
}

/// <summary>The most frequent value of a column (ties: the first in ordinal order).</summary>
internal sealed class ModeCounter
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string value) => _counts[value] = _counts.GetValueOrDefault(value) + 1;

    public string? Result() =>
        _counts.Count == 0 ? null : _counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
}
