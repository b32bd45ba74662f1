namespace Cauce.Ml.Data.Preparation;

/// <summary>A file a step read or wrote, with its size in rows and columns.</summary>
public sealed record FileSummary(string Path, long Rows, int Columns);

/// <summary>How one column's missing values were filled in the processed data.</summary>
public sealed record Imputation(string Column, string Strategy, string? Value, long Filled);

/// <summary>A derived feature and how many rows it could not be computed for.</summary>
public sealed record Derivation(string Column, string Expression, long Missing);

/// <summary>A column left out of the processed data, and why.</summary>
public sealed record DroppedColumn(string Column, string Reason);

/// <summary>
/// What <c>cauce prepare</c> did, step by step: rows in and out, and per column the values it changed. Written
/// beside the data as Markdown and JSON under <c>reports/</c>.
/// </summary>
public sealed record PrepareLog
{
    public required string Dataset { get; init; }

    public required string Date { get; init; }

    public required FileSummary Raw { get; init; }

    public required FileSummary Interim { get; init; }

    public required FileSummary Processed { get; init; }

    public required string? Target { get; init; }

    public required string Task { get; init; }

    /// <summary>Every raw column with the type it was read as, and what cleaning changed in it.</summary>
    public required IReadOnlyList<ColumnChanges> Cleaning { get; init; }

    public required long DuplicatesDropped { get; init; }

    public required IReadOnlyList<DroppedColumn> DroppedColumns { get; init; }

    public required long RowsWithoutTarget { get; init; }

    public required long RowsDroppedForMissing { get; init; }

    public required IReadOnlyList<Imputation> Imputed { get; init; }

    public required IReadOnlyList<Derivation> Derived { get; init; }
}
