using Cauce.Core.Errors;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Schema;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Modeling.Features;

/// <summary>
/// Reads a CSV into ML.NET as a model sees it: the features by their types, and — for training and evaluation —
/// the target turned into the label (a boolean for binary tasks, a key in the labels' order for multiclass, a
/// number for regression). The label mapping is applied here, outside the saved model, so a model file needs
/// only the features to score.
/// </summary>
internal static class ModelData
{
    public static IDataView Read(MLContext ml, CsvInput file, ModelSchema schema, bool withTarget)
    {
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            Columns = schema.LoaderColumns(file, withTarget),
            HasHeader = true,
            Separators = [file.Separator],
            AllowQuoting = true,
            TrimWhitespace = true,
            MissingRealsAsNaNs = true,
        });
        var data = loader.Load(file.FullPath);
        return withTarget && schema.Task.IsClassification() ? MapLabel(ml, data, file, schema) : data;
    }

    private static IDataView MapLabel(MLContext ml, IDataView data, CsvInput file, ModelSchema schema)
    {
        var spellings = TargetSpellings(file, schema.Target);
        var unknown = spellings.Keys.Where(s => Canonical(s, schema) is null).ToList();
        if (unknown.Count > 0)
        {
            throw DataFileException.In(file.DisplayPath, $"has target values the model does not know: {string.Join(", ", unknown.Take(5).Select(u => $"'{u}'"))}",
                $"the model's classes are: {string.Join(", ", schema.Labels)}");
        }

        if (schema.Task == PredictionTask.Binary)
        {
            var pairs = spellings.Keys.Select(s => new KeyValuePair<string, bool>(s, Canonical(s, schema) == schema.PositiveLabel));
            return ml.Transforms.Conversion.MapValue(ModelSchema.Label, pairs, ModelSchema.LabelText).Fit(data).Transform(data);
        }

        // Multiclass: raw spelling → key 1..k in the order of the model's labels.
        var keys = spellings.Keys.Select(s => new KeyValuePair<string, uint>(s, (uint)(IndexOf(schema.Labels, Canonical(s, schema)!) + 1)));
        var mapped = ml.Transforms.Conversion.MapValue(ModelSchema.Label + "_index", keys, ModelSchema.LabelText).Fit(data).Transform(data);
        return ml.Transforms.Conversion.MapValueToKey(ModelSchema.Label, ModelSchema.Label + "_index",
            keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue,
            keyData: ml.Data.LoadFromEnumerable(Enumerable.Range(1, schema.Labels.Count).Select(i => new KeyRow { Key = (uint)i })))
            .Fit(mapped).Transform(mapped);
    }

    /// <summary>The label a spelling of the target stands for, or null: booleans by meaning (Si, yes, 1 → true), others as written.</summary>
    private static string? Canonical(string spelling, ModelSchema schema)
    {
        if (schema.Labels.Contains(spelling))
            return spelling;
        if (schema.Labels.SequenceEqual(["false", "true"]) && Values.TryBoolean(spelling, out var b))
            return Values.FormatBoolean(b);
        return null;
    }

    private static Dictionary<string, long> TargetSpellings(CsvInput file, string target)
    {
        var index = file.RequireColumn(target, "target");
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        file.ForEach(row =>
        {
            var value = Values.Clean(row[index]);
            if (value.IsEmpty)
                throw DataFileException.AtCell(file.DisplayPath, row.Line, target, "has no target value", "every row needs its target to train or evaluate");
            var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
            lookup[value] = lookup.TryGetValue(value, out var n) ? n + 1 : 1;
        });
        return counts;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
                return i;
        }

        return -1;
    }

    private sealed class KeyRow
    {
        public uint Key { get; set; }
    }
}
