using Cauce.Ml.Data.Schema;
using Cauce.Ml.Modeling.Features;

namespace Cauce.Ml.Inference;

/// <summary>
/// Rows to score, held column by column as the model reads them: a float per numeric feature (NaN when missing),
/// a label per category (one of the model's training labels, or empty when missing or allowed unseen), a flag per
/// boolean (false when missing, as ML.NET's loader reads a blank boolean in training). Filled through <see cref="Set"/>, which checks each value against the model's schema, so a file and
/// an HTTP payload are validated by the same rules. Reused batch after batch: scoring allocates nothing per row.
/// </summary>
public sealed class FeatureBatch
{
    private readonly Feature[] _features;
    private readonly Dictionary<string, int> _index;

    public FeatureBatch(ModelSchema schema, int capacity, bool allowUnseen = false)
    {
        Schema = schema;
        Capacity = capacity;
        AllowUnseen = allowUnseen;
        _features = [.. schema.Features.Select(f => new Feature(f, capacity))];
        _index = schema.Features.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    public ModelSchema Schema { get; }

    public int Capacity { get; }

    /// <summary>Rows filled so far.</summary>
    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    /// <summary>Scores a category label never seen in training as "none of them" instead of refusing it.</summary>
    public bool AllowUnseen { get; }

    /// <summary>The feature's position, or -1 for a column the model does not read.</summary>
    public int IndexOf(string column) => _index.TryGetValue(column, out var i) ? i : -1;

    /// <summary>Starts a row, every feature missing until set; returns its index.</summary>
    public int AddRow()
    {
        if (Count == Capacity)
            throw new InvalidOperationException("the batch is full");
        var row = Count++;
        foreach (var feature in _features)
            feature.Clear(row);
        return row;
    }

    public void Clear() => Count = 0;

    /// <summary>
    /// Sets a feature of <paramref name="row"/> from its text (a CSV field, a JSON string or number as written);
    /// returns null, or what is wrong with the value, worded to follow the column's name.
    /// </summary>
    public string? Set(int feature, int row, ReadOnlySpan<char> text) => _features[feature].Set(row, Values.Clean(text), AllowUnseen);

    /// <summary>Sets a boolean feature from a JSON boolean; other types read it as text.</summary>
    public string? SetFlag(int feature, int row, bool value)
    {
        var f = _features[feature];
        if (f.Type != ColumnType.Boolean)
            return f.Set(row, value ? "true" : "false", AllowUnseen);
        f.Flags[row] = value;
        return null;
    }

    /// <summary>Copies row <paramref name="fromRow"/> of <paramref name="from"/> (a batch of the same schema) into <paramref name="row"/>.</summary>
    internal void CopyRow(int row, FeatureBatch from, int fromRow)
    {
        for (var f = 0; f < _features.Length; f++)
            _features[f].Copy(row, from._features[f], fromRow);
    }

    internal float Number(int feature, int row) => _features[feature].Numbers[row];

    internal ReadOnlyMemory<char> Text(int feature, int row) => _features[feature].Texts[row];

    internal bool Flag(int feature, int row) => _features[feature].Flags[row];

    private sealed class Feature
    {
        private readonly HashSet<string>? _levels;
        // Past this many distinct labels (a column more like free text), each value gets a string of its own.
        private const int MaxInterned = 1 << 16;
        private HashSet<string>? _seen;

        public Feature(FeatureColumn column, int capacity)
        {
            Type = column.ColumnType;
            switch (Type)
            {
                case ColumnType.Category:
                    Texts = new ReadOnlyMemory<char>[capacity];
                    _levels = column.Levels is null ? null : new HashSet<string>(column.Levels, StringComparer.Ordinal);
                    Levels = column.Levels;
                    break;
                case ColumnType.Boolean:
                    Flags = new bool[capacity];
                    break;
                default:
                    Numbers = new float[capacity];
                    break;
            }
        }

        public ColumnType Type { get; }

        public IReadOnlyList<string>? Levels { get; }

        public float[] Numbers { get; } = [];

        public ReadOnlyMemory<char>[] Texts { get; } = [];

        public bool[] Flags { get; } = [];

        public void Copy(int row, Feature from, int fromRow)
        {
            switch (Type)
            {
                case ColumnType.Category:
                    Texts[row] = from.Texts[fromRow];
                    break;
                case ColumnType.Boolean:
                    Flags[row] = from.Flags[fromRow];
                    break;
                default:
                    Numbers[row] = from.Numbers[fromRow];
                    break;
            }
        }

        public void Clear(int row)
        {
            switch (Type)
            {
                case ColumnType.Category:
                    Texts[row] = ReadOnlyMemory<char>.Empty;
                    break;
                case ColumnType.Boolean:
                    Flags[row] = false;
                    break;
                default:
                    Numbers[row] = float.NaN;
                    break;
            }
        }

        public string? Set(int row, ReadOnlySpan<char> value, bool allowUnseen)
        {
            var missing = Values.IsMissing(value, Values.DefaultMissingTokens);
            switch (Type)
            {
                case ColumnType.Category:
                    if (missing)
                        return null;
                    if (_levels is null)
                    {
                        Texts[row] = Intern(value).AsMemory();
                        return null;
                    }

                    if (_levels.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var level))
                    {
                        Texts[row] = level.AsMemory();
                        return null;
                    }

                    return allowUnseen ? null : $"'{Shorten(value)}' is a category the model never saw in training (it knows {Known(Levels!)})";
                case ColumnType.Boolean:
                    // A blank boolean is false, as ML.NET's loader read it in training: scoring must not drift from it.
                    var flag = false;
                    if (missing || Values.TryBoolean(value, out flag))
                    {
                        Flags[row] = flag;
                        return null;
                    }

                    return $"expected true or false, got '{Shorten(value)}'";
                default:
                    if (missing)
                        return null;
                    if (!Values.TryNumber(value, out var number))
                        return $"expected a number, got '{Shorten(value)}'";
                    if (Math.Abs(number) > float.MaxValue)
                        return $"'{Shorten(value)}' is beyond the range the model computes in (±3.4e38)";
                    Numbers[row] = (float)number;
                    return null;
            }
        }

        /// <summary>One string per distinct label (a category repeats a few labels over many rows).</summary>
        private string Intern(ReadOnlySpan<char> value)
        {
            var seen = (_seen ??= new HashSet<string>(StringComparer.Ordinal)).GetAlternateLookup<ReadOnlySpan<char>>();
            if (!seen.TryGetValue(value, out var label))
            {
                label = value.ToString();
                if (_seen.Count < MaxInterned)
                    seen.Add(label);
            }

            return label;
        }

        private static string Known(IReadOnlyList<string> levels) =>
            levels.Count <= 8 ? string.Join(", ", levels) : string.Join(", ", levels.Take(8)) + $" and {levels.Count - 8} more";

        private static string Shorten(ReadOnlySpan<char> value) => value.Length <= 40 ? value.ToString() : string.Concat(value[..37], "...");
    }
}
