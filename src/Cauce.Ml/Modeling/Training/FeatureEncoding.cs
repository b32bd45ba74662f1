using Cauce.Ml.Data.Schema;
using Cauce.Ml.Inference;
using Cauce.Ml.Modeling.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Modeling.Training;

/// <summary>
/// The encoding a fitted featuriser applies, read off the featuriser itself, so that rows in memory can be
/// written into the training matrix directly instead of going through ML.NET's transforms one row at a time:
/// where each feature's slots start in the Features vector (from the featurised schema), each category's slot
/// (the one-hot column's slot names, which are its keys in order), and what replaces a missing number (the
/// Features of a row with every value missing, put through the featuriser). The matrix it writes equals the
/// featuriser's output value for value; a test holds that, and <see cref="Read"/> gives null for a featuriser
/// whose layout it cannot account for, so the caller featurises through ML.NET instead.
/// </summary>
internal sealed class FeatureEncoding
{
    private readonly Part[] _parts;

    private FeatureEncoding(Part[] parts, int columns)
    {
        _parts = parts;
        Columns = columns;
    }

    public int Columns { get; }

    public static FeatureEncoding? Read(ITransformer featurizer, ModelSchema schema)
    {
        var blank = ModelRows.Blank(schema);
        var output = featurizer.Transform(blank);
        var features = output.Schema.GetColumnOrNull(MlNetEstimators.FeaturesColumn);
        if (features is not { Type: VectorDataViewType { Size: > 0 } vector } || vector.ItemType != NumberDataViewType.Single)
            return null;
        var filled = output.GetColumn<VBuffer<float>>(features.Value).Single().DenseValues().ToArray();

        var parts = new List<Part>();
        var slot = 0;
        var rows = blank.ModelSchema.Features;
        foreach (var feature in MlNetEstimators.FeatureParts(schema))
        {
            var index = IndexOf(rows, feature.Name);
            if (feature.ColumnType == ColumnType.Category)
            {
                var encoded = output.Schema.GetColumnOrNull(MlNetEstimators.Encoded(feature.Name));
                if (encoded is not { Type: VectorDataViewType { Size: > 0 } oneHot } || !encoded.Value.HasSlotNames())
                    return null;
                var names = default(VBuffer<ReadOnlyMemory<char>>);
                encoded.Value.GetSlotNames(ref names);
                var levels = new Dictionary<string, int>(StringComparer.Ordinal);
                var i = 0;
                foreach (var name in names.DenseValues())
                {
                    if (!levels.TryAdd(name.ToString(), slot + i))
                        return null;
                    i++;
                }

                parts.Add(new Part(index, ColumnType.Category, slot, 0, levels));
                slot += oneHot.Size;
            }
            else
            {
                parts.Add(new Part(index, feature.ColumnType == ColumnType.Boolean ? ColumnType.Boolean : ColumnType.Number, slot, filled[slot], null));
                slot++;
            }
        }

        return slot == vector.Size ? new FeatureEncoding([.. parts], slot) : null;
    }

    /// <summary>The rows of <paramref name="rows"/> as one row-major matrix (their labels, if any, left out).</summary>
    public float[] Matrix(ModelRows rows)
    {
        var matrix = new float[rows.Rows * Columns];
        Parallel.ForEach(rows.Chunks, chunk => Write(chunk.Features, matrix.AsSpan(checked((int)(chunk.FirstRow * Columns)), chunk.Features.Count * Columns)));
        return matrix;
    }

    /// <summary>Writes each row of <paramref name="rows"/> into <paramref name="matrix"/> (row-major) and its label into <paramref name="labels"/>, chunks in parallel.</summary>
    public void Fill(ModelRows rows, float[] matrix, float[] labels, PredictionTask task)
    {
        var chunks = rows.Chunks;
        Parallel.For(0, chunks.Count, c =>
        {
            var (batch, chunkLabels, first) = chunks[c];
            Write(batch, matrix.AsSpan(checked((int)(first * Columns)), batch.Count * Columns));

            if (chunkLabels is not null)
            {
                for (var r = 0; r < batch.Count; r++)
                    labels[first + r] = task == PredictionTask.Multiclass ? chunkLabels[r] - 1 : chunkLabels[r];
            }
        });
    }

    /// <summary>Writes the rows of <paramref name="batch"/> into <paramref name="values"/>, row-major, <see cref="Columns"/> values a row.</summary>
    public void Write(FeatureBatch batch, Span<float> values)
    {
        values = values[..(batch.Count * Columns)];
        values.Clear();
        foreach (var part in _parts)
        {
            for (var r = 0; r < batch.Count; r++)
                part.Write(values.Slice(r * Columns, Columns), batch, r);
        }
    }

    private static int IndexOf(IReadOnlyList<FeatureColumn> features, string name)
    {
        for (var i = 0; i < features.Count; i++)
        {
            if (features[i].Name == name)
                return i;
        }

        throw new InvalidOperationException($"'{name}' is not a feature");
    }

    /// <summary>One feature's slots: where they start, and how a value becomes one.</summary>
    private sealed record Part(int Feature, ColumnType Kind, int Start, float Missing, Dictionary<string, int>? Levels)
    {
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup = Levels?.GetAlternateLookup<ReadOnlySpan<char>>() ?? default;

        /// <summary>Writes the feature of <paramref name="row"/> into its slots of <paramref name="values"/> (zeroed before).</summary>
        public void Write(Span<float> values, FeatureBatch batch, int row)
        {
            switch (Kind)
            {
                case ColumnType.Category:
                    // A missing label, like one the featuriser has no key for, is no slot at all: all zeros.
                    if (_lookup.TryGetValue(batch.Text(Feature, row).Span, out var slot))
                        values[slot] = 1;
                    break;
                case ColumnType.Boolean:
                    values[Start] = batch.Flag(Feature, row) ? 1 : 0;
                    break;
                default:
                    var number = batch.Number(Feature, row);
                    values[Start] = float.IsNaN(number) ? Missing : number;
                    break;
            }
        }
    }
}
