using Cauce.Core.Errors;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Schema;
using Microsoft.ML.Data;

namespace Cauce.Ml.Modeling.Features;

/// <summary>
/// A column the model reads, with its type as Cauce names it and — for a category — the labels it was trained
/// on (ordinal order), so scoring can refuse a label the model never saw instead of silently encoding it as none.
/// </summary>
public sealed record FeatureColumn(string Name, string Type)
{
    /// <summary>A category's training labels; null for other types and for cards written before Cauce kept them.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Levels { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public ColumnType ColumnType => ColumnTypes.TryParse(Type, out var type) ? type : throw new InvalidOperationException($"unknown type '{Type}'");
}

/// <summary>A column of the training file the model does not read, and why.</summary>
public sealed record ExcludedColumn(string Name, string Reason);

/// <summary>
/// What a model reads and predicts: its features with their types, the target, the task and — for classifiers —
/// the class labels (ordinal order; the positive class of a binary task is the last, as in scikit-learn, or
/// <c>true</c>). It is decided from the training file and kept in the model card, so every later file (test,
/// new data to score) is read the same way.
/// </summary>
public sealed record ModelSchema(string Target, PredictionTask Task, IReadOnlyList<FeatureColumn> Features, IReadOnlyList<ExcludedColumn> Excluded, IReadOnlyList<string> Labels)
{
    /// <summary>The ML.NET column the target is read into as text, before it becomes the label.</summary>
    internal const string LabelText = "__cauce_label_text";

    /// <summary>The label column every trainer learns from.</summary>
    internal const string Label = "Label";

    public string? PositiveLabel => Task == PredictionTask.Binary ? Labels[^1] : null;

    /// <summary>The classes the model tells apart: 2 for a binary task, the labels for multiclass, 0 for a regression.</summary>
    public int Classes => Task switch { PredictionTask.Binary => 2, PredictionTask.Multiclass => Labels.Count, _ => 0 };

    /// <summary>The values the model gives a row: one per class for multiclass (even of two), else one — P(positive) or the value.</summary>
    public int Outputs => Task == PredictionTask.Multiclass ? Labels.Count : 1;

    /// <summary>The schema of a training file: numeric, boolean and category columns are features; text and dates are not.</summary>
    public static ModelSchema FromTraining(InferredSchema train, string target, PredictionTask? task, string displayPath)
    {
        var targetColumn = train.Find(target) ?? throw DataFileException.In(displayPath, $"has no target column '{target}'",
            $"its columns are: {string.Join(", ", train.Columns.Select(c => c.Name))}");
        train.ThrowOnConflict(displayPath);
        var labels = targetColumn.Evidence.DistinctOverflow
            ? []
            : targetColumn.Evidence.Spellings.Keys.Order(StringComparer.Ordinal).ToList();
        var resolved = task ?? targetColumn.Type switch
        {
            ColumnType.Boolean => PredictionTask.Binary,
            ColumnType.Integer or ColumnType.Number when labels.Count is 0 or > 20 => PredictionTask.Regression,
            _ => labels.Count == 2 ? PredictionTask.Binary : PredictionTask.Multiclass,
        };
        if (targetColumn.Evidence.Missing > 0)
            throw DataFileException.In(displayPath, $"the target '{target}' is missing in {targetColumn.Evidence.Missing:N0} rows", "train on prepared data: 'cauce prepare' drops rows without a target");
        if (resolved.IsClassification())
        {
            if (labels.Count < 2)
                throw DataFileException.In(displayPath, $"the target '{target}' has {labels.Count} class{(labels.Count == 1 ? $" ('{labels.FirstOrDefault()}')" : "es")}: a classifier needs at least two", "check the target column and the split");
            if (resolved == PredictionTask.Binary && labels.Count > 2)
                throw DataFileException.In(displayPath, $"the target '{target}' has {labels.Count} classes, but the task is binary", "use --task multiclass (or task: multiclass in params.yaml)");
            if (targetColumn.Type == ColumnType.Boolean)
                labels = [.. labels.Select(l => Values.TryBoolean(l, out var b) ? Values.FormatBoolean(b) : l).Distinct().Order(StringComparer.Ordinal)];
        }
        else if (!targetColumn.Type.IsNumeric())
        {
            throw DataFileException.In(displayPath, $"the target '{target}' is {targetColumn.Type.Name()}, but regression needs numbers", "use --task binary or multiclass for labels");
        }

        var features = new List<FeatureColumn>();
        var excluded = new List<ExcludedColumn>();
        foreach (var column in train.Columns)
        {
            if (column.Name == target)
                continue;
            switch (column.Type)
            {
                case ColumnType.Text:
                    excluded.Add(new ExcludedColumn(column.Name, "text: free text or an identifier"));
                    break;
                case ColumnType.Date:
                    excluded.Add(new ExcludedColumn(column.Name, "date: derive its parts (year(), month(), weekday()) in params.yaml"));
                    break;
                case ColumnType.Category when column.Evidence.DistinctOverflow:
                    excluded.Add(new ExcludedColumn(column.Name, "too many labels to encode"));
                    break;
                default:
                    if (column.Evidence.Present == 0)
                        excluded.Add(new ExcludedColumn(column.Name, "always missing"));
                    else
                        features.Add(new FeatureColumn(column.Name, column.Type.Name()) { Levels = column.Type == ColumnType.Category ? LevelsOf(column.Evidence) : null });
                    break;
            }
        }

        if (features.Count == 0)
            throw DataFileException.In(displayPath, "has no column a model can learn from (numbers, booleans or categories) besides the target");
        return new ModelSchema(target, resolved, features, excluded, resolved.IsClassification() ? labels : []);
    }

    private static List<string> LevelsOf(ColumnEvidence evidence) =>
        [.. evidence.Spellings.Keys.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
