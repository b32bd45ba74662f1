using System.Globalization;

namespace Cauce.Ml.Eda;

/// <summary>
/// How numbers, shares and names read in EDA reports and figures: invariant culture, thousands separators, at most a
/// few decimals, and names and values as Markdown code spans (the report's one inline markup besides bold).
/// </summary>
public static class ReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("#,##0", Invariant);

    /// <summary>A readable number: thousands separated, at most three decimals above 1, four below.</summary>
    public static string Number(double value)
    {
        if (double.IsNaN(value))
            return "—";
        var abs = Math.Abs(value);
        if (abs == 0)
            return "0";
        if (abs >= 1e9 || abs < 0.0001)
            return value.ToString("0.###e+0", Invariant);
        if (abs >= 1000)
            return value.ToString("#,##0.##", Invariant);
        if (abs >= 1)
            return value.ToString("0.###", Invariant);
        return value.ToString("0.####", Invariant);
    }

    public static string Number(double? value) => value is { } v ? Number(v) : "—";

    /// <summary>A share as a percentage with one decimal; "&lt;0.1%" rather than "0.0%" for a small non-zero share.</summary>
    public static string Share(long part, long whole)
    {
        if (whole <= 0)
            return "—";
        return Percent((double)part / whole);
    }

    public static string Percent(double share)
    {
        if (share > 0 && share < 0.0005)
            return "<0.1%";
        return (share * 100).ToString("0.0", Invariant) + "%";
    }

    /// <summary>A name or value as a code span; a backtick inside becomes a quote so the span stays one.</summary>
    public static string Code(string value) => "`" + value.Replace('`', '\'') + "`";

    /// <summary>A value whose spaces matter (" Fibra"), quoted inside a code span.</summary>
    public static string Quoted(string value) => Code("\"" + value + "\"");

    /// <summary>"a, b and c".</summary>
    public static string List(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list[..^1]) + " and " + list[^1],
        };
    }

    /// <summary>"1 row" or "2 rows".</summary>
    public static string Plural(long count, string one, string many) => $"{Count(count)} {(count == 1 ? one : many)}";
}
