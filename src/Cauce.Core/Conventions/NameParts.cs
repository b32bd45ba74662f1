using System.Globalization;

namespace Cauce.Core.Conventions;

/// <summary>
/// The building blocks every name rule shares: fields separated by '_', each field lower-case ASCII words joined
/// by '-', and dates as real calendar days written YYYYMMDD.
/// </summary>
public static class NameParts
{
    public const char FieldSeparator = '_';
    public const char WordJoiner = '-';
    public const string DateFormat = "yyyyMMdd";

    /// <summary>Why <paramref name="field"/> is not a valid field, or null when it is. <paramref name="what"/> names it in the message.</summary>
    public static string? FieldProblem(string field, string what)
    {
        if (field.Length == 0)
            return $"{what} is empty";
        var upper = field.FirstOrDefault(char.IsUpper);
        if (upper != default)
            return $"{what} '{field}' has upper-case letters: names are lower-case";
        var bad = field.FirstOrDefault(c => !IsWordChar(c) && c != WordJoiner);
        if (bad != default)
            return $"{what} '{field}' has {Describe(bad)}: only a-z, 0-9 and '-' between words are allowed";
        if (field[0] == WordJoiner || field[^1] == WordJoiner || field.Contains("--", StringComparison.Ordinal))
            return $"{what} '{field}' has a '-' that joins no two words";
        return null;
    }

    public static bool IsValidField(string field) => FieldProblem(field, "field") is null;

    /// <summary>Lower-case ASCII letter or digit: the only characters a word may hold.</summary>
    public static bool IsWordChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Why <paramref name="text"/> is not a YYYYMMDD date, or null when it is one.</summary>
    public static string? DateProblem(string text, string what)
    {
        if (TryParseDate(text, out _))
            return null;
        if (text.Length == 8 && text.All(char.IsAsciiDigit))
            return $"{what} '{text}' is not a real calendar date (YYYYMMDD)";
        return $"{what} '{text}' is not a date written YYYYMMDD";
    }

    public static string FormatDate(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// Splits a file name into its stem's fields and its extension (with the dot, as written).
    /// "a_b.tar.csv" gives ["a", "b.tar"] and ".csv": only the last dot starts the extension.
    /// </summary>
    public static (string[] Fields, string Extension) Split(string fileName)
    {
        var dot = fileName.LastIndexOf('.');
        var stem = dot > 0 ? fileName[..dot] : fileName;
        var extension = dot > 0 ? fileName[dot..] : "";
        return (stem.Split(FieldSeparator), extension);
    }

    /// <summary>The ordinal word for a field position in messages: "field 1 (dataset)".</summary>
    public static string Field(int index, string role) => $"field {index + 1} ({role})";

    internal static string Describe(char c) => c switch
    {
        ' ' => "a space",
        '.' => "a '.'",
        _ when c > 127 => $"the non-ASCII character '{c}'",
        _ => $"'{c}'",
    };

    internal static NameResult<T> Check<T>(List<string> problems, Func<T> make) where T : class =>
        problems.Count == 0 ? NameResult<T>.Valid(make()) : NameResult<T>.Invalid(problems);
}

/// <summary>The outcome of parsing a name: the parsed value, or every reason it is invalid.</summary>
public sealed class NameResult<T> where T : class
{
    private NameResult(T? value, IReadOnlyList<string> problems)
    {
        Value = value;
        Problems = problems;
    }

    public T? Value { get; }

    public IReadOnlyList<string> Problems { get; }

    public bool IsValid => Value is not null;

    /// <summary>The problems as one sentence for a message.</summary>
    public string Reason => string.Join("; ", Problems);

    internal static NameResult<T> Valid(T value) => new(value, []);

    internal static NameResult<T> Invalid(IReadOnlyList<string> problems) => new(null, problems);
}
