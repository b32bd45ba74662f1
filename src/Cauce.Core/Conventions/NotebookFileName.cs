namespace Cauce.Core.Conventions;

/// <summary>
/// A notebook name: <c>&lt;NN&gt;_&lt;topic&gt;_&lt;author&gt;.ipynb</c> — a two-digit order, a topic of one or more
/// fields, the author's initials last (<c>03_training_rf_mg.ipynb</c>).
/// </summary>
public sealed record NotebookFileName(int Number, IReadOnlyList<string> Topic, string Author)
{
    public const string Extension = ".ipynb";

    public string FileName => $"{Number:00}_{string.Join(NameParts.FieldSeparator, Topic)}_{Author}{Extension}";

    public override string ToString() => FileName;

    public bool Equals(NotebookFileName? other) => other is not null && FileName == other.FileName;

    public override int GetHashCode() => FileName.GetHashCode(StringComparison.Ordinal);

    public static NotebookFileName Parse(string fileName)
    {
        var result = TryParse(fileName);
        return result.Value ?? throw new FormatException($"'{fileName}' is not a valid notebook name: {result.Reason}");
    }

    public static NameResult<NotebookFileName> TryParse(string fileName)
    {
        var (fields, extension) = NameParts.Split(fileName);
        var problems = new List<string>();
        if (extension != Extension)
            problems.Add($"the extension is '{extension}', notebooks are '{Extension}'");
        if (fields.Length < 3)
        {
            problems.Add($"expected at least 3 fields <NN>_<topic>_<author>, found {fields.Length}");
            return NameResult<NotebookFileName>.Invalid(problems);
        }

        if (fields[0].Length != 2 || !fields[0].All(char.IsAsciiDigit))
            problems.Add($"{NameParts.Field(0, "order")} '{fields[0]}' is not two digits (01, 02, …)");
        for (var i = 1; i < fields.Length - 1; i++)
        {
            if (NameParts.FieldProblem(fields[i], NameParts.Field(i, "topic")) is { } topicProblem)
                problems.Add(topicProblem);
        }

        if (NameParts.FieldProblem(fields[^1], NameParts.Field(fields.Length - 1, "author")) is { } authorProblem)
            problems.Add(authorProblem);

        return NameParts.Check(problems, () => new NotebookFileName(int.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture), fields[1..^1], fields[^1]));
    }
}
