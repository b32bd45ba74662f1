using Cauce.Ml.Modeling.Forest;

namespace Cauce.Ml.Tests.Modeling.Forest;

/// <summary>Cauce's random forest: its bins, the shape of its trees, and what it learns.</summary>
public sealed class RandomForestTests
{
    private static readonly RandomForest.Settings Full = new(Trees: 1, Leaves: 64, MinLeaf: 1, FeatureFraction: 1, BaggingFraction: 1);

    [Fact]
    public void A_column_of_few_values_is_cut_halfway_between_neighbours_and_a_value_goes_to_the_first_cut_it_does_not_pass()
    {
        float[] matrix = [3, 0, 1, 1, 3, 0, 7, 1];

        var thresholds = Bins.Thresholds(matrix, 4, 2);
        var bins = Bins.Assign([3, 0, 2, 0, 2.5f, 1, 100, 0, -4, 0], 5, 2, thresholds);

        Assert.Equal([2, 5], thresholds[0]);
        Assert.Equal([0.5f], thresholds[1]);
        Assert.Equal([1, 0, 0, 0, 1, 1, 2, 0, 0, 0], bins);
    }

    [Fact]
    public void A_column_of_many_values_gets_255_quantile_cuts_at_most()
    {
        const int rows = 10_000;
        var matrix = Enumerable.Range(0, rows).Select(i => (float)((i * 7919) % rows)).ToArray();

        var thresholds = Bins.Thresholds(matrix, rows, 1)[0];
        var bins = Bins.Assign(matrix, rows, 1, [thresholds]);

        Assert.Equal(255, thresholds.Length);
        Assert.True(thresholds.Zip(thresholds.Skip(1)).All(p => p.First < p.Second));
        var counts = bins.GroupBy(b => b).Select(g => g.Count()).ToArray();
        Assert.Equal(256, counts.Length);
        Assert.All(counts, c => Assert.InRange(c, 30, 50));
    }

    [Fact]
    public void A_tree_has_at_most_leaves_leaves_each_holding_at_least_min_leaf_rows()
    {
        var (matrix, labels) = Checkerboard(2_000);
        var settings = Full with { Leaves = 9, MinLeaf = 40 };

        var tree = Assert.Single(RandomForest.Fit((float[])matrix.Clone(), 2_000, 2, labels, PredictionTask.Binary, 2, settings, seed: 1).Trees);

        Assert.Equal(8, tree.Feature.Length);
        var reached = new int[tree.Feature.Length + 1];
        for (var i = 0; i < 2_000; i++)
            reached[Leaf(tree, matrix.AsSpan(i * 2, 2))]++;
        Assert.All(reached, n => Assert.True(n >= 40, $"a leaf holds {n} rows"));
    }

    [Fact]
    public void A_forest_learns_a_pattern_no_single_column_shows_and_its_probabilities_are_leaf_proportions()
    {
        var (matrix, labels) = Checkerboard(4_000);
        var forest = RandomForest.Fit((float[])matrix.Clone(), 4_000, 2, labels, PredictionTask.Binary, 2, new RandomForest.Settings(20, 64, 2, 1, 0.7), seed: 3);
        var (test, truth) = Checkerboard(1_000, offset: 0.37);
        var scores = new double[1_000];

        forest.Predict(test, 1_000, scores);

        Assert.All(scores, p => Assert.InRange(p, 0, 1));
        var right = scores.Zip(truth).Count(p => p.First > 0.5 == (p.Second == 1));
        Assert.True(right > 950, $"{right} of 1,000 right");
        var tree = forest.Trees[0];
        var mean = forest.Trees.Average(t => (double)t.Values[Leaf(t, test.AsSpan(0, 2))]);
        Assert.Equal(mean, scores[0], 1e-6);
    }

    [Fact]
    public void A_multiclass_forest_gives_class_proportions_that_sum_to_one()
    {
        var (matrix, labels) = Checkerboard(3_000);
        var classes = labels.Select((l, i) => l == 1 ? 1f : (matrix[i * 2] < 0.5 ? 0f : 2f)).ToArray();
        var forest = RandomForest.Fit((float[])matrix.Clone(), 3_000, 2, classes, PredictionTask.Multiclass, 3, new RandomForest.Settings(10, 32, 2, 1, 0.7), seed: 5);
        var scores = new double[3_000 * 3];

        forest.Predict(matrix, 3_000, scores);

        for (var i = 0; i < 3_000; i++)
            Assert.Equal(1, scores[(i * 3)..((i * 3) + 3)].Sum(), 1e-5);
        var right = Enumerable.Range(0, 3_000).Count(i => Array.IndexOf(scores[(i * 3)..((i * 3) + 3)], scores[(i * 3)..((i * 3) + 3)].Max()) == (int)classes[i]);
        Assert.True(right > 2_850, $"{right} of 3,000 right");
    }

