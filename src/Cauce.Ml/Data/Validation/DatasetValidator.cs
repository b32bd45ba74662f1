using System.Globalization;
using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Data.Validation;

/// <summary>
/// Checks a file against its dataset's declared schema and rules, reporting every problem in one run: required
/// columns, types, allowed categories, ranges, the share missing, unique ids. Errors stop a pipeline; warnings
/// (duplicate rows, a missing target, labels spelled several ways) are what <c>prepare</c> fixes.
/// Two streaming passes: one decides the types, one applies the rules.
/// </summary>
public static class DatasetValidator
{
    public static ValidationReport Validate(CsvInput input, DatasetConfig config, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var findings = new List<ValidationFinding>();
        foreach (var required in RequiredColumns(config).GroupBy(r => r.Column, StringComparer.Ordinal))
        {
            if (input.IndexOf(required.Key) < 0)
            {
                var roles = string.Join(" and ", required.Select(r => r.Role).Distinct());
                findings.Add(new ValidationFinding(Severity.Error, ValidationRules.MissingColumn, required.Key, 1, [1], $"the {roles} column '{required.Key}' is not in the file (its columns: {string.Join(", ", input.Columns)})"));
            }
        }

        var schema = TypeInference.Run(input, config.InferenceOptions, progress.Slice(0, 0.5), cancellationToken);
        var checks = schema.Columns.Select((column, i) => new ColumnRules(column, i, config)).ToArray();
        var duplicates = new FindingCounter(Severity.Warning, ValidationRules.DuplicateRows, null);
        var uniqueColumns = config.Validate.Unique.Select(input.IndexOf).Where(i => i >= 0).ToArray();
        var uniqueSeen = uniqueColumns.Select(_ => new Dictionary<UInt128, UInt128>()).ToArray();
        var uniqueHits = uniqueColumns.Select(i => new FindingCounter(Severity.Error, ValidationRules.Unique, input.Columns[i])).ToArray();
        var rowsSeen = new HashSet<UInt128>();
        var hash = new RowHash();

        input.ForEach(row =>
        {
            foreach (var check in checks)
                check.Add(row);
            var rowHash = hash.Of(row);
            var duplicate = !rowsSeen.Add(rowHash);
            if (duplicate)
                duplicates.Hit(row.Line);
            for (var u = 0; u < uniqueColumns.Length; u++)
            {
                var value = Values.Clean(row[uniqueColumns[u]]);
                if (value.IsEmpty)
                    continue;
                var key = hash.Of(value);
                if (!uniqueSeen[u].TryAdd(key, rowHash) && !duplicate)
                    uniqueHits[u].Hit(row.Line, value);
            }
        }, progress.Slice(0.5, 1), cancellationToken);

        foreach (var check in checks)
            findings.AddRange(check.Findings(schema.Rows));
        findings.AddRange(uniqueHits.Select(h => h.ToFinding(c => $"{c.Count} value{S(c.Count)} repeat an earlier row's id (first: '{c.Example}'); exact duplicate rows are counted apart")).OfType<ValidationFinding>());
        if (duplicates.ToFinding(c => $"{c.Count} row{S(c.Count)} repeat an earlier row exactly; prepare drops them") is { } dup)
            findings.Add(dup);

        findings.Sort((a, b) => (a.Severity, a.Column ?? "", a.Rule).CompareTo((b.Severity, b.Column ?? "", b.Rule)));
        return new ValidationReport(config.Name, input.DisplayPath, schema.Rows, findings);
    }

    private static IEnumerable<(string Column, string Role)> RequiredColumns(DatasetConfig config)
    {
        if (config.Target is { } target)
            yield return (target, "target");
        foreach (var id in config.Id)
            yield return (id, "id");
        foreach (var drop in config.Drop)
            yield return (drop, "dropped");
        if (config.Split.TimeColumn is { } time)
            yield return (time, "time");
        foreach (var unique in config.Validate.Unique)
            yield return (unique, "unique");
        foreach (var (column, settings) in config.Columns)
        {
            if (settings.Required)
                yield return (column, "declared");
        }
    }


    internal static string S(long count) => count == 1 ? "" : "s";

    /// <summary>The per-column rules, fed one row at a time.</summary>
    private sealed class ColumnRules
    {
        private readonly InferredColumn _column;
        private readonly ColumnConfig _settings;
        private readonly int _index;
        private readonly bool _isTarget;
        private readonly IReadOnlySet<string> _missingTokens;
        private readonly bool _decimalComma;
        private readonly HashSet<string>? _allowedKeys;
        private readonly FindingCounter _type;
        private readonly FindingCounter _category;
        private readonly FindingCounter _below;
        private readonly FindingCounter _above;
        private readonly FindingCounter _missing;
        private readonly double _maxMissing;
        private readonly SentinelSet _sentinels;

