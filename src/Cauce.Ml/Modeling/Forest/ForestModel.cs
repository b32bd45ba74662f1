using System.Globalization;
using System.Text.Json;
using Cauce.Ml.Modeling.Features;
using Cauce.Ml.Modeling.Training;

namespace Cauce.Ml.Modeling.Forest;

/// <summary>
/// A fitted random forest (<see cref="RandomForest"/>): trees of tests "column ≤ threshold" (true goes left) whose
/// leaves hold P(positive) (binary), the class proportions (multiclass) or a value (regression); the forest's
/// score is the mean of its trees'. Saved in the model zip as <see cref="FileEntry"/>: per tree, its nodes' columns,
/// thresholds and children (a node's index, or the complement <c>~leaf</c> of a leaf's, so −1 is leaf 0) and its
/// leaves' values, <see cref="Outputs"/> a leaf.
/// </summary>
internal sealed class ForestModel : IMatrixPredictor
{
    public const string FileEntry = "cauce/forest.json";

    private const string Format = "cauce-forest/1";

    public ForestModel(PredictionTask task, int columns, int classes, IReadOnlyList<Tree> trees)
    {
        Task = task;
        Columns = columns;
        Classes = classes;
        _trees = [.. trees];
    }

    private readonly Tree[] _trees;

    /// <summary>A tree: for node i, the test <c>x[Feature[i]] ≤ Threshold[i]</c>, then <c>Left[i]</c>, else <c>Right[i]</c>; a leaf's values.</summary>
    public sealed record Tree(int[] Feature, float[] Threshold, int[] Left, int[] Right, float[] Values)
    {
        /// <summary>Where a row starts: node 0, or the only leaf of a tree that never split.</summary>
        public int Root => Feature.Length > 0 ? 0 : ~0;
    }

    public int Columns { get; }

    /// <summary>Binary (one output, P(positive)), multiclass (an output per class, even of two) or regression (one).</summary>
    public PredictionTask Task { get; }

    /// <summary>0 for a regression, else the number of classes.</summary>
    public int Classes { get; }

    public int Outputs => Task == PredictionTask.Multiclass ? Classes : 1;

    public IReadOnlyList<Tree> Trees => _trees;

    public string Entry => FileEntry;

    public void Predict(ReadOnlyMemory<float> matrix, int rows, Memory<double> scores)
    {
        // Rows are independent: blocks on several threads give the same scores.
        const int Block = 4096;
        RowParallelism.For((rows + Block - 1) / Block, rows >= RowParallelism.MinRows, b => PredictRows(matrix.Span, b * Block, Math.Min(rows, (b + 1) * Block), scores.Span));
    }

    private void PredictRows(ReadOnlySpan<float> matrix, int first, int end, Span<double> scores)
    {
        var outputs = Outputs;
        for (var i = first; i < end; i++)
        {
            var row = matrix.Slice(i * Columns, Columns);
            var score = scores.Slice(i * outputs, outputs);
            score.Clear();
            foreach (var tree in _trees)
            {
                var node = tree.Root;
                while (node >= 0)
                    node = row[tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
                var values = tree.Values.AsSpan(~node * outputs, outputs);
                for (var k = 0; k < outputs; k++)
                    score[k] += values[k];
            }

            for (var k = 0; k < outputs; k++)
                score[k] /= _trees.Length;
        }
    }

    /// <summary>The forest as <see cref="FileEntry"/>'s JSON, numbers round-trippable: the same forest gives the same bytes.</summary>
    public byte[] Save() => ModelJson.Write(Format, json =>
    {
        ModelJson.WriteHeader(json, Task, Columns, Classes);
        json.WriteStartArray("trees");
        foreach (var tree in Trees)
        {
            json.WriteStartObject();
            Write(json, "feature", tree.Feature.Select(f => f.ToString(CultureInfo.InvariantCulture)));
            Write(json, "threshold", tree.Threshold.Select(Text));
            Write(json, "left", tree.Left.Select(l => l.ToString(CultureInfo.InvariantCulture)));
            Write(json, "right", tree.Right.Select(r => r.ToString(CultureInfo.InvariantCulture)));
            Write(json, "value", tree.Values.Select(Text));
            json.WriteEndObject();
        }

        json.WriteEndArray();

        static void Write(Utf8JsonWriter json, string name, IEnumerable<string> values)
        {
            json.WriteStartArray(name);
            foreach (var value in values)
                json.WriteRawValue(value);
            json.WriteEndArray();
        }

        static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);
    });

