using Cauce.Core.Errors;
using Cauce.Core.Conventions;
using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Data.Preparation;

/// <summary>Where prepare writes: the interim and processed files (full paths), and how messages name them.</summary>
public sealed record PrepareTargets(string InterimPath, string InterimDisplay, string ProcessedPath, string ProcessedDisplay);

/// <summary>
/// raw → interim → processed, streaming, memory bounded by the number of distinct rows (16 bytes each, for
/// finding duplicates) and distinct labels.
/// <list type="number">
/// <item>interim: every column typed as declared or inferred; text trimmed; blanks, missing tokens and sentinels
/// made empty; category labels written one way; numbers, booleans and dates written canonically; exact duplicate
/// rows dropped.</item>
/// <item>processed: id and dropped columns left out; rows without a target dropped; missing values imputed as
/// declared (statistics over the interim rows: exact medians, means, modes); derived features appended.</item>
/// </list>
/// Nothing is written when the input is broken: every check runs before the first write, and each file appears
/// only once complete.
/// </summary>
public static class Preparer
{
    public static PrepareLog Prepare(CsvInput raw, DatasetConfig config, PrepareTargets targets, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        RequireColumns(raw, config);
        var schema = TypeInference.Run(raw, config.InferenceOptions, progress.Slice(0, 0.3), cancellationToken);
        if (schema.Rows == 0)
            throw DataFileException.In(raw.DisplayPath, "has a header but no data rows", "prepare needs at least one row of data");
        schema.ThrowOnConflict(raw.DisplayPath);
        var task = ResolveTask(config, schema, raw.DisplayPath);

        var plan = new ProcessedPlan(schema, config);
        var derived = CompileDerived(config, schema);
        var cleaners = schema.Columns.Select(c => new ColumnCleaner(c, config)).ToArray();

        // raw → interim, gathering what imputation needs.
        var seen = new HashSet<UInt128>((int)Math.Min(schema.Rows, Array.MaxLength)); // inference counted the rows: no resizing
        var hash = new RowHash();
        var row = new string?[cleaners.Length];
        long duplicates = 0;
        long interimRows;
        using (var interim = new CsvOutput(targets.InterimPath, raw.Columns))
        {
            raw.ForEach(r =>
            {
                for (var i = 0; i < cleaners.Length; i++)
                    row[i] = cleaners[i].Clean(r[i]);
                if (!seen.Add(hash.Of(row)))
                {
                    duplicates++;
                    return;
                }

                foreach (var value in row)
                {
                    if (value is null)
                        interim.Missing();
                    else
                        interim.Field(value);
                }

                interim.EndRow();
                plan.FirstPass(row);
            }, progress.Slice(0.3, 0.6), cancellationToken);
            interimRows = interim.Rows;
            cancellationToken.ThrowIfCancellationRequested();
            interim.Commit();
        }

        seen.Clear();
        seen.TrimExcess();
        var interimInput = CsvInput.Open(targets.InterimPath, targets.InterimDisplay);
        plan.EndFirstPass();
        if (plan.NeedsSecondPass)
        {
            interimInput.ForEach(r => plan.SecondPass(r), progress.Slice(0.6, 0.7), cancellationToken);
        }

        plan.Finish();

        // interim → processed.
        var header = plan.KeptColumns.Select(i => schema.Columns[i].Name).Concat(derived.Select(d => d.Name)).ToArray();
        var derivedMissing = new long[derived.Count];
        long processedRows;
        using (var processed = new CsvOutput(targets.ProcessedPath, header))
        {
            interimInput.ForEach(r =>
            {
                for (var i = 0; i < row.Length; i++)
                {
                    var text = r[i];
                    row[i] = text.IsEmpty ? null : text.ToString();
                }

                if (!plan.Impute(row))
                    return;
                foreach (var index in plan.KeptColumns)
                {
                    if (row[index] is { } value)
                        processed.Field(value);
                    else
                        processed.Missing();
                }

                for (var d = 0; d < derived.Count; d++)
                {
                    var value = derived[d].Expression.Evaluate(row);
                    if (double.IsNaN(value))
                    {
                        derivedMissing[d]++;
                        processed.Missing();
                    }
                    else
                    {
                        processed.Field(Values.FormatNumber(value));
                    }
                }

                processed.EndRow();
            }, progress.Slice(0.7, 1), cancellationToken);
            processedRows = processed.Rows;
            cancellationToken.ThrowIfCancellationRequested();
            processed.Commit();
        }

        return new PrepareLog
        {
            Dataset = config.Name,
            Date = NameParts.FormatDate(config.Date),
            Raw = new FileSummary(raw.DisplayPath, schema.Rows, raw.Columns.Count),
            Interim = new FileSummary(targets.InterimDisplay, interimRows, raw.Columns.Count),
            Processed = new FileSummary(targets.ProcessedDisplay, processedRows, header.Length),
            Target = config.Target,
            Task = task?.Name() ?? "none",
            Cleaning = [.. cleaners.Select(c => c.Changes)],
            DuplicatesDropped = duplicates,
            DroppedColumns = plan.Dropped,
            RowsWithoutTarget = plan.RowsWithoutTarget,
            RowsDroppedForMissing = plan.RowsDroppedForMissing,
            Imputed = plan.Imputations,
            Derived = [.. derived.Select((d, i) => new Derivation(d.Name, d.Expression.Text, derivedMissing[i]))],
        };
    }

