using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Eda.Statistics;

namespace Cauce.Ml.Eda.Profiling;

/// <summary>
/// Counts rows equal to an earlier row: on every field, and on every field but the identifier columns. The reading
/// thread only copies each row's fields side by side into batches; another thread hashes each row to 128 bits and
/// looks it up, in file order, so the counts do not depend on timing. That half of the work (memory-bound set
/// lookups) then overlaps the parsing of the next rows.
/// </summary>
internal sealed class DuplicateCounter : IDisposable
{
    private const char Separator = '\u001F';
    private const int RowsPerBatch = 4096;

    private readonly Hash128Set _rows;
    private readonly Hash128Set? _rowsWithoutIds;
    private readonly bool[] _skip;
    private readonly int _limit;
    private readonly BlockingCollection<Batch> _full = new(boundedCapacity: 4);
    private readonly BlockingCollection<Batch> _free = new();
    private readonly Task _consumer;
    private Batch _batch = new();

    public DuplicateCounter(int columns, IReadOnlySet<int> identifiers, int limit, long expectedRows)
    {
        _limit = limit;
        var capacity = (int)Math.Min(expectedRows, limit);
        _rows = new Hash128Set(capacity);
        _skip = new bool[columns];
        foreach (var i in identifiers)
            _skip[i] = true;
        if (identifiers.Count > 0 && identifiers.Count < columns)
            _rowsWithoutIds = new Hash128Set(capacity);
        _consumer = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public long Exact { get; private set; }

    public long IgnoringIdentifiers { get; private set; }

    /// <summary>True when more distinct rows came than are remembered: the counts are lower bounds.</summary>
    public bool LowerBound { get; private set; }

    public void Add(CsvRow row)
    {
        var batch = _batch;
        for (var i = 0; i < row.Count; i++)
        {
            var field = row[i];
            batch.All.Append(field);
            if (_rowsWithoutIds is not null && !_skip[i])
                batch.Partial.Append(field);
        }

        batch.EndRow();
        if (batch.Rows == RowsPerBatch)
        {
            _full.Add(batch);
            _batch = _free.TryTake(out var recycled) ? recycled : new Batch();
        }
    }

    /// <summary>Hands over the last rows and waits until every row is counted.</summary>
    public void Finish()
    {
        if (_batch.Rows > 0)
            _full.Add(_batch);
        _batch = new Batch();
        _full.CompleteAdding();
        _consumer.GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        if (!_full.IsAddingCompleted)
            _full.CompleteAdding();
        try
        {
            _consumer.Wait();
        }
        catch (AggregateException)
        {
            // Only reached when the read failed first: that error is the one reported.
        }

        _full.Dispose();
        _free.Dispose();
    }

    private void Consume()
    {
        foreach (var batch in _full.GetConsumingEnumerable())
        {
            for (var r = 0; r < batch.Rows; r++)
            {
                if (Seen(_rows, XxHash128.HashToUInt128(MemoryMarshal.AsBytes(batch.All.RowAt(r)))))
                    Exact++;
                if (_rowsWithoutIds is null)
                    IgnoringIdentifiers = Exact;
                else if (Seen(_rowsWithoutIds, XxHash128.HashToUInt128(MemoryMarshal.AsBytes(batch.Partial.RowAt(r)))))
                    IgnoringIdentifiers++;
            }

            batch.Clear();
            _free.Add(batch);
        }
    }

    private bool Seen(Hash128Set set, UInt128 hash)
    {
        if (set.Count < _limit)
            return !set.Add(hash);
        if (set.Contains(hash))
            return true;
        LowerBound = true;
        return false;
    }

    /// <summary>Rows copied for hashing: all fields, and the fields that are not identifiers.</summary>
    private sealed class Batch
    {
        public RowText All { get; } = new();

        public RowText Partial { get; } = new();

        public int Rows { get; private set; }

        public void EndRow()
        {
            All.EndRow();
            Partial.EndRow();
            Rows++;
        }

        public void Clear()
        {
            All.Clear();
            Partial.Clear();
            Rows = 0;
        }
    }

    /// <summary>Rows' fields one after another, each followed by a separator no CSV text holds; where each row ends.</summary>
    private sealed class RowText
    {
        private readonly int[] _ends = new int[RowsPerBatch];
        private char[] _text = new char[RowsPerBatch * 64];
        private int _length;
        private int _rows;

        public void Append(ReadOnlySpan<char> field)
        {
            if (_length + field.Length + 1 > _text.Length)
                Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + field.Length + 1));
            field.CopyTo(_text.AsSpan(_length));
            _length += field.Length;
            _text[_length++] = Separator;
        }

        public void EndRow() => _ends[_rows++] = _length;

        public ReadOnlySpan<char> RowAt(int row)
        {
            var start = row == 0 ? 0 : _ends[row - 1];
            return _text.AsSpan(start, _ends[row] - start);
        }

        public void Clear()
        {
            _length = 0;
            _rows = 0;
        }
    }
}
