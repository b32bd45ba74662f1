using Cauce.Ml.Data.Schema;
using Cauce.Ml.Modeling.Forest;
using Cauce.Ml.Modeling.LightGbm;
using Cauce.Ml.Modeling.Linear;
using Cauce.Ml.Modeling.Training;
using Google.Protobuf;

namespace Cauce.Ml.Inference;

/// <summary>
/// Writes the ONNX graph of a model Cauce fitted itself — its <see cref="FeatureEncoding"/> and its learner — with
/// the standard operators ONNX Runtime and every other runtime run: each category <c>OneHotEncoder</c> over its
/// labels (one never seen is all zeros), each boolean <c>Cast</c> to float, the numbers <c>Imputer</c> with their
/// training means, all <c>Concat</c>enated in the encoding's column order; then, for a logistic regression,
/// <c>Scaler</c> (its standardisation), <c>MatMul</c> and <c>Add</c> (weights and intercepts) and <c>Sigmoid</c> or
/// <c>Softmax</c>; for a forest or LightGBM, one <c>TreeEnsembleRegressor</c> (and LightGBM's link). Inputs and output are those of <see cref="OnnxSignature"/>, as for ML.NET's models. Written with
/// protobuf's wire format directly (field numbers of onnx.proto): the same model gives the same bytes.
/// </summary>
internal static class OnnxGraph
{
    private const string MlDomain = "ai.onnx.ml";

    // onnx.proto's TensorProto.DataType.
    private const int FloatType = 1;
    private const int Int64Type = 7;
    private const int StringType = 8;
    private const int BoolType = 9;

    public static byte[] Logistic(FeatureEncoding encoding, LogisticModel model, OnnxSignature signature)
    {
        var (graph, features) = Start(encoding, signature);
        var standardised = graph.Node("Scaler", [features], [Attribute.Floats("offset", model.Mean.Select(m => (float)m)), Attribute.Floats("scale", model.Std.Select(s => (float)(1 / s)))], MlDomain);
        var outputs = model.Outputs;
        // MatMul's right operand is columns × outputs: the coefficients (outputs × columns) transposed.
        var weights = graph.Floats([model.Columns, outputs], Enumerable.Range(0, model.Columns * outputs).Select(i => (float)model.Coefficients[((i % outputs) * model.Columns) + (i / outputs)]));
        var logits = graph.Node("Add", [graph.Node("MatMul", [standardised, weights]), graph.Floats([outputs], model.Intercepts.Select(b => (float)b))]);
        if (outputs == 1)
            graph.Node("Sigmoid", [logits], output: signature.Output.Name);
        else
            graph.Node("Softmax", [logits], [Attribute.Int("axis", 1)], output: signature.Output.Name);

        var width = signature.Task == PredictionTask.Multiclass ? outputs : 1;
        return graph.Model(signature, width);
    }

    /// <summary>A forest: one <c>TreeEnsembleRegressor</c> averaging its trees, with a target per output (P(positive), each class's proportion, or the value).</summary>
    public static byte[] Forest(FeatureEncoding encoding, ForestModel model, OnnxSignature signature)
    {
        var (graph, features) = Start(encoding, signature);
        var trees = model.Trees.Select(t => new EnsembleTree(t.Feature, t.Threshold, t.Left, t.Right, t.Values, -1)).ToList();
        TreeEnsemble(graph, features, trees, model.Outputs, "AVERAGE", signature.Output.Name);
        return graph.Model(signature, model.Outputs);
    }

