using Cauce.Core.Errors;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Inference;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Modeling.Features;

/// <summary>
/// A CSV file read as a model reads it, in one pass of Cauce's own reader, into memory: the features in
/// <see cref="FeatureBatch"/>es — the reader and the checks <c>cauce predict</c> and <c>cauce serve</c> use, so
/// training, evaluation and scoring cannot read a value differently — and, for training and evaluation, the label:
/// a boolean (binary: the positive class or not), a key 1…k in the order of the model's labels (multiclass) or the
/// value (regression). The label is made here, outside the saved model, so a model needs only the features.
/// <para>As an <see cref="IDataView"/> every pass of the featuriser and the learner reads memory, not the file.</para>
/// </summary>
internal sealed class ModelRows : IDataView
{
    // Chunks grow from FirstChunkRows, doubling with the rows read, to ChunkRows: a small file does not pay for a
    // large chunk's arrays.
    private const int FirstChunkRows = 1 << 10;
    private const int ChunkRows = 1 << 16;

    private readonly Store _store;

    private ModelRows(Store store)
    {
        _store = store;
        Rows = store.Chunks.Sum(chunk => (long)chunk.Count);
    }

    public DataViewSchema Schema => _store.Schema;

    public long Rows { get; }

    public bool CanShuffle => false;

    /// <summary>
    /// Reads <paramref name="file"/>: every feature checked by its type (a value that is not one is an error naming
    /// the line and column); a category never seen in training reads as none of them, as the one-hot encoding
    /// would. With <paramref name="withTarget"/>, the target must be one of the model's labels (or, for regression,
    /// a number) in every row.
    /// </summary>
    public static ModelRows Read(CsvInput file, ModelSchema schema, bool withTarget, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var missing = schema.Features.Where(f => file.IndexOf(f.Name) < 0).Select(f => f.Name).ToList();
        if (missing.Count > 0)
        {
            throw DataFileException.In(file.DisplayPath, $"lacks the feature{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"'{m}'"))} the model was trained on",
                "score files with the columns of the training data (the model card lists them)");
        }

        var features = schema.Features.Select(f => file.IndexOf(f.Name)).ToArray();
        var target = withTarget ? file.RequireColumn(schema.Target, "target") : -1;
        var store = new Store(schema, withTarget);
        var labels = new LabelReader(schema, file.DisplayPath);
        const string hint = "a column holds the type training found in it (a model card lists them): fix the value, or prepare the file with 'cauce prepare'";
        file.ForEach(row =>
        {
            var (batch, r) = store.AddRow();
            for (var f = 0; f < features.Length; f++)
            {
                if (batch.Set(f, r, row[features[f]]) is { } problem)
                    throw DataFileException.AtCell(file.DisplayPath, row.Line, schema.Features[f].Name, problem, hint);
            }

            if (withTarget)
                store.Labels[^1][r] = labels.Read(row[target], row.Line);
        }, progress, cancellationToken);
        return new ModelRows(store.Finish());
    }

    /// <summary>What the rows were read for.</summary>
    public ModelSchema ModelSchema => _store.ModelSchema;

    /// <summary>The chunks of rows, in order: the features, the labels (null without the target) and the index of the first row.</summary>
    public IReadOnlyList<(FeatureBatch Features, float[]? Labels, long FirstRow)> Chunks
    {
        get
        {
            var chunks = new List<(FeatureBatch, float[]?, long)>();
            long first = 0;
            for (var c = 0; c < _store.Chunks.Count; c++)
            {
                chunks.Add((_store.Chunks[c], _store.Labels.Count > 0 ? _store.Labels[c] : null, first));
                first += _store.Chunks[c].Count;
            }

            return chunks;
        }
    }

