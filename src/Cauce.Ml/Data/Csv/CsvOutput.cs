using System.Text;
using Cauce.Core.IO;

namespace Cauce.Ml.Data.Csv;

/// <summary>
/// Writes a CSV file atomically: comma-separated, UTF-8 without a byte-order mark, LF line ends, a field quoted
/// only when it holds a comma, a quote or a line break. The file appears under its name only on
/// <see cref="Commit"/>; disposing without committing leaves nothing behind.
/// </summary>
public sealed class CsvOutput : IDisposable
{
    private readonly PendingFile _file;
    private readonly StreamWriter _writer;
    private readonly int _columns;
    private int _field;
    private bool _committed;

    public CsvOutput(string path, IReadOnlyList<string> columns)
    {
        _file = AtomicFile.Begin(path);
        _writer = new StreamWriter(_file.Stream, AtomicFile.Utf8NoBom, 1 << 16, leaveOpen: true) { NewLine = "\n", AutoFlush = false };
        _columns = columns.Count;
        foreach (var column in columns)
            Field(column);
        EndRow();
        Rows = 0;
    }

    /// <summary>Data rows written so far.</summary>
    public long Rows { get; private set; }

    public string Path => _file.Target;

    public void Field(ReadOnlySpan<char> value)
    {
        if (_field > 0)
            _writer.Write(',');
        _field++;
        if (value.IndexOfAny(",\"\n\r") < 0)
        {
            _writer.Write(value);
            return;
        }

        _writer.Write('"');
        foreach (var c in value)
        {
            if (c == '"')
                _writer.Write('"');
            _writer.Write(c);
        }

        _writer.Write('"');
    }

    /// <summary>An empty field: a missing value.</summary>
    public void Missing() => Field([]);

    public void EndRow()
    {
        if (_field != _columns)
            throw new InvalidOperationException($"a row of {_columns} columns got {_field} fields");
        _writer.Write('\n');
        _field = 0;
        Rows++;
    }

    public void Commit()
    {
        _writer.Flush();
        _file.Commit();
        _committed = true;
    }

    /// <summary>Without a commit, removes what was written; after one, there is nothing left to do.</summary>
    public void Dispose()
    {
        if (!_committed)
            _file.Dispose();
    }
}
