using System.Globalization;
using System.Text.Json;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Inference;
using Cauce.Ml.Modeling.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Modeling.Training;

/// <summary>
/// How a row's features become the numbers a learner reads: categories one-hot (a column per training label),
/// booleans as 1/0, numbers as they are with a missing one replaced by the training mean — every feature's
/// columns at a fixed place of one row of <see cref="Columns"/> floats, in the order categories, booleans, numbers.
/// <para>An xgb model's encoding is Cauce's own: <see cref="Fit"/> makes it from the training rows (the labels the
/// model schema lists, in its ordinal order; the means) and it is saved in the model zip as
/// <see cref="Entry"/>, so an xgb model is this file and XGBoost's booster, with no ML.NET in training or scoring.
/// The ML.NET models keep ML.NET's featuriser in their transformer (ONNX export converts it); <see cref="Read"/>
/// reads its encoding off it — slot offsets from the featurised schema, a category's slots from the one-hot slot
/// names, a missing number's replacement from a row with every value missing put through it — so their training
/// matrix is written directly too. That matrix equals the featuriser's output value for value (a test holds it),
/// and <see cref="Read"/> gives null for a featuriser whose layout it cannot account for, so the caller featurises
/// through ML.NET instead.</para>
/// </summary>
internal sealed class FeatureEncoding
{
    /// <summary>The zip entry of an xgb model that holds its encoding.</summary>
    public const string Entry = "cauce/features.json";

    private const string Format = "cauce-features/1";

    private readonly Part[] _parts;

    private FeatureEncoding(Part[] parts, int columns)
    {
        _parts = parts;
        Columns = columns;
    }

    public int Columns { get; }

    /// <summary>
    /// The encoding of <paramref name="rows"/>: each category's columns are the labels the model schema lists for
    /// it (every label of the training file, in ordinal order, as scikit-learn's OneHotEncoder orders them), and a
    /// missing number becomes the mean of the rows where it is present (0 where it never is).
    /// </summary>
    public static FeatureEncoding Fit(ModelRows rows)
    {
        var schema = rows.ModelSchema;
        var features = schema.Features;
        var means = Means(rows);
        var parts = new List<Part>();
        var slot = 0;
        foreach (var feature in MlNetEstimators.FeatureParts(schema))
        {
            var index = IndexOf(features, feature.Name);
            switch (feature.ColumnType)
            {
                case ColumnType.Category:
                    var levels = feature.Levels ?? throw new InvalidOperationException($"the schema lists no labels for the category '{feature.Name}'");
                    parts.Add(new Part(index, feature.Name, ColumnType.Category, slot, 0, levels.Select((level, i) => (level, i)).ToDictionary(l => l.level, l => slot + l.i, StringComparer.Ordinal)));
                    slot += levels.Count;
                    break;
                case ColumnType.Boolean:
                    parts.Add(new Part(index, feature.Name, ColumnType.Boolean, slot++, 0, null));
                    break;
                default:
                    parts.Add(new Part(index, feature.Name, ColumnType.Number, slot++, means[index], null));
                    break;
            }
        }

        return new FeatureEncoding([.. parts], slot);
    }

    /// <summary>The mean of each number feature over the rows where it is present (0 where it never is; other features 0): chunks in parallel, summed in order.</summary>
    private static float[] Means(ModelRows rows)
    {
        var features = rows.ModelSchema.Features;
        var numbers = Enumerable.Range(0, features.Count).Where(f => features[f].ColumnType.IsNumeric()).ToArray();
        var chunks = rows.Chunks;
        var sums = new (double Sum, long Count)[chunks.Count, features.Count];
        EachChunk(rows, c =>
        {
            var batch = chunks[c].Features;
            foreach (var f in numbers)
            {
                var (sum, count) = (0.0, 0L);
                for (var r = 0; r < batch.Count; r++)
                {
                    var value = batch.Number(f, r);
                    if (!float.IsNaN(value))
                        (sum, count) = (sum + value, count + 1);
                }

                sums[c, f] = (sum, count);
            }
        });

        var means = new float[features.Count];
        foreach (var f in numbers)
        {
            var (sum, count) = (0.0, 0L);
            for (var c = 0; c < chunks.Count; c++)
                (sum, count) = (sum + sums[c, f].Sum, count + sums[c, f].Count);
            means[f] = count == 0 ? 0 : (float)(sum / count);
        }

        return means;
    }

