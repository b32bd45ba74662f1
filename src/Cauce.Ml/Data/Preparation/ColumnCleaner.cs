using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Data.Preparation;

/// <summary>What cleaning did to a column's values, counted.</summary>
public sealed record ColumnChanges(string Column, string Type)
{
    /// <summary>Values with spaces at either end, trimmed.</summary>
    public long Trimmed { get; set; }

    /// <summary>Values that were blank or a missing token ("NA", "null"…): missing, written empty.</summary>
    public long Missing { get; set; }

    /// <summary>Sentinels (-1, 999…) declared to mean missing, now empty.</summary>
    public long Sentinels { get; set; }

    /// <summary>Category labels rewritten to their one spelling.</summary>
    public long Respelled { get; set; }

    /// <summary>Values written in Cauce's canonical form (yes/Si → true, 1.50 → 1.5, decimal commas → points).</summary>
    public long Reformatted { get; set; }

    public long Total => Trimmed + Sentinels + Respelled + Reformatted;
}

/// <summary>
/// Turns one column's raw text into its clean, typed form for the interim file: trimmed, missing tokens and
/// sentinels made empty, category labels written one way, numbers, booleans and dates written canonically.
/// Returns null for a missing value.
/// </summary>
internal sealed class ColumnCleaner
{
    private readonly InferredColumn _column;
    private readonly IReadOnlySet<string> _missingTokens;
    private readonly SentinelSet _sentinels;
    private readonly CategorySpellings? _spellings;
    private readonly bool _decimalComma;

    public ColumnCleaner(InferredColumn column, DatasetConfig config)
    {
        _column = column;
        var settings = config.ColumnOrDefault(column.Name);
        _missingTokens = config.MissingTokens;
        _decimalComma = config.DecimalComma;
        _sentinels = new SentinelSet(settings.Sentinels);
        if (column.Type == ColumnType.Category)
            _spellings = CategorySpellings.From(column.Evidence.Spellings, settings.Values);
        Changes = new ColumnChanges(column.Name, column.Type.Name());
    }

    public ColumnChanges Changes { get; }

    public ColumnType Type => _column.Type;

    public string? Clean(ReadOnlySpan<char> raw)
    {
        var value = Values.Clean(raw);
        if (value.Length != raw.Length)
            Changes.Trimmed++;
        if (Values.IsMissing(value, _missingTokens))
        {
            Changes.Missing++;
            return null;
        }

        if (_sentinels.Contains(value))
        {
            Changes.Sentinels++;
            return null;
        }

        var clean = _column.Type switch
        {
            ColumnType.Integer => Values.TryInteger(value, out var i) ? Values.FormatInteger(i) : null,
            ColumnType.Number => Number(value) is { } n ? Values.FormatNumber(n) : null,
            ColumnType.Boolean => Values.TryBoolean(value, out var b) ? Values.FormatBoolean(b) : null,
            ColumnType.Date => Values.TryDate(value, out var d) ? Values.FormatDate(d) : null,
            ColumnType.Category => _spellings!.Canonical(value),
            _ => value.ToString(),
        } ?? throw new InvalidOperationException($"'{value}' in {_column.Name} does not fit {_column.Type.Name()} after inference");

        if (_column.Type == ColumnType.Category)
        {
            if (!value.SequenceEqual(clean))
                Changes.Respelled++;
        }
        else if (!value.SequenceEqual(clean))
        {
            Changes.Reformatted++;
        }

        return clean;
    }

    private double? Number(ReadOnlySpan<char> value) =>
        (_decimalComma ? Values.TryDecimalComma(value, out var n) : Values.TryNumber(value, out n)) ? n : null;
}
