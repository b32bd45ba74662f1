using Cauce.Ml.Modeling.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Modeling.Training;

/// <summary>ML.NET's featurised output as one dense row-major float matrix: what the ML.NET learners train on.</summary>
internal static class DenseFeatures
{
    // When the view does not know its row count (a filtered view does not), rows are gathered in blocks of
    // this many and copied once into a matrix of the exact size: one copy, instead of a growing list's repeated ones.
    private const int BlockRows = 1 << 14;

    public static (float[] Matrix, int Rows, int Columns) Read(IDataView featurized)
    {
        var (matrix, _, rows, columns) = Read(featurized, task: null, long.MaxValue) ?? throw TooMany();
        return (matrix, rows, columns);
    }

    /// <summary>
    /// The matrix and, in the same pass over the data, XGBoost's label of each row: 1/0 for a binary task, the class
    /// index 0…k-1 for a multiclass one, the value for regression (what <see cref="TrainedModel.Actual"/> gives).
    /// </summary>
    public static (float[] Matrix, float[] Labels, int Rows, int Columns) ReadWithLabels(IDataView featurized, PredictionTask task) =>
        Read(featurized, task, long.MaxValue) ?? throw TooMany();

    /// <summary>
    /// <paramref name="data"/> through <paramref name="featurizer"/> into a <see cref="FeatureMatrix"/> with its
    /// labels. Rows read into memory (<see cref="ModelRows"/>) are written straight into the matrix with the
    /// featuriser's own encoding (<see cref="FeatureEncoding"/>); other views are featurised by ML.NET. Null when
    /// the matrix would hold more than <paramref name="maxValues"/> values.
    /// </summary>
    public static FeatureMatrix? Featurize(ITransformer featurizer, IDataView data, PredictionTask task, long maxValues = long.MaxValue)
    {
        var featurized = featurizer.Transform(data);
        var schema = featurized.Schema;
        var columns = ((VectorDataViewType)schema[MlNetEstimators.FeaturesColumn].Type).Size;
        if (data.GetRowCount() is { } count && count * columns > Math.Min(maxValues, Array.MaxLength))
            return null;
        // Rows in memory (training rows, cross-validation folds): written straight with the featuriser's encoding.
        // Any other view goes through ML.NET row by row, the cap checked as it is read.
        if (data is ModelRows rows && FeatureEncoding.Read(featurizer, rows) is { } encoding && encoding.Columns == columns)
        {
            var values = new float[rows.Rows * columns];
            var labels = new float[rows.Rows];
            encoding.Fill(rows, values, labels, task);
            return new FeatureMatrix(values, labels, (int)rows.Rows, columns, schema, task);
        }

        return Read(featurized, task, maxValues) is var (m, l, r, c) ? new FeatureMatrix(m, l, r, c, schema, task) : null;
    }

    /// <summary>The rows of <paramref name="featurized"/> (and their labels, with a task); null past <paramref name="maxValues"/> values.</summary>
    private static (float[] Matrix, float[] Labels, int Rows, int Columns)? Read(IDataView featurized, PredictionTask? task, long maxValues)
    {
        var column = featurized.Schema[MlNetEstimators.FeaturesColumn];
        var columns = ((VectorDataViewType)column.Type).Size;
        var labelColumn = task is null ? (DataViewSchema.Column?)null : featurized.Schema[ModelSchema.Label];
        using var cursor = featurized.GetRowCursor(labelColumn is { } l ? [column, l] : [column]);
        var features = cursor.GetGetter<VBuffer<float>>(column);
        var label = labelColumn is { } lc ? LabelGetter(cursor, lc, task!.Value) : null;
        var buffer = default(VBuffer<float>);

        // One block of the exact size when the count is known; blocks of BlockRows rows otherwise.
        var known = featurized.GetRowCount() is { } count and <= int.MaxValue ? (int)count : -1;
        var blockRows = known >= 0 ? Math.Max(known, 1) : BlockRows;
        var blocks = new List<(float[] Values, float[] Labels)>();
        var rows = 0;
        var inBlock = blockRows;
        float[] values = [], labels = [];
        var most = Math.Min(maxValues, Array.MaxLength);
        if ((long)known * columns > most)
            return null;
        while (cursor.MoveNext())
        {
            if ((rows + 1L) * columns > most)
                return null;
            if (inBlock == blockRows)
            {
                values = new float[(long)blockRows * columns];
                labels = label is null ? [] : new float[blockRows];
                blocks.Add((values, labels));
                inBlock = 0;
            }

            features(ref buffer);
            buffer.CopyTo(values.AsSpan(inBlock * columns, columns));
            if (label is not null)
                label(ref labels[inBlock]);
            inBlock++;
            rows = checked(rows + 1);
        }

        if (blocks.Count == 1 && rows == blockRows)
            return (blocks[0].Values, blocks[0].Labels, rows, columns);

        var matrix = new float[(long)rows * columns];
        var allLabels = label is null ? [] : new float[rows];
        var at = 0;
        foreach (var (blockValues, blockLabels) in blocks)
        {
            var n = Math.Min(blockRows, rows - at);
            blockValues.AsSpan(0, n * columns).CopyTo(matrix.AsSpan(at * columns));
            if (label is not null)
                blockLabels.AsSpan(0, n).CopyTo(allLabels.AsSpan(at));
            at += n;
        }

        return (matrix, allLabels, rows, columns);
    }

    private static InvalidOperationException TooMany() => new("the rows are too many for one matrix in memory");

    private static ValueGetter<float> LabelGetter(DataViewRowCursor cursor, DataViewSchema.Column column, PredictionTask task)
    {
        switch (task)
        {
            case PredictionTask.Binary:
            {
                var getter = cursor.GetGetter<bool>(column);
                var value = false;
                return (ref float label) =>
                {
                    getter(ref value);
                    label = value ? 1 : 0;
                };
            }

            case PredictionTask.Multiclass:
            {
                var getter = cursor.GetGetter<uint>(column);
                var key = 0u;
                return (ref float label) =>
                {
                    getter(ref key);
                    label = key - 1;
                };
            }

            default:
                return cursor.GetGetter<float>(column);
        }
    }
}