    /// <summary>
    /// The encoding of ML.NET's fitted <paramref name="featurizer"/>, to write <paramref name="rows"/> with. What it
    /// puts in place of a missing number is read (by putting a row of missing values through it) only when some
    /// number is missing in <paramref name="rows"/>: otherwise the encoding never needs it, and it is NaN.
    /// </summary>
    public static FeatureEncoding? Read(ITransformer featurizer, ModelRows rows)
    {
        var schema = rows.ModelSchema;
        var blank = ModelRows.Blank(schema);
        var output = featurizer.Transform(blank);
        var features = output.Schema.GetColumnOrNull(MlNetEstimators.FeaturesColumn);
        if (features is not { Type: VectorDataViewType { Size: > 0 } vector } || vector.ItemType != NumberDataViewType.Single)
            return null;
        var filled = AnyMissingNumber(rows) ? output.GetColumn<VBuffer<float>>(features.Value).Single().DenseValues().ToArray() : null;

        var parts = new List<Part>();
        var slot = 0;
        foreach (var feature in MlNetEstimators.FeatureParts(schema))
        {
            var index = IndexOf(schema.Features, feature.Name);
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

                parts.Add(new Part(index, feature.Name, ColumnType.Category, slot, 0, levels));
                slot += oneHot.Size;
            }
            else
            {
                parts.Add(new Part(index, feature.Name, feature.ColumnType == ColumnType.Boolean ? ColumnType.Boolean : ColumnType.Number, slot, filled?[slot] ?? float.NaN, null));
                slot++;
            }
        }

