using System.Text;

namespace Cauce.Ml.Data.Samples;

/// <summary>
/// Writes CSV rows as UTF-8 bytes into one reused buffer that is flushed to a stream, so memory stays the same for
/// any number of rows. Numbers are written digit by digit: '.' decimals, no thousands separators, no culture.
/// Fields are never quoted. Every text value comes from <see cref="Literal"/>, which refuses values that would need quoting.
/// </summary>
internal sealed class CsvRowWriter
{
    /// <summary>The most bytes one row may take; the buffer always has room for a row and its duplicate.</summary>
    public const int MaxRowBytes = 2048;

    private const int Capacity = 1 << 16;
    private static readonly long[] PowersOfTen = [1, 10, 100, 1000, 10_000];

    private readonly byte[] _buffer = new byte[Capacity];
    private int _length;
    private int _rowStart;
    private int _lastRowStart = -1;
    private int _lastRowEnd = -1;
    private bool _atRowStart = true;

    /// <summary>True when fewer bytes are left than a row and its duplicate could take.</summary>
    public bool NeedsFlush => Capacity - _length < 2 * MaxRowBytes;

    /// <summary>The UTF-8 bytes of a text value that never needs quoting: no comma, quote, or line break.</summary>
    public static byte[] Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            throw new ArgumentException($"sample value '{value}' would need CSV quoting", nameof(value));
        return Encoding.UTF8.GetBytes(value);
    }

    /// <summary>Writes the header row.</summary>
    public void Header(IReadOnlyList<string> columns)
    {
        foreach (var column in columns)
            Text(Literal(column));
        EndRow();
    }

    /// <summary>A text field, as bytes made by <see cref="Literal"/>.</summary>
    public void Text(ReadOnlySpan<byte> utf8)
    {
        Separator();
        utf8.CopyTo(_buffer.AsSpan(_length));
        _length += utf8.Length;
    }

    /// <summary>An empty field.</summary>
    public void Blank() => Separator();

    /// <summary>An integer field.</summary>
    public void Integer(long value)
    {
        Separator();
        WriteInteger(value);
    }

    /// <summary>A 0/1 field.</summary>
    public void Flag(bool value)
    {
        Separator();
        _buffer[_length++] = value ? (byte)'1' : (byte)'0';
    }

    /// <summary>
    /// A number with exactly <paramref name="decimals"/> (0 to 4) digits after the point, rounded half to even at
    /// that digit; never written as "-0".
    /// </summary>
    public void Decimal(double value, int decimals)
    {
        Separator();
        var scale = PowersOfTen[decimals];
        var scaled = (long)Math.Round(value * scale);
        if (scaled < 0)
        {
            _buffer[_length++] = (byte)'-';
            scaled = -scaled;
        }

        WriteInteger(scaled / scale);
        if (decimals == 0)
            return;
        _buffer[_length++] = (byte)'.';
        var fraction = scaled % scale;
        for (var i = decimals - 1; i >= 0; i--)
        {
            _buffer[_length + i] = (byte)('0' + (fraction % 10));
            fraction /= 10;
        }

        _length += decimals;
    }

    /// <summary>A code made of a prefix and a number zero-padded to <paramref name="width"/> digits, like <c>CLI-0000042</c>.</summary>
    public void Code(ReadOnlySpan<byte> prefix, long number, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(number);
        Separator();
        prefix.CopyTo(_buffer.AsSpan(_length));
        _length += prefix.Length;
        var digits = CountDigits((ulong)number);
        for (var i = digits; i < width; i++)
            _buffer[_length++] = (byte)'0';
        WriteInteger(number);
    }

    /// <summary>Ends the current row.</summary>
    public void EndRow()
    {
        _buffer[_length++] = (byte)'\n';
        _lastRowStart = _rowStart;
        _lastRowEnd = _length;
        _rowStart = _length;
        _atRowStart = true;
    }

    /// <summary>Writes the row just ended once more, byte for byte.</summary>
    public void RepeatLastRow()
    {
        if (_lastRowStart < 0 || !_atRowStart)
            throw new InvalidOperationException("there is no complete row in the buffer to repeat");
        var row = _lastRowEnd - _lastRowStart;
        _buffer.AsSpan(_lastRowStart, row).CopyTo(_buffer.AsSpan(_length));
        _lastRowStart = _length;
        _length += row;
        _lastRowEnd = _length;
        _rowStart = _length;
    }

    /// <summary>Writes the complete rows in the buffer to <paramref name="output"/> and empties the buffer.</summary>
    public async ValueTask FlushAsync(Stream output, CancellationToken cancellationToken)
    {
        if (!_atRowStart)
            throw new InvalidOperationException("a row is half written");
        if (_length > 0)
            await output.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
        _length = 0;
        _rowStart = 0;
        _lastRowStart = -1;
        _lastRowEnd = -1;
    }

    private void Separator()
    {
        if (_atRowStart)
            _atRowStart = false;
        else
            _buffer[_length++] = (byte)',';
    }

    private void WriteInteger(long value)
    {
        if (value < 0)
        {
            _buffer[_length++] = (byte)'-';
            if (value == long.MinValue)
            {
                // -long.MinValue overflows; its digits are written through ulong.
                WriteDigits(9_223_372_036_854_775_808UL);
                return;
            }

            value = -value;
        }

        WriteDigits((ulong)value);
    }

    private void WriteDigits(ulong value)
    {
        var digits = CountDigits(value);
        var end = _length + digits;
        for (var i = end - 1; i >= _length; i--)
        {
            _buffer[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        _length = end;
    }

    private static int CountDigits(ulong value)
    {
        var digits = 1;
        while (value >= 10)
        {
            value /= 10;
            digits++;
        }

        return digits;
    }
}
