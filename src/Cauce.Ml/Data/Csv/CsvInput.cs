using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Cauce.Core.Errors;
using nietras.SeparatedValues;

namespace Cauce.Ml.Data.Csv;

/// <summary>One data row of a CSV file, valid only during the callback that receives it.</summary>
public readonly ref struct CsvRow
{
    private readonly SepReader.Row _row;
    private readonly FieldUnquoter _unquoter;

    internal CsvRow(SepReader.Row row, FieldUnquoter unquoter)
    {
        _row = row;
        _unquoter = unquoter;
    }

    /// <summary>The 1-based line the row starts on, as an editor shows it (the header is line 1).</summary>
    public long Line => _row.LineNumberFrom;

    public int Count => _row.ColCount;

    /// <summary>The text of a field, unquoted but not trimmed.</summary>
    public ReadOnlySpan<char> this[int column]
    {
        get
        {
            var raw = _row[column].Span;
            return raw.Length > 0 && raw[0] == '"' ? _unquoter.Unquote(column, raw) : raw;
        }
    }
}

/// <summary>Removes a quoted field's quotes and undoubles its inner quotes, into a buffer per column.</summary>
internal sealed class FieldUnquoter(int columns)
{
    private readonly char[][] _buffers = [.. Enumerable.Range(0, columns).Select(_ => new char[64])];

    public ReadOnlySpan<char> Unquote(int column, ReadOnlySpan<char> raw)
    {
        var inner = raw.Length >= 2 && raw[^1] == '"' ? raw[1..^1] : raw[1..];
        if (_buffers[column].Length < inner.Length)
            _buffers[column] = new char[Math.Max(inner.Length, _buffers[column].Length * 2)];
        var buffer = _buffers[column];
        var length = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            buffer[length++] = inner[i];
            if (inner[i] == '"' && i + 1 < inner.Length && inner[i + 1] == '"')
                i++;
        }

        return buffer.AsSpan(0, length);
    }

    /// <summary>A field over several lines is fine only when quoted from its first character to its last.</summary>
    public static bool IsWellQuoted(ReadOnlySpan<char> raw) => raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"';
}

/// <summary>Receives each data row of a file in order.</summary>
public delegate void CsvRowAction(CsvRow row);

/// <summary>
/// A CSV file opened for streaming: its header checked, its separator detected (',', ';', tab or '|'), quoted
/// fields, CRLF and a UTF-8 byte-order mark handled. Every way a file can be broken — empty, binary, not UTF-8,
/// a duplicated or blank column name, a ragged row — becomes a <see cref="DataFileException"/> that names the
/// file, the line and what to do. Blank lines are skipped, as pandas does.
/// </summary>
public sealed class CsvInput
{
    private const int SniffLength = 8192;

    private CsvInput(string path, string displayPath, IReadOnlyList<string> columns, char separator, long length)
    {
        FullPath = path;
        DisplayPath = displayPath;
        Columns = columns;
        Separator = separator;
        Length = length;
    }

    public string FullPath { get; }

    /// <summary>The path as messages show it.</summary>
    public string DisplayPath { get; }

    /// <summary>The header's column names, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    public char Separator { get; }

