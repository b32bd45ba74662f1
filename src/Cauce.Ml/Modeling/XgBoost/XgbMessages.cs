using System.Text;
using System.Text.RegularExpressions;

namespace Cauce.Ml.Modeling.XgBoost;

/// <summary>Makes XGBoost's log and error text fit Cauce's one-line <c>error:</c> and warning output.</summary>
internal static partial class XgbMessages
{
    /// <summary>
    /// Drops what a user does not need (the "[hh:mm:ss] WARNING: src/file.cc:123:" prefix, a native stack trace)
    /// and puts the rest on one line; repeated "label: value" lines become one "label: a, b, c".
    /// </summary>
    public static string Clean(string text)
    {
        var trace = text.IndexOf("Stack trace:", StringComparison.Ordinal);
        if (trace >= 0)
            text = text[..trace];
        text = Prefix().Replace(text.Trim(), string.Empty);

        var line = new StringBuilder();
        string? label = null;
        foreach (var raw in text.Split('\n'))
        {
            var part = raw.Trim();
            if (part.Length == 0)
                continue;

            var colon = part.IndexOf(": ", StringComparison.Ordinal);
            var partLabel = colon > 0 ? part[..(colon + 2)] : null;
            if (partLabel is not null && partLabel == label)
            {
                line.Append(", ").Append(part[(colon + 2)..]);
                continue;
            }

            if (line.Length > 0)
                line.Append("; ");
            line.Append(part);
            label = partLabel;
        }

        return line.ToString();
    }

    [GeneratedRegex(@"^\[\d{2}:\d{2}:\d{2}\]\s+(?:(?:WARNING|INFO|DEBUG):\s+)?(?:[^\s:]+:\d+:\s*)?")]
    private static partial Regex Prefix();
}
