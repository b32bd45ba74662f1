using Cauce.Core.Workspace;

namespace Cauce.Core.Conventions;

/// <summary>
/// A figure name: <c>&lt;topic&gt;_&lt;dataset&gt;[_&lt;phase&gt;]_&lt;YYYYMMDD&gt;.png</c>
/// (<c>distribucion_clientes_raw_20250930.png</c>, <c>tendencias_ventas_20251001.png</c>).
/// </summary>
public sealed record FigureFileName(string Topic, string Dataset, DataPhase? Phase, DateOnly Date)
{
    public const string Extension = ".png";

    public string FileName => Phase is { } phase
        ? $"{Topic}_{Dataset}_{phase.Name()}_{NameParts.FormatDate(Date)}{Extension}"
        : $"{Topic}_{Dataset}_{NameParts.FormatDate(Date)}{Extension}";

    /// <summary>Where the figure belongs, relative to the project root.</summary>
    public string RelativePath => $"{ProjectLayout.Figures}/{FileName}";

    public override string ToString() => FileName;

    public static FigureFileName Parse(string fileName)
    {
        var result = TryParse(fileName);
        return result.Value ?? throw new FormatException($"'{fileName}' is not a valid figure name: {result.Reason}");
    }

    public static NameResult<FigureFileName> TryParse(string fileName)
    {
        var (fields, extension) = NameParts.Split(fileName);
        var problems = new List<string>();
        if (extension != Extension)
            problems.Add($"the extension is '{extension}', figures are '{Extension}'");
        if (fields.Length is not (3 or 4))
        {
            problems.Add($"expected <topic>_<dataset>[_<phase>]_<YYYYMMDD> (3 or 4 fields), found {fields.Length}");
            return NameResult<FigureFileName>.Invalid(problems);
        }

        if (NameParts.FieldProblem(fields[0], NameParts.Field(0, "topic")) is { } topicProblem)
            problems.Add(topicProblem);
        if (NameParts.FieldProblem(fields[1], NameParts.Field(1, "dataset")) is { } datasetProblem)
            problems.Add(datasetProblem);
        DataPhase? phase = null;
        if (fields.Length == 4)
        {
            if (DataPhases.TryParse(fields[2], out var parsed))
                phase = parsed;
            else
                problems.Add($"{NameParts.Field(2, "phase")} '{fields[2]}' is not one of raw, interim, processed");
        }

        if (NameParts.DateProblem(fields[^1], NameParts.Field(fields.Length - 1, "date")) is { } dateProblem)
            problems.Add(dateProblem);

        return NameParts.Check(problems, () =>
        {
            NameParts.TryParseDate(fields[^1], out var date);
            return new FigureFileName(fields[0], fields[1], phase, date);
        });
    }
}
