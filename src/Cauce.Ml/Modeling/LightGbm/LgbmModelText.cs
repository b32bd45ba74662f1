using System.Globalization;

namespace Cauce.Ml.Modeling.LightGbm;

/// <summary>
/// The trees of a LightGBM text model (what <see cref="LgbmBooster.Save"/> writes), read for ONNX export: per tree its
/// split columns, thresholds and children (a negative child is the leaf <c>~child</c>, as in Cauce's forest) and its
/// leaf values, which already include the learning rate and the starting score. Tree <c>t</c> adds to output
/// <c>t mod TreesPerIteration</c>; a binary model's probability is σ(<see cref="Sigmoid"/> · the sum).
/// </summary>
internal sealed record LgbmModelText(int TreesPerIteration, double Sigmoid, IReadOnlyList<LgbmModelText.Tree> Trees)
{
    public sealed record Tree(int[] Feature, double[] Threshold, int[] Left, int[] Right, double[] Leaves);

    /// <summary>
    /// Reads the trees. A split this reading cannot express as "x ≤ threshold" (a categorical split, zeros taken as
    /// missing) is a <see cref="NotSupportedException"/>: Cauce never asks LightGBM for either.
    /// </summary>
    public static LgbmModelText Parse(string text)
    {
        var (perIteration, sigmoid) = (1, 1.0);
        var trees = new List<Tree>();
        Dictionary<string, string>? tree = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("Tree=", StringComparison.Ordinal) || line == "end of trees")
            {
                if (tree is not null)
                    trees.Add(Read(tree));
                tree = line == "end of trees" ? null : [];
                if (line == "end of trees")
                    break;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
                continue;
            var (key, value) = (line[..equals], line[(equals + 1)..]);
            if (tree is not null)
            {
                tree[key] = value;
            }
            else if (key == "num_tree_per_iteration")
            {
                perIteration = int.Parse(value, CultureInfo.InvariantCulture);
            }
            else if (key == "objective" && value.Split(' ').FirstOrDefault(p => p.StartsWith("sigmoid:", StringComparison.Ordinal)) is { } s)
            {
                sigmoid = double.Parse(s["sigmoid:".Length..], CultureInfo.InvariantCulture);
            }
        }

        if (tree is not null)
            trees.Add(Read(tree));
        return new LgbmModelText(perIteration, sigmoid, trees);
    }

    private static Tree Read(Dictionary<string, string> tree)
    {
        var leaves = Doubles(tree, "leaf_value");
        if (leaves.Length == 1)
            return new Tree([], [], [], [], leaves);
        foreach (var decision in Integers(tree, "decision_type"))
        {
            // Bit 0: a categorical split; bits 2-3: the missing type, 1 being "zero is missing".
            if ((decision & 1) != 0 || ((decision >> 2) & 3) == 1)
                throw new NotSupportedException("a LightGBM tree has a categorical split or takes zero as missing");
        }

        return new Tree(Integers(tree, "split_feature"), Doubles(tree, "threshold"), Integers(tree, "left_child"), Integers(tree, "right_child"), leaves);
    }

    private static int[] Integers(Dictionary<string, string> tree, string key) =>
        [.. Field(tree, key).Select(v => int.Parse(v, CultureInfo.InvariantCulture))];

    private static double[] Doubles(Dictionary<string, string> tree, string key) =>
        [.. Field(tree, key).Select(v => double.Parse(v, CultureInfo.InvariantCulture))];

    private static string[] Field(Dictionary<string, string> tree, string key) =>
        tree.TryGetValue(key, out var value) ? value.Split(' ', StringSplitOptions.RemoveEmptyEntries) : throw new NotSupportedException($"a LightGBM tree has no {key}");
}
