namespace Cauce.Ml.Data.Schema;

/// <summary>
/// What one pass over a column saw: how many values parse as each type, the first value that is not a
/// number, and the spellings it holds with their counts (up to <see cref="DistinctCap"/> of them).
/// </summary>
public sealed class ColumnEvidence(string name, IReadOnlySet<string> missingTokens, SentinelSet? sentinels = null)
{
    /// <summary>Spellings tracked per column; past this a column is taken for free text and its count is "more than".</summary>
    public const int DistinctCap = 2000;

    private readonly Dictionary<string, long> _spellings = new(StringComparer.Ordinal);
    public string Name { get; } = name;

    public long Missing { get; private set; }

    public long Present { get; private set; }

    public long Integers { get; private set; }

    public long Numbers { get; private set; }

    public long BooleanWords { get; private set; }

    public long ZeroOnes { get; private set; }

    public long Dates { get; private set; }

    public long DecimalCommas { get; private set; }

    /// <summary>Values whose text had spaces at either end.</summary>
    public long Padded { get; private set; }

    /// <summary>The first value that is not a number, with its line, for messages about mixed columns.</summary>
    public (long Line, string Value)? FirstNonNumber { get; private set; }

    public (long Line, string Value)? FirstNonInteger { get; private set; }

    public (long Line, string Value)? FirstNonBoolean { get; private set; }

    public (long Line, string Value)? FirstNonDate { get; private set; }

    /// <summary>The first value that is a number, with its line.</summary>
    public (long Line, string Value)? FirstNumber { get; private set; }

    /// <summary>True when the column holds more than <see cref="DistinctCap"/> spellings.</summary>
    public bool DistinctOverflow { get; private set; }

    /// <summary>Each trimmed spelling and how often it occurs (complete unless <see cref="DistinctOverflow"/>).</summary>
    public IReadOnlyDictionary<string, long> Spellings => _spellings;

    /// <summary>Distinct spellings seen, capped.</summary>
    public int Distinct => _spellings.Count;

    /// <summary>Takes one raw field.</summary>
    public void Add(ReadOnlySpan<char> raw, long line)
    {
        var value = Values.Clean(raw);
        if (value.Length != raw.Length)
            Padded++;
        if (Values.IsMissing(value, missingTokens) || (sentinels?.Contains(value) ?? false))
        {
            Missing++;
            return;
        }

        Present++;
        var isNumber = Values.TryNumber(value, out _);
        var isInteger = isNumber && Values.TryInteger(value, out _);
        var isZeroOne = isInteger && Values.TryZeroOne(value, out _);
        var isWord = !isNumber && Values.TryBooleanWord(value, out _);
        var isDecimalComma = !isNumber && !isWord && Values.LooksLikeDecimalComma(value);
        var isDate = !isNumber && !isWord && !isDecimalComma && value.Length >= 10 && value[4] == '-' && Values.TryDate(value, out _);
        if (isNumber)
        {
            Numbers++;
            FirstNumber ??= (line, value.ToString());
        }
        else
        {
            FirstNonNumber ??= (line, value.ToString());
        }

        if (isInteger)
            Integers++;
        else
            FirstNonInteger ??= (line, value.ToString());
        if (isZeroOne)
            ZeroOnes++;
        if (isWord)
            BooleanWords++;
        if (!isWord && !isZeroOne)
            FirstNonBoolean ??= (line, value.ToString());
        if (isDecimalComma)
            DecimalCommas++;
        if (isDate)
            Dates++;
        else
            FirstNonDate ??= (line, value.ToString());

        Count(value);
    }

    private void Count(ReadOnlySpan<char> value)
    {
        if (DistinctOverflow)
            return;
        var lookup = _spellings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out var count))
        {
            lookup[value] = count + 1;
        }
        else if (_spellings.Count < DistinctCap)
        {
            lookup[value] = 1;
        }
        else
        {
            DistinctOverflow = true;
            _spellings.Clear();
        }
    }
}