    [Fact]
    public void A_regression_forest_predicts_the_mean_of_its_leaves()
    {
        const int rows = 3_000;
        var matrix = Enumerable.Range(0, rows).Select(i => (float)(i % 100)).ToArray();
        var targets = matrix.Select(x => x < 50 ? 10f : x < 80 ? -5f : 30f).ToArray();

        var forest = RandomForest.Fit((float[])matrix.Clone(), rows, 1, targets, PredictionTask.Regression, 0, new RandomForest.Settings(5, 8, 5, 1, 0.7), seed: 9);
        var scores = new double[3];
        forest.Predict(new float[] { 10, 65, 99 }, 3, scores);

        Assert.Equal([10, -5, 30], scores.Select(s => Math.Round(s, 4)));
    }

    [Fact]
    public void A_tree_of_many_leaves_grows_with_the_leaf_of_highest_gain_split_first()
    {
        var (matrix, labels) = Checkerboard(20_000);

        var tree = Assert.Single(RandomForest.Fit((float[])matrix.Clone(), 20_000, 2, labels, PredictionTask.Binary, 2, Full with { Leaves = 5_000 }, seed: 1).Trees);
        var few = Assert.Single(RandomForest.Fit((float[])matrix.Clone(), 20_000, 2, labels, PredictionTask.Binary, 2, Full with { Leaves = 40 }, seed: 1).Trees);

        Assert.InRange(tree.Feature.Length, 16, 4_999);
        Assert.Equal(tree.Feature.Take(5), few.Feature.Take(5));
        Assert.Equal(tree.Threshold.Take(5), few.Threshold.Take(5));
    }

    [Fact]
    public void A_tree_whose_histograms_pass_the_memory_budget_counts_both_children_and_still_learns()
    {
        const int rows = 30_000;
        var matrix = new float[rows * 2];
        var classes = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            var x = (i * 0.6180339887) % 1;
            (matrix[i * 2], matrix[(i * 2) + 1]) = ((float)x, (float)((i * 0.7548776662) % 1));
            classes[i] = (int)(x * 200);
        }

        // 200 classes: a histogram of 2 columns × 256 bins × 201 values is 0.8 MB, so a thousand leaves pass the budget.
        var forest = RandomForest.Fit((float[])matrix.Clone(), rows, 2, classes, PredictionTask.Multiclass, 200, Full with { Leaves = 1_000 }, seed: 4);
        var scores = new double[rows * 200];
        forest.Predict(matrix, rows, scores);

        var right = Enumerable.Range(0, rows).Count(i => Array.IndexOf(scores, scores.AsSpan(i * 200, 200).ToArray().Max(), i * 200, 200) - (i * 200) == (int)classes[i]);
        Assert.True(right > rows * 0.6, $"{right} of {rows} right");
        Assert.InRange(forest.Trees[0].Feature.Length, 200, 999);
    }

    [Fact]
    public void The_same_seed_grows_the_same_forest_and_another_seed_another()
    {
        var (matrix, labels) = Checkerboard(80_000);
        var settings = new RandomForest.Settings(8, 16, 5, 0.5, 0.5);

        byte[] Grow(int seed) => RandomForest.Fit((float[])matrix.Clone(), 80_000, 2, labels, PredictionTask.Binary, 2, settings, seed).Save();

        Assert.Equal(Grow(1), Grow(1));
        Assert.NotEqual(Grow(1), Grow(2));
    }

    /// <summary>Points of the unit square, labelled 1 on the black squares of a 4 × 4 board: no one column tells the class.</summary>
    private static (float[] Matrix, float[] Labels) Checkerboard(int rows, double offset = 0)
    {
        var matrix = new float[rows * 2];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            var x = ((i * 0.6180339887) + offset) % 1;
            var y = ((i * 0.7548776662) + (offset / 2)) % 1;
            (matrix[i * 2], matrix[(i * 2) + 1]) = ((float)x, (float)y);
            labels[i] = ((int)(x * 4) + (int)(y * 4)) % 2;
        }

        return (matrix, labels);
    }

    private static int Leaf(ForestModel.Tree tree, ReadOnlySpan<float> row)
    {
        var node = tree.Root;
        while (node >= 0)
            node = row[tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
        return ~node;
    }
}