    /// <summary>
    /// A LightGBM model: one <c>TreeEnsembleRegressor</c> summing its trees (tree t adds to output t mod the trees
    /// an iteration grows), then <c>Sigmoid</c> (binary), <c>Softmax</c> (multiclass) or nothing (regression).
    /// LightGBM's thresholds are doubles: each becomes the largest float not above it, so "x ≤ threshold" holds for
    /// the same float inputs.
    /// </summary>
    public static byte[] LightGbm(FeatureEncoding encoding, LgbmModelText model, int outputs, OnnxSignature signature)
    {
        var (graph, features) = Start(encoding, signature);
        var trees = model.Trees.Select((t, i) => new EnsembleTree(t.Feature, [.. t.Threshold.Select(FloatAtMost)], t.Left, t.Right,
            [.. t.Leaves.Select(v => (float)v)], outputs == 1 ? -1 : i % model.TreesPerIteration)).ToList();
        var sum = TreeEnsemble(graph, features, trees, outputs, "SUM", signature.Task == PredictionTask.Regression ? signature.Output.Name : null);
        if (signature.Task == PredictionTask.Binary)
        {
            var scaled = model.Sigmoid == 1 ? sum : graph.Node("Mul", [sum, graph.Floats([1], [(float)model.Sigmoid])]);
            graph.Node("Sigmoid", [scaled], output: signature.Output.Name);
        }
        else if (signature.Task == PredictionTask.Multiclass)
        {
            graph.Node("Softmax", [sum], [Attribute.Int("axis", 1)], output: signature.Output.Name);
        }

        return graph.Model(signature, outputs);

        static float FloatAtMost(double value) => (float)value is var f && f > value ? MathF.BitDecrement(f) : (float)value;
    }

    /// <summary>
    /// A tree of an ensemble: node i tests "x[Feature[i]] ≤ Threshold[i]", true going to Left[i]; a negative child is the
    /// leaf ~child. <see cref="Target"/> ≥ 0: each leaf has one value, for that output; −1: a value per output.
    /// </summary>
    private sealed record EnsembleTree(int[] Feature, float[] Threshold, int[] Left, int[] Right, float[] Values, int Target);

    /// <summary>One <c>TreeEnsembleRegressor</c> (<c>BRANCH_LEQ</c>; node ids a tree's nodes, then its leaves); the name of its [N, targets] output.</summary>
    private static string TreeEnsemble(GraphBuilder graph, string input, IReadOnlyList<EnsembleTree> trees, int targets, string aggregate, string? output)
    {
        var (treeIds, nodeIds, columns, modes, thresholds, trueIds, falseIds) = (new List<long>(), new List<long>(), new List<long>(), new List<string>(), new List<float>(), new List<long>(), new List<long>());
        var (targetTrees, targetNodes, targetIds, weights) = (new List<long>(), new List<long>(), new List<long>(), new List<float>());
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var nodes = tree.Feature.Length;
            long Id(int reference) => reference >= 0 ? reference : nodes + ~reference;
            for (var i = 0; i < nodes; i++)
            {
                treeIds.Add(t);
                nodeIds.Add(i);
                columns.Add(tree.Feature[i]);
                modes.Add("BRANCH_LEQ");
                thresholds.Add(tree.Threshold[i]);
                trueIds.Add(Id(tree.Left[i]));
                falseIds.Add(Id(tree.Right[i]));
            }

            var perLeaf = tree.Target >= 0 ? 1 : targets;
            for (var leaf = 0; leaf <= nodes; leaf++)
            {
                treeIds.Add(t);
                nodeIds.Add(nodes + leaf);
                columns.Add(0);
                modes.Add("LEAF");
                thresholds.Add(0);
                trueIds.Add(0);
                falseIds.Add(0);
                for (var k = 0; k < perLeaf; k++)
                {
                    targetTrees.Add(t);
                    targetNodes.Add(nodes + leaf);
                    targetIds.Add(tree.Target >= 0 ? tree.Target : k);
                    weights.Add(tree.Values[(leaf * perLeaf) + k]);
                }
            }
        }