        public ColumnRules(InferredColumn column, int index, DatasetConfig config)
        {
            _column = column;
            _settings = config.ColumnOrDefault(column.Name);
            _index = index;
            _isTarget = config.Target == column.Name;
            _missingTokens = config.MissingTokens;
            _decimalComma = config.DecimalComma;
            _maxMissing = config.Validate.MaxMissing;
            _allowedKeys = _settings.Values?.Select(v => CategorySpellings.Key(v)).ToHashSet(StringComparer.Ordinal);
            _type = new FindingCounter(Severity.Error, ValidationRules.Type, column.Name);
            _category = new FindingCounter(Severity.Error, ValidationRules.Category, column.Name);
            _below = new FindingCounter(Severity.Error, ValidationRules.Range, column.Name);
            _above = new FindingCounter(Severity.Error, ValidationRules.Range, column.Name);
            _missing = new FindingCounter(_isTarget ? Severity.Warning : Severity.Error, _isTarget ? ValidationRules.TargetMissing : ValidationRules.MissingShare, column.Name);
            _sentinels = new SentinelSet(_settings.Sentinels);
        }

        public void Add(CsvRow row)
        {
            var value = Values.Clean(row[_index]);
            if (Values.IsMissing(value, _missingTokens) || _sentinels.Contains(value))
            {
                _missing.Hit(row.Line);
                return;
            }

            // A column without a conflict fits its type by construction; only a conflicting one is checked value by value.
            if (_column.Conflict is not null && !Values.Conforms(value, _column.Type, _decimalComma))
            {
                _type.Hit(row.Line, value);
                return;
            }

            if (_allowedKeys is not null && !_allowedKeys.Contains(CategorySpellings.Key(value)))
                _category.Hit(row.Line, value);
            if ((_settings.Min is not null || _settings.Max is not null) && TryNumeric(value, out var number))
            {
                if (number < _settings.Min)
                    _below.Hit(row.Line, value);
                if (number > _settings.Max)
                    _above.Hit(row.Line, value);
            }
        }

        public IEnumerable<ValidationFinding> Findings(long rows)
        {
            var type = _column.Type.Name();
            if (_type.ToFinding(c => $"{c.Count} value{S(c.Count)} are not {type} (first: '{c.Example}')") is { } typeFinding)
                yield return typeFinding;
            if (_category.ToFinding(c => $"{c.Count} value{S(c.Count)} are not among the allowed labels {string.Join(", ", _settings.Values!)} (first: '{c.Example}')") is { } category)
                yield return category;
            if (_below.ToFinding(c => string.Create(CultureInfo.InvariantCulture, $"{c.Count} value{S(c.Count)} are below the minimum {_settings.Min} (first: {c.Example})")) is { } below)
                yield return below;
            if (_above.ToFinding(c => string.Create(CultureInfo.InvariantCulture, $"{c.Count} value{S(c.Count)} are above the maximum {_settings.Max} (first: {c.Example})")) is { } above)
                yield return above;
            var share = rows == 0 ? 0 : (double)_missing.Count / rows;
            if (_isTarget)
            {
                if (_missing.ToFinding(c => $"{c.Count} row{S(c.Count)} have no target value; prepare drops them") is { } target)
                    yield return target;
            }
            else if (share > _maxMissing && _missing.ToFinding(c => string.Create(CultureInfo.InvariantCulture, $"{share:P1} of the values are missing, more than the {_maxMissing:P0} allowed")) is { } missing)
            {
                yield return missing;
            }

            if (_column.Type == ColumnType.Category)
            {
                var variants = CategorySpellings.From(_column.Evidence.Spellings, _settings.Values).Variants;
                if (variants.Count > 0)
                {
                    var count = variants.Sum(v => v.Spellings.Where(s => s.Key != v.Canonical).Sum(s => s.Value));
                    var examples = string.Join("; ", variants.Take(3).Select(v => string.Join(" / ", v.Spellings.Select(s => $"'{s.Key}'"))));
                    yield return new ValidationFinding(Severity.Warning, ValidationRules.Spelling, _column.Name, count, [],
                        $"{variants.Count} label{S(variants.Count)} written several ways ({examples}); prepare writes each one way");
                }
            }
        }

        private bool TryNumeric(ReadOnlySpan<char> value, out double number) =>
            _decimalComma ? Values.TryDecimalComma(value, out number) : Values.TryNumber(value, out number);
    }
}
