using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Modeling.Training;

/// <summary>The featuriser's output as one dense row-major float matrix: what XGBoost reads.</summary>
internal static class DenseFeatures
{
    public static (float[] Matrix, int Rows, int Columns) Read(IDataView featurized)
    {
        var column = featurized.Schema[MlNetEstimators.FeaturesColumn];
        var columns = ((VectorDataViewType)column.Type).Size;
        var matrix = new List<float>(capacity: 1 << 16);
        var rows = 0;
        var buffer = default(VBuffer<float>);
        using var cursor = featurized.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var dense = new float[columns];
        while (cursor.MoveNext())
        {
            getter(ref buffer);
            buffer.CopyTo(dense);
            matrix.AddRange(dense);
            rows++;
        }

        return ([.. matrix], rows, columns);
    }
}
