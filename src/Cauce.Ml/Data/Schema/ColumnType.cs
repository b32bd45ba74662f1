namespace Cauce.Ml.Data.Schema;

/// <summary>What a column holds. Declared in <c>params.yaml</c> or inferred from the whole file.</summary>
public enum ColumnType
{
    /// <summary>Whole numbers.</summary>
    Integer,

    /// <summary>Real numbers, '.' as the decimal point.</summary>
    Number,

    /// <summary>Two values: true/false, yes/no, sí/no, 1/0.</summary>
    Boolean,

    /// <summary>A small set of labels.</summary>
    Category,

    /// <summary>Free text or identifiers.</summary>
    Text,

    /// <summary>Calendar dates (ISO YYYY-MM-DD), optionally with a time.</summary>
    Date,
}

public static class ColumnTypes
{
    public static string Name(this ColumnType type) => type switch
    {
        ColumnType.Integer => "integer",
        ColumnType.Number => "number",
        ColumnType.Boolean => "boolean",
        ColumnType.Category => "category",
        ColumnType.Text => "text",
        ColumnType.Date => "date",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParse(string text, out ColumnType type)
    {
        foreach (var candidate in Enum.GetValues<ColumnType>())
        {
            if (candidate.Name() == text)
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    public static string List => string.Join(", ", Enum.GetValues<ColumnType>().Select(t => t.Name()));

    /// <summary>Integer and number: what has a mean, a histogram, a correlation.</summary>
    public static bool IsNumeric(this ColumnType type) => type is ColumnType.Integer or ColumnType.Number;
}