    /// <summary>
    /// The rows split for k-fold cross-validation: each row's fold drawn by a seeded shuffle (fold sizes differ by
    /// at most one), then for fold <paramref name="fold"/> the rows outside it (to train on) and the rows in it (to
    /// score), each in file order. The same rows, folds and seed give the same split.
    /// </summary>
    public (ModelRows Train, ModelRows Test) Fold(int fold, int folds, int seed)
    {
        var of = FoldOf(folds, seed);
        var train = new Store(ModelSchema, _store.Labels.Count > 0);
        var test = new Store(ModelSchema, _store.Labels.Count > 0);
        long at = 0;
        for (var c = 0; c < _store.Chunks.Count; c++)
        {
            var chunk = _store.Chunks[c];
            for (var r = 0; r < chunk.Count; r++, at++)
            {
                var to = of[at] == fold ? test : train;
                var (batch, row) = to.AddRow();
                batch.CopyRow(row, chunk, r);
                if (_store.Labels.Count > 0)
                    to.Labels[^1][row] = _store.Labels[c][r];
            }
        }

        return (new ModelRows(train.Finish()), new ModelRows(test.Finish()));
    }

    /// <summary>Each row's fold, 0…<paramref name="folds"/>-1: the rows in a seeded random order, dealt out in turn.</summary>
    private int[] FoldOf(int folds, int seed)
    {
        var order = new Randomness.SeededRandom((ulong)seed).Permutation(checked((int)Rows));
        var fold = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
            fold[order[i]] = i % folds;
        return fold;
    }

    /// <summary>One row with every feature missing (no target): what a featuriser puts in place of a missing value shows on it.</summary>
    public static ModelRows Blank(ModelSchema schema)
    {
        var store = new Store(schema, withTarget: false);
        store.AddRow(firstCapacity: 1);
        return new ModelRows(store.Finish());
    }

    public long? GetRowCount() => Rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    /// <summary>The rows, chunk by chunk, and the schema ML.NET sees.</summary>
    private sealed class Store(ModelSchema schema, bool withTarget)
    {
        public List<FeatureBatch> Chunks { get; } = [];

        /// <summary>The label of each row, per chunk, as a float: 1/0 (binary), key 1…k (multiclass), the value.</summary>
        public List<float[]> Labels { get; } = [];

        public DataViewSchema Schema { get; private set; } = null!;

        public ModelSchema ModelSchema => schema;

        public int LabelColumn => withTarget ? schema.Features.Count : -1;

        public PredictionTask Task => schema.Task;

        private long _rows;

        public (FeatureBatch Batch, int Row) AddRow(int firstCapacity = FirstChunkRows)
        {
            if (Chunks.Count == 0 || Chunks[^1].IsFull)
            {
                var capacity = (int)Math.Clamp(_rows, firstCapacity, ChunkRows);
                Chunks.Add(new FeatureBatch(schema, capacity, allowUnseen: true));
                if (withTarget)
                    Labels.Add(new float[capacity]);
            }

            _rows++;

            return (Chunks[^1], Chunks[^1].AddRow());
        }

        public Store Finish()
        {
            if (Chunks.Count == 0)
                Chunks.Add(new FeatureBatch(schema, 1));
            var builder = new DataViewSchema.Builder();
            foreach (var feature in schema.Features)
            {
                builder.AddColumn(feature.Name, feature.ColumnType switch
                {
                    ColumnType.Category => TextDataViewType.Instance,
                    ColumnType.Boolean => BooleanDataViewType.Instance,
                    _ => NumberDataViewType.Single,
                });
            }

            if (withTarget)
            {
                switch (schema.Task)
                {
                    case PredictionTask.Binary:
                        builder.AddColumn(ModelSchema.Label, BooleanDataViewType.Instance);
                        break;
                    case PredictionTask.Multiclass:
                        // A key per class, its key values 1…k, as ML.NET's MapValueToKey makes them.
                        var k = schema.Labels.Count;
                        var annotations = new DataViewSchema.Annotations.Builder();
                        annotations.Add("KeyValues", new VectorDataViewType(NumberDataViewType.UInt32, k), (ref VBuffer<uint> values) =>
                            values = new VBuffer<uint>(k, [.. Enumerable.Range(1, k).Select(i => (uint)i)]));
                        builder.AddColumn(ModelSchema.Label, new KeyDataViewType(typeof(uint), k), annotations.ToAnnotations());
                        break;
                    default:
                        builder.AddColumn(ModelSchema.Label, NumberDataViewType.Single);
                        break;
                }
            }

            Schema = builder.ToSchema();
            return this;
        }
    }

