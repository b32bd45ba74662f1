using Cauce.Core.Errors;
using Cauce.Ml.Data.Csv;

namespace Cauce.Ml.Data.Schema;

/// <summary>A column whose type was decided, with what was seen in it.</summary>
public sealed record InferredColumn(string Name, ColumnType Type, bool Declared, ColumnEvidence Evidence)
{
    /// <summary>Why the data contradicts the type, when it does (a column that flips from numbers to text, decimal commas).</summary>
    public string? Conflict { get; init; }

    public string? ConflictHint { get; init; }

    /// <summary>The line of the first value behind <see cref="Conflict"/>.</summary>
    public long? ConflictLine { get; init; }
}

/// <summary>The columns of a file with their types, and how many data rows it has.</summary>
public sealed record InferredSchema(IReadOnlyList<InferredColumn> Columns, long Rows)
{
    public InferredColumn this[string name] => Columns.First(c => c.Name == name);

    public InferredColumn? Find(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>Throws the first conflict as an error: what prepare and split do, which must not guess.</summary>
    public void ThrowOnConflict(string displayPath)
    {
        var conflict = Columns.FirstOrDefault(c => c.Conflict is not null);
        if (conflict is not null)
            throw DataFileException.AtCell(displayPath, conflict.ConflictLine ?? 1, conflict.Name, conflict.Conflict!, conflict.ConflictHint);
    }
}

/// <summary>Options of inference: what counts as missing, which types are declared, whether decimals use a comma.</summary>
public sealed record InferenceOptions
{
    public IReadOnlySet<string> MissingTokens { get; init; } = Values.DefaultMissingTokens;

    public IReadOnlyDictionary<string, ColumnType> Declared { get; init; } = new Dictionary<string, ColumnType>();

    /// <summary>Per column, the values that mean missing: they are not evidence of a type.</summary>
    public IReadOnlyDictionary<string, SentinelSet> Sentinels { get; init; } = new Dictionary<string, SentinelSet>();

    public bool DecimalComma { get; init; }

    /// <summary>Where to say to declare a type, in hints ("params.yaml" for a configured dataset).</summary>
    public string DeclareHint { get; init; } = "declare its type in params.yaml under datasets.<name>.columns";
}

/// <summary>
/// Decides each column's type from the whole file, in one streaming pass. A column is the most specific type that
/// every present value fits: boolean (yes/no words, or only 0 and 1), integer, number, date; otherwise category
/// (few distinct labels) or text. A column that is mostly numbers with some text, or numbers with decimal commas,
/// is a conflict rather than a guess: the caller reports it with the line of the first offending value.
/// </summary>
public static class TypeInference
{
    /// <summary>A column with at most this many labels (or 5% of its values) is a category.</summary>
    public const int CategoryMaxDistinct = 50;

    public static InferredSchema Run(CsvInput input, InferenceOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var evidence = input.Columns.Select(c => new ColumnEvidence(c, options.MissingTokens, options.Sentinels.GetValueOrDefault(c))).ToArray();
        var rows = input.ForEach(row =>
        {
            for (var i = 0; i < evidence.Length; i++)
                evidence[i].Add(row[i], row.Line);
        }, progress, cancellationToken);
        return new InferredSchema([.. evidence.Select(e => Decide(e, options))], rows);
    }

    public static InferredColumn Decide(ColumnEvidence e, InferenceOptions options)
    {
        if (options.Declared.TryGetValue(e.Name, out var declared))
            return Check(new InferredColumn(e.Name, declared, true, e), options);

        var present = e.Present;
        if (present == 0)
            return new InferredColumn(e.Name, ColumnType.Text, false, e);
        if (e.Numbers == present)
        {
            if (e.ZeroOnes == present)
                return new InferredColumn(e.Name, ColumnType.Boolean, false, e);
            return new InferredColumn(e.Name, e.Integers == present ? ColumnType.Integer : ColumnType.Number, false, e);
        }

        if (e.BooleanWords == present)
            return new InferredColumn(e.Name, ColumnType.Boolean, false, e);
        if (e.Dates == present)
            return new InferredColumn(e.Name, ColumnType.Date, false, e);
        if (e.DecimalCommas + e.Numbers == present && e.DecimalCommas > 0)
        {
            if (options.DecimalComma)
                return new InferredColumn(e.Name, ColumnType.Number, false, e);
            return new InferredColumn(e.Name, ColumnType.Number, false, e)
            {
                Conflict = $"holds numbers with a decimal comma ('{e.FirstNonNumber?.Value}')",
                ConflictHint = "set 'decimal: \",\"' for the dataset in params.yaml, or save the file with '.' decimals",
                ConflictLine = e.FirstNonNumber?.Line,
            };
        }

        var type = !e.DistinctOverflow && (e.Distinct <= CategoryMaxDistinct || e.Distinct <= present / 20) ? ColumnType.Category : ColumnType.Text;
        if (e.Numbers * 2 >= present)
        {
            // Mostly numbers: numeric is what was meant, and the text values are the conflict.
            var numeric = e.Integers == e.Numbers ? ColumnType.Integer : ColumnType.Number;
            return new InferredColumn(e.Name, numeric, false, e)
            {
                Conflict = $"starts as numbers ('{e.FirstNumber?.Value}' on line {e.FirstNumber?.Line}) but holds text: '{e.FirstNonNumber?.Value}'",
                ConflictHint = $"fix the value, add it to the dataset's missing tokens, or {options.DeclareHint}",
                ConflictLine = e.FirstNonNumber?.Line,
            };
        }

        return new InferredColumn(e.Name, type, false, e);
    }

    /// <summary>A declared type is a promise: note the first value that breaks it.</summary>
    private static InferredColumn Check(InferredColumn column, InferenceOptions options)
    {
        var e = column.Evidence;
        var fits = column.Type switch
        {
            ColumnType.Integer => e.Integers == e.Present,
            ColumnType.Number => options.DecimalComma ? e.Numbers + e.DecimalCommas == e.Present : e.Numbers == e.Present,
            ColumnType.Boolean => e.BooleanWords + e.ZeroOnes == e.Present,
            ColumnType.Date => e.Dates == e.Present,
            _ => true,
        };
        if (fits)
            return column;
        var example = column.Type switch
        {
            ColumnType.Integer => e.FirstNonInteger,
            ColumnType.Boolean => e.FirstNonBoolean,
            ColumnType.Date => e.FirstNonDate,
            _ => e.FirstNonNumber,
        };
        return column with
        {
            Conflict = $"is declared {column.Type.Name()} but holds '{example?.Value}'",
            ConflictHint = "fix the data, add the value to the dataset's missing tokens, or change the declared type",
            ConflictLine = example?.Line,
        };
    }
}
