using System.Collections.Immutable;
using Cauce.Ml.Modeling.Features;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Cauce.Ml.Modeling.Training;

/// <summary>
/// Featurised training rows held as one dense row-major matrix with a label per row (1/0 binary, class index
/// 0…k-1 multiclass, the value for regression). XGBoost reads the matrix itself; the ML.NET learners read it as an
/// <see cref="IDataView"/> (<see cref="AsDataView"/>) with the featuriser's own Features and Label columns, so the
/// learner fitted on it scores the featuriser's output unchanged.
/// </summary>
internal sealed record FeatureMatrix(float[] Values, float[] Labels, int Rows, int Columns, DataViewSchema Featurized, PredictionTask Task)
{
    public IDataView AsDataView() => new MatrixRows(this);

    /// <summary>
    /// Applies a fitted mean-variance standardiser to the matrix in place — (value − offset) × scale per column, in
    /// float, as ML.NET's affine normaliser computes it — and says whether it could (an affine one over Features).
    /// </summary>
    public bool Standardise(ITransformer standardiser)
    {
        if (standardiser is not NormalizingTransformer normalizer
            || normalizer.GetNormalizerModelParameters(0) is not NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> affine
            || affine.Scale.Length != Columns || (affine.Offset.Length != 0 && affine.Offset.Length != Columns))
            return false;
        var scale = affine.Scale.ToArray();
        var offset = affine.Offset.Length == 0 ? null : affine.Offset.ToArray();
        Parallel.For(0, Environment.ProcessorCount, part =>
        {
            var from = (int)((long)Rows * part / Environment.ProcessorCount);
            var to = (int)((long)Rows * (part + 1) / Environment.ProcessorCount);
            for (var row = from; row < to; row++)
            {
                var values = Values.AsSpan(row * Columns, Columns);
                for (var c = 0; c < Columns; c++)
                    values[c] = offset is null ? values[c] * scale[c] : (values[c] - offset[c]) * scale[c];
            }
        });
        return true;
    }

    /// <summary>
    /// The matrix as ML.NET rows. It can be shuffled (a seeded permutation of the rows), as the cache it replaces
    /// could: SDCA and the linear SVM take their rows in random order when they can.
    /// </summary>
    private sealed class MatrixRows : IDataView
    {
        private readonly FeatureMatrix _matrix;

        public MatrixRows(FeatureMatrix matrix)
        {
            _matrix = matrix;
            var builder = new DataViewSchema.Builder();
            foreach (var name in (string[])[MlNetEstimators.FeaturesColumn, ModelSchema.Label])
            {
                var column = matrix.Featurized[name];
                builder.AddColumn(column.Name, column.Type, column.Annotations);
            }

            Schema = builder.ToSchema();
        }

        public DataViewSchema Schema { get; }

        public bool CanShuffle => true;

        public long? GetRowCount() => _matrix.Rows;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this, rand is null ? null : Permutation(_matrix.Rows, rand));

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];

        private static int[] Permutation(int rows, Random rand)
        {
            var order = new int[rows];
            for (var i = 0; i < rows; i++)
                order[i] = i;
            for (var i = rows - 1; i > 0; i--)
            {
                var j = rand.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            return order;
        }

        private sealed class Cursor(MatrixRows view, int[]? order) : DataViewRowCursor
        {
            private readonly FeatureMatrix _m = view._matrix;
            private long _position = -1;
            private int _row = -1;

            public override DataViewSchema Schema => view.Schema;

            public override long Position => _position;

            public override long Batch => 0;

            public override bool MoveNext()
            {
                if (_position + 1 >= _m.Rows)
                {
                    _position = _m.Rows;
                    return false;
                }

                _position++;
                _row = order is null ? (int)_position : order[_position];
                return true;
            }

            public override bool IsColumnActive(DataViewSchema.Column column) => true;

            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                Delegate getter = column.Index == 0
                    ? (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
                    {
                        var editor = VBufferEditor.Create(ref value, _m.Columns);
                        _m.Values.AsSpan(_row * _m.Columns, _m.Columns).CopyTo(editor.Values);
                        value = editor.Commit();
                    })
                    : _m.Task switch
                    {
                        PredictionTask.Binary => (ValueGetter<bool>)((ref bool value) => value = _m.Labels[_row] == 1),
                        PredictionTask.Multiclass => (ValueGetter<uint>)((ref uint value) => value = (uint)_m.Labels[_row] + 1),
                        _ => (ValueGetter<float>)((ref float value) => value = _m.Labels[_row]),
                    };
                return getter as ValueGetter<TValue> ?? throw new InvalidOperationException($"column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}");
            }

            public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_row, 0);
        }
    }
}
