namespace Cauce.Core.Conventions;

/// <summary>Which part of a split a dataset file holds, if any.</summary>
public enum SplitPart
{
    None,
    Train,
    Test,
}

/// <summary>
/// A dataset file name: <c>&lt;dataset&gt;_&lt;phase&gt;_&lt;YYYYMMDD&gt;.csv</c>, with <c>-train</c> or <c>-test</c> on the
/// dataset field for the parts of a split (<c>clientes-train_processed_20251002.csv</c>).
/// </summary>
public sealed record DatasetFileName(string Dataset, DataPhase Phase, DateOnly Date, SplitPart Split = SplitPart.None)
{
    public const string Extension = ".csv";

    /// <summary>The dataset field as written: the dataset plus its split suffix.</summary>
    public string DatasetField => Split switch
    {
        SplitPart.Train => Dataset + "-train",
        SplitPart.Test => Dataset + "-test",
        _ => Dataset,
    };

    public string FileName => $"{DatasetField}_{Phase.Name()}_{NameParts.FormatDate(Date)}{Extension}";

    /// <summary>Where the file belongs, relative to the project root.</summary>
    public string RelativePath => $"{Phase.Folder()}/{FileName}";

    public override string ToString() => FileName;

    /// <summary>The same dataset and date in another phase.</summary>
    public DatasetFileName InPhase(DataPhase phase) => this with { Phase = phase };

    /// <summary>The train or test part of this dataset.</summary>
    public DatasetFileName AsSplit(SplitPart split) => this with { Split = split };

    public static DatasetFileName Parse(string fileName)
    {
        var result = TryParse(fileName);
        return result.Value ?? throw new FormatException($"'{fileName}' is not a valid dataset file name: {result.Reason}");
    }

    public static NameResult<DatasetFileName> TryParse(string fileName)
    {
        var (fields, extension) = NameParts.Split(fileName);
        var problems = new List<string>();
        if (extension != Extension)
            problems.Add($"the extension is '{extension}', dataset files are '{Extension}'");
        if (fields.Length != 3)
        {
            problems.Add($"expected 3 fields <dataset>_<phase>_<YYYYMMDD>, found {fields.Length}");
            return NameResult<DatasetFileName>.Invalid(problems);
        }

        if (NameParts.FieldProblem(fields[0], NameParts.Field(0, "dataset")) is { } datasetProblem)
            problems.Add(datasetProblem);
        if (!DataPhases.TryParse(fields[1], out var phase))
            problems.Add($"{NameParts.Field(1, "phase")} '{fields[1]}' is not one of raw, interim, processed");
        if (NameParts.DateProblem(fields[2], NameParts.Field(2, "date")) is { } dateProblem)
            problems.Add(dateProblem);

        return NameParts.Check(problems, () =>
        {
            var (dataset, split) = SplitSuffix(fields[0]);
            NameParts.TryParseDate(fields[2], out var date);
            return new DatasetFileName(dataset, phase, date, split);
        });
    }

    private static (string Dataset, SplitPart Split) SplitSuffix(string field)
    {
        if (field.EndsWith("-train", StringComparison.Ordinal))
            return (field[..^"-train".Length], SplitPart.Train);
        if (field.EndsWith("-test", StringComparison.Ordinal))
            return (field[..^"-test".Length], SplitPart.Test);
        return (field, SplitPart.None);
    }
}
