using System.Globalization;

namespace Cauce.Ml.Data.Schema;

/// <summary>
/// How Cauce reads and writes single values: invariant culture, '.' decimals, ISO dates, and one list of
/// tokens that mean "missing". Every command parses through here, so they all agree on what a value is.
/// </summary>
public static class Values
{
    /// <summary>Tokens that mean missing in any column, after trimming (pandas' defaults, less the exotic ones).</summary>
    public static IReadOnlySet<string> DefaultMissingTokens { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "", "NA", "N/A", "n/a", "NaN", "nan", "NULL", "null", "None", "none", "#N/A",
    };

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ssZ",
    ];

    private static readonly string[] TrueWords = ["true", "yes", "si", "sí", "y", "t"];
    private static readonly string[] FalseWords = ["false", "no", "n", "f"];

    /// <summary>The value with spaces, tabs and non-breaking spaces removed at both ends.</summary>
    public static ReadOnlySpan<char> Clean(ReadOnlySpan<char> raw) => raw.Trim();

    public static bool IsMissing(ReadOnlySpan<char> trimmed, IReadOnlySet<string> missingTokens)
    {
        if (trimmed.IsEmpty)
            return true;
        if (trimmed.Length > 5)
            return false;
        var lookup = missingTokens as HashSet<string>;
        return lookup is not null
            ? lookup.GetAlternateLookup<ReadOnlySpan<char>>().Contains(trimmed)
            : missingTokens.Contains(trimmed.ToString());
    }

    public static bool TryInteger(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>A finite real number written with '.' decimals (exponents allowed; no thousands separators, no NaN).</summary>
    public static bool TryNumber(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);

    /// <summary>'12,5' or '1.234,5': a number written with a decimal comma.</summary>
    public static bool LooksLikeDecimalComma(ReadOnlySpan<char> text)
    {
        var comma = text.LastIndexOf(',');
        if (comma <= 0 || comma == text.Length - 1)
            return false;
        var whole = text[..comma];
        var start = whole[0] is '-' or '+' ? 1 : 0;
        foreach (var c in whole[start..])
        {
            if (!char.IsAsciiDigit(c) && c != '.')
                return false;
        }

        foreach (var c in text[(comma + 1)..])
        {
            if (!char.IsAsciiDigit(c))
                return false;
        }

        return whole.Length > start;
    }

    /// <summary>Reads a decimal-comma number ('1.234,5' → 1234.5).</summary>
    public static bool TryDecimalComma(ReadOnlySpan<char> text, out double value)
    {
        Span<char> buffer = stackalloc char[Math.Min(text.Length, 64)];
        var length = 0;
        foreach (var c in text)
        {
            if (c == '.')
                continue;
            if (length == buffer.Length)
            {
                value = 0;
                return false;
            }

            buffer[length++] = c == ',' ? '.' : c;
        }

        return TryNumber(buffer[..length], out value);
    }

    /// <summary>A yes/no word in English or Spanish, any case (not 0/1: see <see cref="TryZeroOne"/>).</summary>
    public static bool TryBooleanWord(ReadOnlySpan<char> text, out bool value)
    {
        if (text.Length <= 5)
        {
            Span<char> lower = stackalloc char[text.Length];
            text.ToLowerInvariant(lower);
            foreach (var word in TrueWords)
            {
                if (lower.SequenceEqual(word))
                {
                    value = true;
                    return true;
                }
            }

            foreach (var word in FalseWords)
            {
                if (lower.SequenceEqual(word))
                {
                    value = false;
                    return true;
                }
            }
        }

        value = false;
        return false;
    }

    public static bool TryZeroOne(ReadOnlySpan<char> text, out bool value)
    {
        value = text is "1";
        return text is "0" or "1";
    }

    public static bool TryBoolean(ReadOnlySpan<char> text, out bool value) => TryBooleanWord(text, out value) || TryZeroOne(text, out value);

    public static bool TryDate(ReadOnlySpan<char> text, out DateTime value) =>
        DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);

    /// <summary>Parses <paramref name="text"/> (trimmed, not missing) as <paramref name="type"/>; categories and text always parse.</summary>
    public static bool Conforms(ReadOnlySpan<char> text, ColumnType type, bool decimalComma = false) => type switch
    {
        ColumnType.Integer => TryInteger(text, out _),
        ColumnType.Number => decimalComma ? TryDecimalComma(text, out _) : TryNumber(text, out _),
        ColumnType.Boolean => TryBoolean(text, out _),
        ColumnType.Date => TryDate(text, out _),
        _ => true,
    };

    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string FormatInteger(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string FormatBoolean(bool value) => value ? "true" : "false";

    /// <summary>ISO date, with the time only when there is one.</summary>
    public static string FormatDate(DateTime value) =>
        value.TimeOfDay == TimeSpan.Zero
            ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}