    /// <summary>The task as declared, or read from the target's type: two labels → binary, a few → multiclass, numbers → regression.</summary>
    public static PredictionTask? ResolveTask(DatasetConfig config, InferredSchema schema, string displayPath)
    {
        if (config.Target is not { } target)
            return config.Task;
        var column = schema.Find(target) ?? throw DataFileException.In(displayPath, $"has no target column '{target}'");
        var labels = column.Evidence.DistinctOverflow
            ? int.MaxValue
            : column.Evidence.Spellings.Keys.Select(k => CategorySpellings.Key(k)).Distinct(StringComparer.Ordinal).Count();
        var inferred = column.Type switch
        {
            ColumnType.Boolean => PredictionTask.Binary,
            ColumnType.Number => PredictionTask.Regression,
            ColumnType.Integer => labels <= 2 ? PredictionTask.Binary : PredictionTask.Regression,
            ColumnType.Category => labels <= 2 ? PredictionTask.Binary : PredictionTask.Multiclass,
            _ => PredictionTask.Multiclass,
        };
        var task = config.Task ?? inferred;
        if (task.IsClassification() && labels < 2)
            throw DataFileException.In(displayPath, $"the target '{target}' has {labels} label{(labels == 1 ? "" : "s")}: a classifier needs at least two", "check the target column, or choose another");
        if (task == PredictionTask.Binary && labels > 2)
            throw DataFileException.In(displayPath, $"the target '{target}' has {labels} labels, but the task is binary", "set task: multiclass for the dataset in params.yaml");
        if (task == PredictionTask.Regression && !column.Type.IsNumeric())
            throw DataFileException.In(displayPath, $"the target '{target}' is {column.Type.Name()}, but the task is regression", "regression needs a numeric target; set task: binary or multiclass");
        return task;
    }

    private static void RequireColumns(CsvInput raw, DatasetConfig config)
    {
        var needed = new List<string>();
        if (config.Target is { } target)
            needed.Add(target);
        needed.AddRange(config.Id);
        needed.AddRange(config.Drop);
        if (config.Split.TimeColumn is { } time)
            needed.Add(time);
        needed.AddRange(config.Columns.Where(c => c.Value.Required).Select(c => c.Key));
        var missing = needed.Distinct(StringComparer.Ordinal).Where(c => raw.IndexOf(c) < 0).ToList();
        if (missing.Count > 0)
        {
            throw DataFileException.In(raw.DisplayPath,
                $"has no column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"'{m}'"))} that params.yaml names for dataset '{config.Name}'",
                $"its columns are: {string.Join(", ", raw.Columns)}");
        }
    }

    private static List<(string Name, FeatureExpression Expression)> CompileDerived(DatasetConfig config, InferredSchema schema)
    {
        var columns = schema.Columns.Select(c => (c.Name, c.Type)).ToList();
        var compiled = new List<(string, FeatureExpression)>();
        foreach (var feature in config.Derive)
        {
            var where = $"datasets.{config.Name}.derive.{feature.Name}";
            if (columns.Any(c => c.Name == feature.Name) || compiled.Any(c => c.Item1 == feature.Name))
                throw new CauceException($"params.yaml: {where}: a column '{feature.Name}' exists already", "give the derived feature a new name");
            var expression = FeatureExpression.Compile(feature.Expression, columns, where);
            if (config.Target is { } target && expression.Inputs.Contains(target))
                throw new CauceException($"params.yaml: {where}: the formula reads the target '{target}'", "a feature computed from the target leaks the answer into the model: use other columns");
            compiled.Add((feature.Name, expression));
        }

        return compiled;
    }

}