        return graph.Node("TreeEnsembleRegressor", [input],
        [
            Attribute.Int("n_targets", targets), Attribute.Ints("nodes_treeids", treeIds), Attribute.Ints("nodes_nodeids", nodeIds),
            Attribute.Ints("nodes_featureids", columns), Attribute.Strings("nodes_modes", modes), Attribute.Floats("nodes_values", thresholds),
            Attribute.Ints("nodes_truenodeids", trueIds), Attribute.Ints("nodes_falsenodeids", falseIds), Attribute.Ints("target_treeids", targetTrees),
            Attribute.Ints("target_nodeids", targetNodes), Attribute.Ints("target_ids", targetIds), Attribute.Floats("target_weights", weights),
            Attribute.Text("aggregate_function", aggregate), Attribute.Text("post_transform", "NONE"),
        ], MlDomain, output);
    }

    /// <summary>A graph with the signature's inputs and the featuriser's nodes; the name of the matrix they make.</summary>
    private static (GraphBuilder Graph, string Features) Start(FeatureEncoding encoding, OnnxSignature signature)
    {
        var graph = new GraphBuilder(encoding.Features.Select(f => f.Name));
        foreach (var input in signature.Inputs)
            graph.Input(input.Name, input.ElementType switch { OnnxInput.String => StringType, OnnxInput.Bool => BoolType, _ => FloatType });
        return (graph, Featurise(graph, encoding));
    }

    /// <summary>The nodes that make the encoding's matrix [N, columns] from the raw inputs; the name of their output.</summary>
    private static string Featurise(GraphBuilder graph, FeatureEncoding encoding)
    {
        var parts = new List<string>();
        var numbers = new List<EncodedFeature>();
        foreach (var feature in encoding.Features)
        {
            if (feature.Kind == ColumnType.Number)
            {
                numbers.Add(feature);
                continue;
            }

            Numbers();
            if (feature.Kind == ColumnType.Boolean)
            {
                parts.Add(graph.Node("Cast", [feature.Name], [Attribute.Int("to", FloatType)]));
            }
            else if (feature.Width > 0)
            {
                // OneHotEncoder appends an axis: [N,1] becomes [N,1,labels], reshaped to [N,labels].
                var onehot = graph.Node("OneHotEncoder", [feature.Name], [Attribute.Strings("cats_strings", feature.Levels), Attribute.Int("zeros", 1)], MlDomain);
                parts.Add(graph.Node("Reshape", [onehot, graph.Shape([-1, feature.Width])]));
            }
        }

        Numbers();
        return parts.Count == 1 ? parts[0] : graph.Node("Concat", parts, [Attribute.Int("axis", 1)]);

        // A run of numbers side by side: one Concat, one Imputer with each one's mean.
        void Numbers()
        {
            if (numbers.Count == 0)
                return;
            var joined = numbers.Count == 1 ? numbers[0].Name : graph.Node("Concat", [.. numbers.Select(n => n.Name)], [Attribute.Int("axis", 1)]);
            parts.Add(graph.Node("Imputer", [joined], [Attribute.Floats("imputed_value_floats", numbers.Select(n => n.Missing)), Attribute.Float("replaced_value_float", float.NaN)], MlDomain));
            numbers.Clear();
        }
    }

    /// <summary>Collects a graph's inputs, nodes and initializers, naming every intermediate value apart from the inputs.</summary>
    private sealed class GraphBuilder(IEnumerable<string> inputs)
    {
        private readonly HashSet<string> _taken = [.. inputs];
        private readonly List<Proto> _nodes = [];
        private readonly List<Proto> _initializers = [];
        private readonly List<Proto> _inputs = [];
        private int _count;

        public void Input(string name, int type) => _inputs.Add(ValueInfo(name, type, new Dimension("N"), new Dimension(1)));

        /// <summary>Adds a node; its output is <paramref name="output"/>, or a fresh name, returned.</summary>
        public string Node(string op, IReadOnlyList<string> inputs, Proto[]? attributes = null, string domain = "", string? output = null)
        {
            output ??= Fresh(op);
            var node = new Proto();
            foreach (var input in inputs)
                node.Text(1, input);
            node.Text(2, output).Text(3, output).Text(4, op);
            foreach (var attribute in attributes ?? [])
                node.Message(5, attribute);
            if (domain.Length > 0)
                node.Text(7, domain);
            _nodes.Add(node);
            return output;
        }

        /// <summary>A float tensor of <paramref name="dims"/>, its name returned.</summary>
        public string Floats(long[] dims, IEnumerable<float> values)
        {
            var name = Fresh("weights");
            _initializers.Add(new Proto().Longs(1, dims).Int(2, FloatType).Floats(4, values).Text(8, name));
            return name;
        }

        /// <summary>A shape for Reshape: an int64 vector, its name returned.</summary>
        public string Shape(long[] values)
        {
            var name = Fresh("shape");
            _initializers.Add(new Proto().Longs(1, [values.Length]).Int(2, Int64Type).Longs(7, values).Text(8, name));
            return name;
        }

        /// <summary>The ModelProto: IR version 7, opsets ai.onnx 13 and ai.onnx.ml 1, this graph and its one output.</summary>
        public byte[] Model(OnnxSignature signature, int width)
        {
            var graph = new Proto();
            foreach (var node in _nodes)
                graph.Message(1, node);
            graph.Text(2, "cauce");
            foreach (var initializer in _initializers)
                graph.Message(5, initializer);
            foreach (var input in _inputs)
                graph.Message(11, input);
            graph.Message(12, ValueInfo(signature.Output.Name, FloatType, new Dimension("N"), new Dimension(width)));
            return new Proto()
                .Int(1, 7)
                .Text(2, "Cauce")
                .Message(7, graph)
                .Message(8, new Proto().Text(1, "").Int(2, 13))
                .Message(8, new Proto().Text(1, MlDomain).Int(2, 1))
                .ToArray();
        }

        private string Fresh(string op)
        {
            string name;
            do
                name = $"cauce_{op.ToLowerInvariant()}_{_count++}";
            while (!_taken.Add(name));
            return name;
        }

        private static Proto ValueInfo(string name, int type, params Dimension[] dims)
        {
            var shape = new Proto();
            foreach (var dim in dims)
                shape.Message(1, dim.Param is { } param ? new Proto().Text(2, param) : new Proto().Int(1, dim.Value));
            return new Proto().Text(1, name).Message(2, new Proto().Message(1, new Proto().Int(1, type).Message(2, shape)));
        }
    }

    private readonly record struct Dimension(long Value, string? Param)
    {
        public Dimension(long value)
            : this(value, null)
        {
        }

        public Dimension(string param)
            : this(0, param)
        {
        }
    }

    /// <summary>AttributeProto: name (1) and one value, with its type (20).</summary>
    private static class Attribute
    {
        public static Proto Int(string name, long value) => new Proto().Text(1, name).Int(3, value).Int(20, 2);

        public static Proto Float(string name, float value) => new Proto().Text(1, name).Float(2, value).Int(20, 1);

        public static Proto Text(string name, string value) => new Proto().Text(1, name).Text(4, value).Int(20, 3);

        public static Proto Floats(string name, IEnumerable<float> values) => new Proto().Text(1, name).Floats(7, values).Int(20, 6);

        public static Proto Ints(string name, IEnumerable<long> values) => new Proto().Text(1, name).Longs(8, values).Int(20, 7);

        public static Proto Strings(string name, IEnumerable<string> values)
        {
            var attribute = new Proto().Text(1, name);
            foreach (var value in values)
                attribute.Text(9, value);
            return attribute.Int(20, 8);
        }
    }

    /// <summary>A protobuf message being written, field by field, in the order given.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _buffer = new();
        private readonly CodedOutputStream _output;

        public Proto() => _output = new CodedOutputStream(_buffer, leaveOpen: true);

        public Proto Int(int field, long value)
        {
            _output.WriteTag(field, WireFormat.WireType.Varint);
            _output.WriteInt64(value);
            return this;
        }

        public Proto Float(int field, float value)
        {
            _output.WriteTag(field, WireFormat.WireType.Fixed32);
            _output.WriteFloat(value);
            return this;
        }

        public Proto Text(int field, string value)
        {
            _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            _output.WriteString(value);
            return this;
        }

        public Proto Message(int field, Proto message)
        {
            _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            _output.WriteBytes(ByteString.CopyFrom(message.ToArray()));
            return this;
        }

        /// <summary>A packed repeated float field.</summary>
        public Proto Floats(int field, IEnumerable<float> values)
        {
            var list = values.ToArray();
            _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            _output.WriteLength(list.Length * sizeof(float));
            foreach (var value in list)
                _output.WriteFloat(value);
            return this;
        }

        /// <summary>A packed repeated int64 field.</summary>
        public Proto Longs(int field, IEnumerable<long> values)
        {
            var list = values.ToArray();
            _output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            _output.WriteLength(list.Sum(CodedOutputStream.ComputeInt64Size));
            foreach (var value in list)
                _output.WriteInt64(value);
            return this;
        }

        public byte[] ToArray()
        {
            _output.Flush();
            return _buffer.ToArray();
        }
    }
}
