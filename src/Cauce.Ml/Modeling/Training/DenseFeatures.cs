using Cauce.Ml.Modeling.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Modeling.Training;

/// <summary>The featuriser's output as one dense row-major float matrix: what XGBoost reads.</summary>
internal static class DenseFeatures
{
    // When the view does not know its row count (a CSV read lazily never does), rows are gathered in blocks of this
    // many and copied once into a matrix of the exact size: one copy, instead of a growing list's repeated ones.
    private const int BlockRows = 1 << 14;

    public static (float[] Matrix, int Rows, int Columns) Read(IDataView featurized)
    {
        var (matrix, _, rows, columns) = Read(featurized, task: null);
        return (matrix, rows, columns);
    }

    /// <summary>
    /// The matrix and, in the same pass over the data, XGBoost's label of each row: 1/0 for a binary task, the class
    /// index 0…k-1 for a multiclass one, the value for regression (what <see cref="TrainedModel.Actual"/> gives).
    /// </summary>
    public static (float[] Matrix, float[] Labels, int Rows, int Columns) ReadWithLabels(IDataView featurized, PredictionTask task) =>
        Read(featurized, task);

    private static (float[] Matrix, float[] Labels, int Rows, int Columns) Read(IDataView featurized, PredictionTask? task)
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
        while (cursor.MoveNext())
        {
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
