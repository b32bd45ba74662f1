using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cauce.Core.Conventions;

/// <summary>
/// Derives a valid name from one that breaks a rule, where the intent is clear: case, accents, spaces, date
/// formats, zero-padding, algorithm synonyms. Returns null when a field would have to be invented (a missing date,
/// a missing author). Every suggestion is checked against the rule before it is offered.
/// </summary>
public static partial class NameSuggester
{
    public static string? ForDataset(string fileName, DataPhase folderPhase)
    {
        if (!HasExtension(fileName, DatasetFileName.Extension, out var fields))
            return null;
        var date = TakeDate(fields);
        if (date is null)
            return null;
        fields.RemoveAll(f => DataPhases.TryParse(f, out _));
        if (fields.Count == 0)
            return null;
        var dataset = string.Join(NameParts.WordJoiner, fields);
        return Verified(DatasetFileName.TryParse($"{dataset}_{folderPhase.Name()}_{date}{DatasetFileName.Extension}"));
    }

    public static string? ForNotebook(string fileName)
    {
        if (!HasExtension(fileName, NotebookFileName.Extension, out var fields) || fields.Count < 3)
            return null;
        if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 99)
            return null;
        fields[0] = number.ToString("00", CultureInfo.InvariantCulture);
        return Verified(NotebookFileName.TryParse(string.Join(NameParts.FieldSeparator, fields) + NotebookFileName.Extension));
    }

    public static string? ForFigure(string fileName)
    {
        if (!HasExtension(fileName, FigureFileName.Extension, out var fields))
            return null;
        var date = TakeDate(fields);
        if (date is null)
            return null;
        var phaseIndex = fields.FindIndex(f => DataPhases.TryParse(f, out _));
        string? phase = null;
        if (phaseIndex >= 0)
        {
            phase = fields[phaseIndex];
            fields.RemoveAt(phaseIndex);
        }

        if (fields.Count < 2)
            return null;
        var topic = string.Join(NameParts.WordJoiner, fields[..^1]);
        var parts = phase is null ? new[] { topic, fields[^1], date } : [topic, fields[^1], phase, date];
        return Verified(FigureFileName.TryParse(string.Join(NameParts.FieldSeparator, parts) + FigureFileName.Extension));
    }

    public static string? ForModel(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is not (".zip" or ".json" or ".onnx") || !HasExtension(fileName, extension, out var fields) || fields.Count < 3)
            return null;
        var version = VersionPattern().Match(fields[^1]);
        if (!version.Success)
            return null;
        var number = int.Parse(version.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        if (number == 0)
            return null;
        var algo = Algorithms.Synonyms.TryGetValue(fields[0], out var known) ? known : fields[0];
        var dataset = string.Join(NameParts.WordJoiner, fields[1..^1]);
        return Verified(ModelFileName.TryParse($"{algo}_{dataset}_v{number.ToString(CultureInfo.InvariantCulture)}{extension}"));
    }

    /// <summary>
    /// The stem's fields made lower-case ASCII: accents dropped, every other run of characters a word may not
    /// hold turned into one '-'. False when the extension is not <paramref name="extension"/> in any case.
    /// </summary>
    private static bool HasExtension(string fileName, string extension, out List<string> fields)
    {
        fields = [];
        if (!fileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase) || fileName.Length == extension.Length)
            return false;
        var stem = fileName[..^extension.Length];
        // With no '_' anywhere, the spaces are what the author meant as separators: "Clientes RAW 2025-09-30".
        char[] separators = stem.Contains(NameParts.FieldSeparator, StringComparison.Ordinal) ? [NameParts.FieldSeparator] : [' '];
        foreach (var raw in stem.Split(separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var field = Normalise(raw);
            if (field.Length > 0)
                fields.Add(field);
        }

        MergeSplitDates(fields);
        return fields.Count > 0;
    }

    /// <summary>
    /// <paramref name="text"/> as one valid name field: lower-case ASCII, accents dropped, every other run of
    /// characters one '-' (<c>Cargo Total</c> → <c>cargo-total</c>, <c>año_2024</c> → <c>ano-2024</c>); null when nothing is left.
    /// </summary>
    public static string? ToField(string text)
    {
        var field = Normalise(text);
        return field.Length == 0 ? null : field;
    }

    private static string Normalise(string raw)
    {
        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            var lower = FoldAccent(char.ToLowerInvariant(c));
            if (NameParts.IsWordChar(lower))
                builder.Append(lower);
            else if (builder.Length > 0 && builder[^1] != NameParts.WordJoiner)
                builder.Append(NameParts.WordJoiner);
        }

        return builder.ToString().TrimEnd(NameParts.WordJoiner);
    }

    /// <summary>
    /// The letter without its accent, for the Latin-1 letters Spanish and its neighbours write (á→a, ñ→n, ç→c).
    /// A table rather than Unicode normalisation, which the invariant-globalisation runtime does not offer.
    /// </summary>
    private static char FoldAccent(char c)
    {
        const string accented = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿ";
        const string plain = "aaaaaaceeeeiiiinooooouuuuyy";
        var index = accented.IndexOf(c, StringComparison.Ordinal);
        return index >= 0 ? plain[index] : c;
    }

    /// <summary>"2025_09_30" was split into three fields; put such a date back together.</summary>
    private static void MergeSplitDates(List<string> fields)
    {
        for (var i = 0; i + 2 < fields.Count; i++)
        {
            var joined = $"{fields[i]}-{fields[i + 1]}-{fields[i + 2]}";
            if (fields[i].All(char.IsAsciiDigit) && fields[i + 1].All(char.IsAsciiDigit) && fields[i + 2].All(char.IsAsciiDigit) && AsDate(joined) is not null)
            {
                fields[i] = joined;
                fields.RemoveRange(i + 1, 2);
            }
        }
    }

    /// <summary>Removes the last field that reads as a date and returns it as YYYYMMDD, or null when none does.</summary>
    private static string? TakeDate(List<string> fields)
    {
        for (var i = fields.Count - 1; i >= 0; i--)
        {
            if (AsDate(fields[i]) is { } date)
            {
                fields.RemoveAt(i);
                return date;
            }
        }

        return null;
    }

    /// <summary>Reads 20250930, 2025-09-30, 2025-9-30 or 30-09-2025 (day first, as written in Spanish) as YYYYMMDD.</summary>
    private static string? AsDate(string field)
    {
        var groups = field.Split(NameParts.WordJoiner);
        if (groups.Any(g => g.Length == 0 || !g.All(char.IsAsciiDigit)))
            return null;
        int[] n = [.. groups.Select(g => int.Parse(g, CultureInfo.InvariantCulture))];
        DateOnly? date = groups switch
        {
            [{ Length: 8 } g] => NameParts.TryParseDate(g, out var d) ? d : null,
            [{ Length: 4 }, { Length: <= 2 }, { Length: <= 2 }] => Make(n[0], n[1], n[2]),
            [{ Length: <= 2 }, { Length: <= 2 }, { Length: 4 }] => Make(n[2], n[1], n[0]),
            _ => null,
        };
        return date is { } value ? NameParts.FormatDate(value) : null;
    }

    private static DateOnly? Make(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    private static string? Verified<T>(NameResult<T> result) where T : class => result.IsValid ? result.Value!.ToString() : null;

    [GeneratedRegex(@"^v?0*(\d+)$")]
    private static partial Regex VersionPattern();
}