    /// <summary>
    /// Reads <see cref="FileEntry"/>'s JSON for a model of <paramref name="schema"/> whose encoding makes
    /// <paramref name="columns"/> columns. A forest that is not one — a column out of range, a child that points back
    /// up the tree, a leaf reached twice or never, a value that is not a finite number — is an
    /// <see cref="InvalidDataException"/> saying what is wrong.
    /// </summary>
    public static ForestModel Load(ReadOnlySpan<byte> content, ModelSchema schema, int columns)
    {
        using var document = ModelJson.Open(content, Format, Invalid);
        var root = document.RootElement;
        ModelJson.CheckHeader(root, schema, columns, Invalid);
        var outputs = schema.Outputs;
        if (!root.TryGetProperty("trees", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw Invalid("it has no \"trees\" list, or an empty one");
        var trees = new List<Tree>();
        foreach (var element in list.EnumerateArray())
            trees.Add(ReadTree(element, $"tree {trees.Count}", columns, outputs));
        return new ForestModel(schema.Task, columns, schema.Classes, trees);
    }

    private static Tree ReadTree(JsonElement element, string where, int columns, int outputs)
    {
        var feature = Numbers(element, "feature", where, Integer);
        var nodes = feature.Length;
        var threshold = Numbers(element, "threshold", where, Finite);
        var left = Numbers(element, "left", where, Integer);
        var right = Numbers(element, "right", where, Integer);
        var values = Numbers(element, "value", where, Finite);
        if (threshold.Length != nodes || left.Length != nodes || right.Length != nodes)
            throw Invalid($"{where} has {nodes} columns but {threshold.Length} thresholds, {left.Length} left and {right.Length} right children");
        if (values.Length != (nodes + 1) * outputs)
            throw Invalid($"{where} has {values.Length} leaf values, where {nodes + 1} leaves of {outputs} were expected");
        var reached = new bool[(2 * nodes) + 1];
        for (var i = 0; i < nodes; i++)
        {
            if (feature[i] < 0 || feature[i] >= columns)
                throw Invalid($"{where}, node {i} tests column {feature[i]}, outside the {columns} columns");
            foreach (var child in new[] { left[i], right[i] })
            {
                // A node's children come after it: no cycle, and every node and leaf is reached once.
                var slot = child >= 0 ? child : nodes + ~child;
                if ((child >= 0 && (child <= i || child >= nodes)) || (child < 0 && ~child > nodes) || reached[slot])
                    throw Invalid($"{where}, node {i} points to {child}, which is not a node after it or a leaf not reached before");
                reached[slot] = true;
            }
        }

        return new Tree(feature, threshold, left, right, values);

        static int? Integer(JsonElement value) => value.TryGetInt32(out var i) ? i : null;
        static float? Finite(JsonElement value) => value.TryGetSingle(out var f) && float.IsFinite(f) ? f : null;
    }

    private static T[] Numbers<T>(JsonElement element, string name, string where, Func<JsonElement, T?> read)
        where T : struct
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
            throw Invalid($"{where} has no \"{name}\" list");
        return [.. list.EnumerateArray().Select(v => (v.ValueKind == JsonValueKind.Number ? read(v) : null)
            ?? throw Invalid($"{where}'s \"{name}\" holds {v.GetRawText()}, which is not {(typeof(T) == typeof(int) ? "an integer" : "a finite number")}"))];
    }

    private static InvalidDataException Invalid(string problem) => new($"{FileEntry} is not a random forest: {problem}");

    public void Dispose()
    {
    }
}
