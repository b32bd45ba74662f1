using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Cauce.Ml.Data.Csv;

/// <summary>
/// A 128-bit hash of a row's fields, for finding exact duplicate rows in one pass with memory of 16 bytes per
/// distinct row (the chance of two different rows colliding is about n²/2¹²⁹: nil for any file).
/// </summary>
public sealed class RowHash
{
    private static readonly byte[] Separator = [0x1F, 0x00];
    private readonly XxHash128 _hash = new();

    public UInt128 Of(CsvRow row)
    {
        for (var i = 0; i < row.Count; i++)
        {
            _hash.Append(MemoryMarshal.AsBytes(row[i]));
            _hash.Append(Separator);
        }

        return Finish();
    }

    public UInt128 Of(IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            _hash.Append(MemoryMarshal.AsBytes((fields[i] ?? "\0").AsSpan()));
            _hash.Append(Separator);
        }

        return Finish();
    }

    public UInt128 Of(ReadOnlySpan<char> value)
    {
        _hash.Append(MemoryMarshal.AsBytes(value));
        return Finish();
    }

    private UInt128 Finish()
    {
        var value = _hash.GetCurrentHashAsUInt128();
        _hash.Reset();
        return value;
    }
}
