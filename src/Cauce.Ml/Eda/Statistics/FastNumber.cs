using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Eda.Statistics;

/// <summary>
/// Parses the plain numbers that fill most files (<c>-12</c>, <c>1234.56</c>) without the general parser, and
/// hands anything else to <see cref="Values.TryNumber"/>. Same results: with at most 15 significant digits the
/// digits and the power of ten are exact doubles, so one division is the correctly rounded value, as
/// <see cref="double.Parse(string)"/> gives.
/// </summary>
internal static class FastNumber
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];

    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == '-')
        {
            negative = true;
            i = 1;
        }

        long digits = 0;
        var count = 0;
        var decimals = -1;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                digits = (digits * 10) + (c - '0');
                count++;
                if (decimals >= 0)
                    decimals++;
            }
            else if (c == '.' && decimals < 0)
            {
                decimals = 0;
            }
            else
            {
                return Values.TryNumber(text, out value);
            }
        }

        if (count == 0 || count > 15 || decimals == 0)
            return Values.TryNumber(text, out value);
        value = decimals > 0 ? digits / PowersOfTen[decimals] : digits;
        if (negative)
            value = -value;
        return true;
    }
}
