using Cauce.Core.Errors;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Eda.Statistics;

namespace Cauce.Ml.Eda.Profiling;

/// <summary>The profile, and the samples the figures are drawn from.</summary>
public sealed class ProfileResult
{
    internal ProfileResult(DatasetProfile profile, ProfileData data)
    {
        Profile = profile;
        Data = data;
    }

    public DatasetProfile Profile { get; }

    internal ProfileData Data { get; }
}

/// <summary>What figures need beyond the profile: each numeric column's kept values, sorted; label codes; rows sampled for the target; class-by-label counts.</summary>
internal sealed record ProfileData(
    IReadOnlyDictionary<string, double[]> SortedValues,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Labels,
    RowSample? Rows,
    IReadOnlyDictionary<string, LabelledCounts> ClassCounts);

/// <summary>
/// Profiles a CSV file in two streaming passes and bounded memory. The first pass infers each column's type
/// (<see cref="TypeInference"/>); the second computes per column what is missing, distinct values, min, max, mean
/// and standard deviation (Welford), quantiles (exact up to <see cref="EdaOptions.QuantileSampleSize"/> values, else
/// from a seeded reservoir sample), outliers and sentinels; across columns, exact duplicate rows (128-bit row
/// hashes), Pearson correlations, and the target's relation to every feature. No row is kept, only samples.
/// </summary>
public static class Profiler
{
    /// <summary>Profiles <paramref name="input"/>; <paramref name="progress"/> receives the share done (0 to 1) over both passes.</summary>
    /// <exception cref="DataFileException">The file has no data rows, or the target is missing or cannot be a target.</exception>
    public static ProfileResult Run(CsvInput input, EdaOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var targetIndex = options.Target is null ? -1 : input.RequireColumn(options.Target, "target");
        var schema = TypeInference.Run(input, new InferenceOptions { MissingTokens = options.MissingTokens }, Part(progress, 0, 0.5), cancellationToken);
        if (schema.Rows == 0)
            throw DataFileException.In(input.DisplayPath, "has a header but no data rows", "add data rows below the header line, or check that this is the file you meant");
        if (targetIndex >= 0)
            CheckTarget(input, schema.Columns[targetIndex]);

        var scans = schema.Columns.Select((c, i) => new ColumnScan(i, c, options)).ToArray();
        var target = targetIndex >= 0 ? scans[targetIndex] : null;
        var identifiers = scans.Where(IsIdentifierText).ToArray();
        var correlation = new CorrelationScan(ChooseCorrelated(scans, target, options.CorrelationColumnLimit, out var leftOut));
        var relations = target is null ? null : new TargetScan(target, scans.Where(s => s != target && IsFeature(s)).ToArray());
        var rowSample = target is null
            ? null
            : new RowSample([target, .. scans.Where(s => s != target && IsFeature(s))], options.RowSampleSize, options.Seed ^ 0x524F_5753UL);
        using var duplicates = new DuplicateCounter(scans.Length, identifiers.Select(s => s.Index).ToHashSet(), options.DuplicateTrackingLimit, schema.Rows);

        input.ForEach(row =>
        {
            duplicates.Add(row);
            for (var i = 0; i < scans.Length; i++)
                scans[i].Add(row[i], row.Line);
            correlation.AddCurrentRow();
            relations?.AddCurrentRow();
            rowSample?.AddCurrentRow();
        }, Part(progress, 0.5, 1), cancellationToken);
        duplicates.Finish();

        return Summarise(input, schema, scans, target, correlation, leftOut, relations, rowSample, duplicates, identifiers, options);
    }

    private static void CheckTarget(CsvInput input, InferredColumn target)
    {
        if (target.Evidence.Present == 0)
            throw DataFileException.In(input.DisplayPath, $"the target column '{target.Name}' is empty on every row", "choose a column that holds the value to predict");
        if (target.Type is ColumnType.Text or ColumnType.Date)
        {
            throw DataFileException.In(input.DisplayPath,
                $"the target column '{target.Name}' holds {(target.Type == ColumnType.Date ? "dates" : "free text")} ({(target.Evidence.DistinctOverflow ? "thousands of" : target.Evidence.Distinct.ToString(System.Globalization.CultureInfo.InvariantCulture))} distinct values), neither classes nor numbers",
                "a target is a category, a yes/no flag or a number: choose another column with --target");
        }
    }