    /// <summary>The file's size in bytes.</summary>
    public long Length { get; }

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
                return i;
        }

        return -1;
    }

    /// <summary>The index of a column that must exist; the error lists the columns there are.</summary>
    public int RequireColumn(string column, string role)
    {
        var index = IndexOf(column);
        if (index < 0)
        {
            throw DataFileException.In(DisplayPath, $"has no {role} column '{column}'",
                $"its columns are: {string.Join(", ", Columns)}");
        }

        return index;
    }

    /// <summary>Opens <paramref name="path"/> and reads its header; <paramref name="displayPath"/> names it in messages.</summary>
    public static CsvInput Open(string path, string displayPath)
    {
        if (Directory.Exists(path))
            throw DataFileException.In(displayPath, "is a folder, not a CSV file");
        if (!File.Exists(path))
            throw DataFileException.In(displayPath, "does not exist", "check the path, or run 'cauce pull' if the data is versioned");
        var info = new FileInfo(path);
        if (info.Length == 0)
            throw DataFileException.In(displayPath, "is empty: a CSV file needs at least a header line");
        CheckLooksLikeText(path, displayPath);

        try
        {
            using var reader = OpenReader(path, hasHeader: true);
            var columns = reader.Header.ColNames.ToArray();
            if (columns.Length == 0 || (columns.Length == 1 && columns[0].Trim().Length == 0))
                throw DataFileException.AtLine(displayPath, 1, "the header line is blank", "the first line must name the columns");
            for (var i = 0; i < columns.Length; i++)
            {
                if (columns[i].Trim().Length == 0)
                    throw DataFileException.AtLine(displayPath, 1, $"column {i + 1} of the header has no name", "give every column a name");
            }

            return new CsvInput(path, displayPath, columns, reader.Spec.Sep.Separator, info.Length);
        }
        catch (ArgumentException e) when (e.Message.StartsWith("Col name", StringComparison.Ordinal))
        {
            throw DataFileException.AtLine(displayPath, 1, $"the header repeats a column name ({FirstLine(e.Message)})", "every column needs its own name");
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8(path, displayPath);
        }
    }

    /// <summary>
    /// Calls <paramref name="action"/> for every data row, in file order; returns how many there were.
    /// <paramref name="progress"/> receives the share of the file read (0 to 1).
    /// </summary>
    public long ForEach(CsvRowAction action, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        long rows = 0;
        try
        {
            using var stream = new FileStream(FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var text = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            using var reader = Sep.Reader(o => o with { HasHeader = true, Unescape = false, DisableColCountCheck = true, Sep = new Sep(Separator) }).From(text);
            var unquoter = new FieldUnquoter(Columns.Count);
            foreach (var row in reader)
            {
                if (row.ColCount == 1 && row[0].Span.Trim().Length == 0)
                    continue; // a blank line
                if (row.LineNumberToExcl - row.LineNumberFrom > 1)
                    CheckMultiline(row);
                if (row.ColCount != Columns.Count)
                {
                    throw DataFileException.AtLine(DisplayPath, row.LineNumberFrom,
                        $"has {row.ColCount} field{(row.ColCount == 1 ? "" : "s")} where the header has {Columns.Count}",
                        "every line needs one value per column; quote values that contain the separator");
                }

                action(new CsvRow(row, unquoter));
                rows++;
                if ((rows & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report((double)stream.Position / Math.Max(Length, 1));
                }
            }
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8(FullPath, DisplayPath);
        }

        progress?.Report(1);
        return rows;
    }

    /// <summary>
    /// A row over several lines is legitimate only when each field holding a line break is quoted from end to end.
    /// Anything else is a quote never closed, or a stray '"' inside a value, that swallowed the lines after it.
    /// </summary>
    private void CheckMultiline(SepReader.Row row)
    {
        for (var i = 0; i < row.ColCount; i++)
        {
            var raw = row[i].Span;
            if (raw.IndexOfAny('\n', '\r') >= 0 && !FieldUnquoter.IsWellQuoted(raw))
            {
                throw DataFileException.AtLine(DisplayPath, row.LineNumberFrom,
                    "a quote opens a value that runs on over the next lines (a quote never closed, or a stray '\"' inside a value)",
                    "close the quote; a '\"' inside a value is written doubled within a quoted value: \"Monitor 24\"\"\"");
            }
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static SepReader OpenReader(string path, bool hasHeader)
    {
        var text = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: true);
        return Sep.Reader(o => o with { HasHeader = hasHeader, Unescape = true, DisableColCountCheck = true }).From(text);
    }

    private static void CheckLooksLikeText(string path, string displayPath)
    {
        var head = new byte[SniffLength];
        int read;
        using (var stream = File.OpenRead(path))
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var bytes = head.AsSpan(0, read);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw DataFileException.In(displayPath, "is UTF-16 text (Excel's 'Unicode text'), not UTF-8", "save it as 'CSV UTF-8', or convert it with 'iconv -f utf-16 -t utf-8'");
        if (bytes.StartsWith("PK\x03\x04"u8))
            throw DataFileException.In(displayPath, "is a zip archive (an Excel .xlsx?), not a CSV file", "export it as CSV (UTF-8) first");
        if (bytes.IndexOf((byte)0) >= 0)
            throw DataFileException.In(displayPath, "holds binary data, not CSV text", "give a CSV file: text, one row per line, values separated by commas");
    }

    /// <summary>Finds the first byte that is not UTF-8 and names its line and position.</summary>
    private static DataFileException NotUtf8(string path, string displayPath)
    {
        using var stream = File.OpenRead(path);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var chars = ArrayPool<char>.Shared.Rent(1 << 17);
        try
        {
            long offset = 0;
            long line = 1;
            long lineStart = 0;
            var carry = 0;
            int read;
            while ((read = stream.Read(buffer, carry, (1 << 16) - carry)) > 0 || carry > 0)
            {
                var length = carry + read;
                var status = Utf8.ToUtf16(buffer.AsSpan(0, length), chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: read == 0);
                for (var i = 0; i < consumed; i++)
                {
                    if (buffer[i] == (byte)'\n')
                    {
                        line++;
                        lineStart = offset + i + 1;
                    }
                }

                if (status == OperationStatus.InvalidData)
                {
                    var bad = offset + consumed;
                    return DataFileException.AtLine(displayPath, line,
                        $"byte {bad - lineStart + 1} of the line (0x{buffer[consumed]:X2}) is not UTF-8 text",
                        "save the file as UTF-8 (in Excel: 'CSV UTF-8'); a Latin-1 file can be converted with 'iconv -f latin1 -t utf-8'");
                }

                carry = length - consumed;
                Array.Copy(buffer, consumed, buffer, 0, carry);
                offset += consumed;
                if (read == 0)
                    break;
            }

            return DataFileException.In(displayPath, "is not UTF-8 text", "save the file as UTF-8");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