        return slot == vector.Size ? new FeatureEncoding([.. parts], slot) : null;
    }

    /// <summary>Runs <paramref name="action"/> for each chunk of <paramref name="rows"/>, on the pool from <see cref="RowParallelism.MinRows"/> rows.</summary>
    private static void EachChunk(ModelRows rows, Action<int> action) =>
        RowParallelism.For(rows.Chunks.Count, rows.Rows >= RowParallelism.MinRows, action);

    private static bool AnyMissingNumber(ModelRows rows)
    {
        var features = rows.ModelSchema.Features;
        var numbers = Enumerable.Range(0, features.Count).Where(f => features[f].ColumnType.IsNumeric()).ToArray();
        foreach (var (batch, _, _) in rows.Chunks)
        {
            foreach (var f in numbers)
            {
                for (var r = 0; r < batch.Count; r++)
                {
                    if (float.IsNaN(batch.Number(f, r)))
                        return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The encoding as <see cref="Entry"/>'s JSON: every feature by name with its encoding and column(s) — a
    /// category's labels in column order, a number's replacement when missing — so the booster beside it can be fed
    /// by any XGBoost, in any language. Numbers in the invariant culture, round-trippable: the same encoding gives
    /// the same bytes.
    /// </summary>
    public byte[] Save()
    {
        return ModelJson.Write(Format, json =>
        {
            json.WriteNumber("columns", Columns);
            json.WriteStartArray("features");
            foreach (var part in _parts)
            {
                json.WriteStartObject();
                json.WriteString("name", part.Name);
                json.WriteString("encoding", EncodingName(part.Kind));
                json.WriteNumber("column", part.Start);
                if (part.Levels is { } levels)
                {
                    json.WriteStartArray("levels");
                    foreach (var level in levels.OrderBy(l => l.Value).Select(l => l.Key))
                        json.WriteStringValue(level);
                    json.WriteEndArray();
                }
                else if (part.Kind == ColumnType.Number)
                {
                    if (!float.IsFinite(part.Missing))
                        throw new InvalidOperationException($"the encoding of '{part.Name}' does not know what replaces a missing value: it was read for rows that had none");
                    json.WritePropertyName("missing");
                    json.WriteRawValue(part.Missing.ToString("R", CultureInfo.InvariantCulture));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>
    /// Reads <see cref="Entry"/>'s JSON for a model of <paramref name="schema"/>. Anything that does not describe
    /// exactly the schema's features, each in columns of its own, is an <see cref="InvalidDataException"/> saying
    /// what is wrong.
    /// </summary>
    public static FeatureEncoding Load(ReadOnlySpan<byte> content, ModelSchema schema)
    {
        using (var document = ModelJson.Open(content, Format, Invalid))
        {
            var root = document.RootElement;
            var columns = Integer(root, "columns", "the file");
            var parts = new List<Part>();
            var slot = 0;
            foreach (var feature in Property(root, "features", "the file", JsonValueKind.Array).EnumerateArray())
            {
                var name = Text(feature, "name", $"feature {parts.Count + 1}");
                var index = IndexOfOrNone(schema.Features, name);
                if (index < 0 || parts.Any(p => p.Feature == index))
                    throw Invalid($"'{name}' is {(index < 0 ? "not a feature of the model" : "listed twice")}");
                var kind = schema.Features[index].ColumnType.IsNumeric() ? ColumnType.Number : schema.Features[index].ColumnType;
                var encoding = Text(feature, "encoding", $"'{name}'");
                if (encoding != EncodingName(kind))
                    throw Invalid($"'{name}' is encoded as '{encoding}', but the model reads it as {EncodingName(kind)}");
                if (Integer(feature, "column", $"'{name}'") is var column && column != slot)
                    throw Invalid($"'{name}' starts at column {column}, where column {slot} was expected");
                if (kind == ColumnType.Category)
                {
                    var levels = new Dictionary<string, int>(StringComparer.Ordinal);
                    foreach (var level in Property(feature, "levels", $"'{name}'", JsonValueKind.Array).EnumerateArray())
                    {
                        if (level.ValueKind != JsonValueKind.String || !levels.TryAdd(level.GetString()!, slot + levels.Count))
                            throw Invalid($"'{name}' lists {(level.ValueKind == JsonValueKind.String ? $"the label '{level.GetString()}' twice" : $"a label that is not a string ({level.GetRawText()})")}");
                    }

                    if (levels.ContainsKey(""))
                        throw Invalid($"'{name}' lists an empty label (a missing value is no label)");
                    if (schema.Features[index].Levels is { } known && !known.SequenceEqual(levels.OrderBy(l => l.Value).Select(l => l.Key)))
                        throw Invalid($"the labels of '{name}' are not the model card's ({string.Join(", ", known)})");
                    parts.Add(new Part(index, name, kind, slot, 0, levels));
                    slot += levels.Count;
                }
                else
                {
                    var missing = kind == ColumnType.Number ? Property(feature, "missing", $"'{name}'", JsonValueKind.Number) : default;
                    if (kind == ColumnType.Number && (!missing.TryGetSingle(out var value) || !float.IsFinite(value)))
                        throw Invalid($"'{name}' has a \"missing\" that is not a finite float ({missing.GetRawText()})");
                    parts.Add(new Part(index, name, kind, slot++, kind == ColumnType.Number ? missing.GetSingle() : 0, null));
                }
            }

            if (parts.Count != schema.Features.Count)
                throw Invalid($"it encodes {parts.Count} features, the model reads {schema.Features.Count}");
            if (slot != columns)
                throw Invalid($"its features take {slot} columns, it says {columns}");
            return new FeatureEncoding([.. parts], columns);
        }

        static JsonElement Property(JsonElement element, string property, string where, JsonValueKind kind) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == kind
                ? value
                : throw Invalid($"{where} has no \"{property}\" {kind switch { JsonValueKind.Array => "list", JsonValueKind.Number => "number", _ => "string" }}");
        static string Text(JsonElement element, string property, string where) => Property(element, property, where, JsonValueKind.String).GetString()!;
        static int Integer(JsonElement element, string property, string where) =>
            Property(element, property, where, JsonValueKind.Number).TryGetInt32(out var value) && value >= 0 ? value : throw Invalid($"{where} has a \"{property}\" that is not a count");
        static InvalidDataException Invalid(string problem) => new($"{Entry} is not a feature encoding: {problem}");
    }

    private static string EncodingName(ColumnType kind) => kind switch
    {
        ColumnType.Category => "one-hot",
        ColumnType.Boolean => "boolean",
        _ => "number",
    };

    /// <summary>The features in column order: each one's name, encoding, first column, labels (a category's, in column order) and replacement when missing (a number's).</summary>
    public IReadOnlyList<EncodedFeature> Features =>
        [.. _parts.Select(p => new EncodedFeature(p.Name, p.Kind, p.Start, p.Levels is { } levels ? [.. levels.OrderBy(l => l.Value).Select(l => l.Key)] : [], p.Missing))];

    /// <summary>Which columns a linear model standardises: those of numbers and booleans, not the one-hot ones (as scikit-learn's pipelines do).</summary>
    public bool[] Standardised()
    {
        var standardised = new bool[Columns];
        foreach (var part in _parts.Where(p => p.Kind != ColumnType.Category))
            standardised[part.Start] = true;
        return standardised;
    }

    /// <summary>The rows of <paramref name="rows"/> as one row-major matrix (their labels, if any, left out).</summary>
    public float[] Matrix(ModelRows rows)
    {
        var matrix = new float[rows.Rows * Columns];
        var chunks = rows.Chunks;
        EachChunk(rows, c => Write(chunks[c].Features, matrix.AsSpan(checked((int)(chunks[c].FirstRow * Columns)), chunks[c].Features.Count * Columns)));
        return matrix;
    }

    /// <summary>
    /// The feature columns of any view (rows Cauce did not read itself, such as permutation importance's shuffled
    /// frames) as one row-major matrix, and its row count.
    /// </summary>
    public (float[] Matrix, int Rows) Matrix(IDataView data)
    {
        var columns = _parts.Select(p => data.Schema[p.Name]).ToArray();
        using var cursor = data.GetRowCursor(columns);
        var getters = _parts.Select((part, i) => part.Getter(cursor, columns[i])).ToArray();
        var matrix = new float[Math.Max(1, (int)Math.Min(data.GetRowCount() ?? 1024, Array.MaxLength / Math.Max(1, Columns))) * Columns];
        var rows = 0;
        while (cursor.MoveNext())
        {
            if ((rows + 1L) * Columns > Array.MaxLength)
                throw new InvalidOperationException("the rows are too many for one matrix in memory");
            if ((rows + 1L) * Columns > matrix.Length)
                Array.Resize(ref matrix, (int)Math.Min(Math.Max(matrix.Length * 2L, (rows + 1L) * Columns), Array.MaxLength));
            var row = matrix.AsSpan(rows * Columns, Columns);
            foreach (var write in getters)
                write(row);
            rows++;
        }

        Array.Resize(ref matrix, rows * Columns);
        return (matrix, rows);
    }

    /// <summary>Writes each row of <paramref name="rows"/> into <paramref name="matrix"/> (row-major) and its label into <paramref name="labels"/>, chunks in parallel.</summary>
    public void Fill(ModelRows rows, float[] matrix, float[] labels, PredictionTask task)
    {
        var chunks = rows.Chunks;
        EachChunk(rows, c =>
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
            {
                var row = values.Slice(r * Columns, Columns);
                switch (part.Kind)
                {
                    case ColumnType.Category:
                        part.WriteLabel(row, batch.Text(part.Feature, r).Span);
                        break;
                    case ColumnType.Boolean:
                        part.WriteFlag(row, batch.Flag(part.Feature, r));
                        break;
                    default:
                        part.WriteNumber(row, batch.Number(part.Feature, r));
                        break;
                }
            }
        }
    }

    private static int IndexOf(IReadOnlyList<FeatureColumn> features, string name) =>
        IndexOfOrNone(features, name) is >= 0 and var index ? index : throw new InvalidOperationException($"'{name}' is not a feature");

    private static int IndexOfOrNone(IReadOnlyList<FeatureColumn> features, string? name)
    {
        for (var i = 0; i < features.Count; i++)
        {
            if (features[i].Name == name)
                return i;
        }

        return -1;
    }

    /// <summary>One feature's slots: where they start, and how a value becomes one.</summary>
    private sealed record Part(int Feature, string Name, ColumnType Kind, int Start, float Missing, Dictionary<string, int>? Levels)
    {
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup = Levels?.GetAlternateLookup<ReadOnlySpan<char>>() ?? default;

        /// <summary>A category's label into its slot of <paramref name="row"/> (zeroed before). A missing label, like one the model has no column for, is no slot at all: all zeros.</summary>
        public void WriteLabel(Span<float> row, ReadOnlySpan<char> label)
        {
            if (_lookup.TryGetValue(label, out var slot))
                row[slot] = 1;
        }

        public void WriteFlag(Span<float> row, bool flag) => row[Start] = flag ? 1 : 0;

        public void WriteNumber(Span<float> row, float number) => row[Start] = float.IsNaN(number) ? Missing : number;

        /// <summary>Reads this feature from <paramref name="cursor"/>'s <paramref name="column"/> into a row of the matrix.</summary>
        public SpanAction Getter(DataViewRowCursor cursor, DataViewSchema.Column column)
        {
            switch (Kind)
            {
                case ColumnType.Category:
                {
                    var get = cursor.GetGetter<ReadOnlyMemory<char>>(column);
                    var value = default(ReadOnlyMemory<char>);
                    return row =>
                    {
                        get(ref value);
                        WriteLabel(row, value.Span);
                    };
                }

                case ColumnType.Boolean:
                {
                    var get = cursor.GetGetter<bool>(column);
                    var value = false;
                    return row =>
                    {
                        get(ref value);
                        WriteFlag(row, value);
                    };
                }

                default:
                {
                    var get = cursor.GetGetter<float>(column);
                    var value = 0f;
                    return row =>
                    {
                        get(ref value);
                        WriteNumber(row, value);
                    };
                }
            }
        }
    }

    private delegate void SpanAction(Span<float> row);
}

/// <summary>
/// One feature of a <see cref="FeatureEncoding"/>: its name, how it is encoded (<see cref="ColumnType.Category"/>
/// one-hot over <see cref="Levels"/>, <see cref="ColumnType.Boolean"/> 1/0, <see cref="ColumnType.Number"/> with
/// <see cref="Missing"/> for a missing value) and its first column.
/// </summary>
internal sealed record EncodedFeature(string Name, ColumnType Kind, int Column, IReadOnlyList<string> Levels, float Missing)
{
    /// <summary>The columns it takes: a category one per label, the others one.</summary>
    public int Width => Kind == ColumnType.Category ? Levels.Count : 1;
}
