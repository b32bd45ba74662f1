using Cauce.Core.Conventions;
using Cauce.Core.Errors;

namespace Cauce.Ml.Eda;

/// <summary>
/// The dataset, phase and date that name every EDA output: the figures
/// (<c>reports/figures/&lt;topic&gt;_&lt;dataset&gt;[_&lt;phase&gt;]_&lt;date&gt;.png</c>) and the report
/// (<c>reports/eda_&lt;dataset&gt;[_&lt;phase&gt;]_&lt;date&gt;.md</c>, <c>.html</c>, <c>.json</c>).
/// </summary>
public sealed record EdaNaming(string Dataset, DataPhase? Phase, DateOnly Date)
{
    /// <summary>The report's file name without extension.</summary>
    public string ReportStem => Phase is { } phase
        ? $"eda_{Dataset}_{phase.Name()}_{NameParts.FormatDate(Date)}"
        : $"eda_{Dataset}_{NameParts.FormatDate(Date)}";

    public FigureFileName Figure(string topic) => new(topic, Dataset, Phase, Date);

    /// <summary>
    /// Names the outputs of <paramref name="fileName"/>: a file named by the dataset convention
    /// (<c>clientes_raw_20250930.csv</c>) gives its dataset field, phase and date; any other gets its stem made a valid
    /// field and <paramref name="today"/>. <paramref name="name"/> and <paramref name="date"/> (YYYYMMDD) override.
    /// </summary>
    /// <exception cref="CauceException">The name is not a valid field or the date not a YYYYMMDD day (exit 2).</exception>
    public static EdaNaming For(string fileName, string? name, string? date, DateOnly today)
    {
        if (name is not null && NameParts.FieldProblem(name, "--name") is { } problem)
            throw CauceException.Usage(problem, $"for example --name {ToField(name) ?? "clientes"}");
        DateOnly? given = null;
        if (date is not null)
        {
            if (!NameParts.TryParseDate(date, out var parsed))
                throw CauceException.Usage($"--date '{date}' is not a date written YYYYMMDD", "for example --date 20250930");
            given = parsed;
        }

        var parsedName = DatasetFileName.TryParse(Path.GetFileName(fileName));
        if (parsedName.Value is { } dataset)
            return new EdaNaming(name ?? dataset.DatasetField, dataset.Phase, given ?? dataset.Date);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        return new EdaNaming(name ?? ToField(stem) ?? "datos", null, given ?? today);
    }

    /// <summary>
    /// <paramref name="text"/> as one valid name field: lower-case ASCII, accents dropped, every other run of
    /// characters one '-' (<c>Cargo Total</c> → <c>cargo-total</c>, <c>año_2024</c> → <c>ano-2024</c>); null when nothing is left.
    /// </summary>
    public static string? ToField(string text) => NameSuggester.ToField(text);
}