    /// <summary>Free text with a distinct value on (nearly) every row: an identifier such as a customer id.</summary>
    private static bool IsIdentifierText(ColumnScan scan)
    {
        var e = scan.Column.Evidence;
        return scan.Type == ColumnType.Text && e.Present > 0 && (e.DistinctOverflow || e.Distinct >= 0.95 * e.Present);
    }

    /// <summary>What can go with a target: numbers, booleans, categories; not text, dates, or empty columns.</summary>
    private static bool IsFeature(ColumnScan scan) =>
        scan.Kind is ScanKind.Numeric or ScanKind.Labels && scan.Column.Evidence.Present > 0 && scan.Column.Conflict is null;

    private static ColumnScan[] ChooseCorrelated(ColumnScan[] scans, ColumnScan? target, int limit, out IReadOnlyList<string> leftOut)
    {
        var candidates = scans.Where(s => (s.Kind == ScanKind.Numeric || s.Type == ColumnType.Boolean) && s.Column.Evidence.Present > 0 && s.Column.Conflict is null).ToList();
        if (candidates.Count <= limit)
        {
            leftOut = [];
            return [.. candidates];
        }

        var chosen = candidates.Take(limit).ToList();
        if (target is not null && candidates.Contains(target) && !chosen.Contains(target))
            chosen[^1] = target;
        leftOut = [.. candidates.Where(c => !chosen.Contains(c)).Select(c => c.Name)];
        return [.. chosen.OrderBy(c => c.Index)];
    }

    private static ProfileResult Summarise(
        CsvInput input, InferredSchema schema, ColumnScan[] scans, ColumnScan? target, CorrelationScan correlation, IReadOnlyList<string> leftOut,
        TargetScan? relations, RowSample? rowSample, DuplicateCounter duplicates, ColumnScan[] identifiers, EdaOptions options)
    {
        var sorted = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var columns = new List<ColumnProfile>(scans.Length);
        foreach (var scan in scans)
        {
            var values = scan.Sample?.Sorted();
            if (values is not null)
                sorted[scan.Name] = values;
            columns.Add(ColumnSummary.Build(scan, values, options));
        }

        var duplicateRows = new DuplicateRows(duplicates.Exact, duplicates.IgnoringIdentifiers, [.. identifiers.Select(s => s.Name)], duplicates.LowerBound);
        var matrix = WithoutRowNumbers(correlation.Result(leftOut), columns);
        TargetProfile? targetProfile = null;
        if (target is not null && relations is not null)
            targetProfile = relations.Result(columns[target.Index], columns, matrix);

        var settings = new ProfileSettings(options.QuantileSampleSize, options.RowSampleSize, options.Seed, [.. options.MissingTokens.Order(StringComparer.Ordinal)], options.CorrelationColumnLimit);
        var profile = new DatasetProfile
        {
            Source = input.DisplayPath,
            Rows = schema.Rows,
            Columns = columns,
            Duplicates = duplicateRows,
            Correlations = matrix,
            Target = targetProfile,
            Findings = [],
            Settings = settings,
        };
        profile = profile with { Findings = DataQuality.Findings(profile) };
        var labels = scans.Where(s => s.Kind == ScanKind.Labels).ToDictionary(s => s.Name, s => s.Labels, StringComparer.Ordinal);
        return new ProfileResult(profile, new ProfileData(sorted, labels, rowSample, relations?.ClassCounts ?? new Dictionary<string, LabelledCounts>()));
    }

    /// <summary>A row number correlates with whatever drifts over the file, which says nothing: it leaves the matrix.</summary>
    private static CorrelationMatrix WithoutRowNumbers(CorrelationMatrix matrix, IReadOnlyList<ColumnProfile> columns)
    {
        var drop = columns.Where(c => c.IdentifierLike).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var keep = Enumerable.Range(0, matrix.Columns.Count).Where(i => !drop.Contains(matrix.Columns[i])).ToList();
        if (keep.Count == matrix.Columns.Count)
            return matrix;
        return new CorrelationMatrix(
            [.. keep.Select(i => matrix.Columns[i])],
            [.. keep.Select(i => (IReadOnlyList<double?>)[.. keep.Select(j => matrix.R[i][j])])],
            [.. matrix.Strongest.Where(p => !drop.Contains(p.A) && !drop.Contains(p.B))],
            matrix.LeftOut);
    }

    private static Progress? Part(IProgress<double>? progress, double from, double to) =>
        progress is null ? null : new Progress(share => progress.Report(from + ((to - from) * share)));

    /// <summary>Reports on the caller's thread, in order.</summary>
    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