    /// <summary>Turns the target's text into the label, each spelling checked once.</summary>
    private sealed class LabelReader(ModelSchema schema, string displayPath)
    {
        private readonly Dictionary<string, float> _known = new(StringComparer.Ordinal);

        public float Read(ReadOnlySpan<char> raw, long line)
        {
            var value = Values.Clean(raw);
            if (Values.IsMissing(value, Values.DefaultMissingTokens))
                throw DataFileException.AtCell(displayPath, line, schema.Target, "has no target value", "every row needs its target to train or evaluate");
            if (schema.Task == PredictionTask.Regression)
            {
                if (!Values.TryNumber(value, out var number) || Math.Abs(number) > float.MaxValue)
                    throw DataFileException.AtCell(displayPath, line, schema.Target, $"expected a number, got '{value}'", "a regression target is a number in every row");
                return (float)number;
            }

            var lookup = _known.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(value, out var label))
                return label;
            var spelling = value.ToString();
            var index = Canonical(spelling) is { } canonical ? IndexOf(schema.Labels, canonical) : -1;
            if (index < 0)
            {
                throw DataFileException.AtCell(displayPath, line, schema.Target, $"'{spelling}' is a class the model does not know",
                    $"the model's classes are: {string.Join(", ", schema.Labels)}");
            }

            label = schema.Task == PredictionTask.Binary ? (index == schema.Labels.Count - 1 ? 1 : 0) : index + 1;
            _known[spelling] = label;
            return label;
        }

        /// <summary>The label a spelling of the target stands for, or null: booleans by meaning (Si, yes, 1 → true), others as written.</summary>
        private string? Canonical(string spelling)
        {
            if (schema.Labels.Contains(spelling))
                return spelling;
            if (schema.Labels.SequenceEqual(["false", "true"]) && Values.TryBoolean(spelling, out var b))
                return Values.FormatBoolean(b);
            return null;
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
    }

    /// <summary>Walks the chunks row by row; the feature getters are <see cref="BatchRow"/>'s, the label's its own.</summary>
    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ModelRows _rows;
        private readonly Store _store;
        private readonly BatchRow _row;
        private int _chunk;
        private int _index = -1;
        private bool _done;

        public Cursor(ModelRows rows)
        {
            _rows = rows;
            _store = rows._store;
            _row = new BatchRow(rows.Schema, _store.Chunks[0]);
        }

        public override DataViewSchema Schema => _rows.Schema;

        public override long Position => _row.Position;

        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (_done)
                return false;
            _index++;
            while (_chunk < _store.Chunks.Count && _index >= _store.Chunks[_chunk].Count)
            {
                _chunk++;
                _index = 0;
            }

            if (_chunk >= _store.Chunks.Count)
            {
                _done = true;
                return false;
            }

            _row.MoveTo(_store.Chunks[_chunk], _index);
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != _store.LabelColumn)
                return _row.GetGetter<TValue>(column);
            Delegate getter = _store.Task switch
            {
                PredictionTask.Binary => (ValueGetter<bool>)((ref bool value) => value = Label == 1),
                PredictionTask.Multiclass => (ValueGetter<uint>)((ref uint value) => value = (uint)Label),
                _ => (ValueGetter<float>)((ref float value) => value = Label),
            };
            return getter as ValueGetter<TValue> ?? throw new InvalidOperationException($"column '{column.Name}' is {column.Type}, not {typeof(TValue).Name}");
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => _row.GetIdGetter();

        private float Label => _store.Labels[_chunk][_index];
    }
}
