using System.Runtime.CompilerServices;
using Cauce.Ml.Randomness;

namespace Cauce.Ml.Modeling.Forest;

/// <summary>
/// Cauce's random forest, the <c>rf</c> learner, on a matrix written by the feature encoding. Each tree sees a share
/// of the rows drawn without replacement (<c>bagging_fraction</c>) and a share of the columns (<c>feature_fraction</c>),
/// and grows best-first — always splitting the leaf whose best split lowers the squared error most — until it has
/// <c>leaves</c> leaves or no split leaves <c>min_leaf</c> rows on each side. Splits are searched between the bins
/// of <see cref="Bins"/>, from histograms (a child's is its parent's minus its sibling's). The squared error of 0/1
/// targets is the Gini impurity, so a classifier's leaves hold class proportions and the forest's probability is
/// their mean over the trees, as scikit-learn's; a regression's leaves hold the mean. Each tree draws from its own
/// seeded source, so the trees are the same whatever thread grows them.
/// </summary>
internal static class RandomForest
{
    /// <summary>The bytes of histograms one thread keeps at once (<see cref="TreeBuilder"/>).</summary>
    private const long HistogramBudget = 64L << 20;

    /// <summary>The settings of a fit, as the catalog names them.</summary>
    public sealed record Settings(int Trees, int Leaves, int MinLeaf, double FeatureFraction, double BaggingFraction);

    /// <summary>
    /// Grows the forest on <paramref name="matrix"/> (rows × columns, row-major, no NaN). <paramref name="labels"/>
    /// holds 0/1 (binary: one output), a class index (multiclass, <paramref name="classes"/> classes: an output each,
    /// even for two) or a value (regression). <paramref name="progress"/> is told the trees done, in order.
    /// </summary>
    public static ForestModel Fit(float[] matrix, int rows, int columns, float[] labels, PredictionTask task, int classes, Settings settings, int seed, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var thresholds = Bins.Thresholds(matrix, rows, columns);
        var bins = Bins.Assign(matrix, rows, columns, thresholds);
        var multiclass = task == PredictionTask.Multiclass;
        var outputs = multiclass ? classes : 1;
        var trees = new ForestModel.Tree[settings.Trees];
        var done = 0;
        var gate = new Lock();
        var data = new TreeData(bins, rows, columns, [.. thresholds.Select(t => t.Length + 1)], thresholds, labels, outputs, multiclass);
        Parallel.For(0, settings.Trees, new ParallelOptions { CancellationToken = cancellationToken }, () => new TreeBuilder(data, settings), (t, _, builder) =>
        {
            trees[t] = builder.Grow(seed, t);
            lock (gate)
                progress?.Invoke(++done);
            return builder;
        }, _ => { });
        return new ForestModel(task, columns, classes, trees);
    }

    /// <summary>What every tree reads: the bins, their thresholds and the targets.</summary>
    private sealed record TreeData(byte[] Bins, int Rows, int Columns, int[] BinCounts, float[][] Thresholds, float[] Labels, int Outputs, bool Multiclass);

    /// <summary>Grows one tree at a time; its buffers are reused from one tree to the next on the same thread.</summary>
    private sealed class TreeBuilder(TreeData data, Settings settings)
    {
        private readonly int[] _rows = new int[data.Rows];
        private readonly int[] _right = new int[data.Rows];
        private readonly Stack<double[]> _free = new();

        // Every histogram is allocated for all the columns, so one freed by any tree serves the next.
        private readonly int _capacity = data.BinCounts.Sum() * (data.Outputs + 1);

        // Histograms kept at once; past this, a leaf waiting to split gives its histogram up and its children are
        // both counted (many columns, classes and leaves would otherwise hold gigabytes).
        private int MaxLive => (int)Math.Max(3, HistogramBudget / (8L * _capacity));

        private int _live;
        private int[] _features = [];
        private int[] _offsets = [];
        private int _histogramLength;

        private int Stride => data.Outputs + 1;

        public ForestModel.Tree Grow(int seed, int tree)
        {
            var random = new SeededRandom(unchecked(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) + (ulong)tree + 1));
            var sampled = Sample(random);
            ChooseFeatures(random);

            var nodes = new List<(int Feature, float Threshold, int Left, int Right)>();
            var open = new List<Leaf>();

            // The leaves that can split, by gain, highest first; a tie goes to the leaf that came first.
            var queue = new PriorityQueue<int, (double, int)>();
            void Place(Leaf leaf, int slot)
            {
                if (slot == open.Count)
                    open.Add(leaf);
                else
                    open[slot] = leaf;
                if (leaf.Gain > 0)
                    queue.Enqueue(slot, (-leaf.Gain, slot));
            }

            var rootHistogram = Histogram(0, sampled);
            Place(Evaluate(new Leaf(0, sampled, rootHistogram, Totals(rootHistogram), -1, false)), 0);
            while (open.Count < settings.Leaves && queue.TryDequeue(out var best, out _))
            {
                var leaf = open[best];
                var column = _features[leaf.Feature];
                var middle = Partition(leaf.Start, leaf.End, column, leaf.Bin);
                var index = nodes.Count;
                nodes.Add((column, data.Thresholds[column][leaf.Bin], 0, 0));
                Link(nodes, leaf, index);

                // The smaller child's histogram is counted; the larger one's is the parent's minus it, in place —
                // unless the parent's was given up to keep within the memory budget: then both are counted.
                double[] leftHistogram, rightHistogram;
                if (leaf.Histogram is { } large)
                {
                    var leftSmaller = middle - leaf.Start <= leaf.End - middle;
                    var small = leftSmaller ? Histogram(leaf.Start, middle) : Histogram(middle, leaf.End);
                    for (var i = 0; i < _histogramLength; i++)
                        large[i] -= small[i];
                    (leftHistogram, rightHistogram) = leftSmaller ? (small, large) : (large, small);
                }
                else
                {
                    (leftHistogram, rightHistogram) = (Histogram(leaf.Start, middle), Histogram(middle, leaf.End));
                }

                Place(Evaluate(new Leaf(leaf.Start, middle, leftHistogram, Totals(leftHistogram), index, false)), best);
                Place(Evaluate(new Leaf(middle, leaf.End, rightHistogram, Totals(rightHistogram), index, true)), open.Count);
            }

            var values = new float[open.Count * data.Outputs];
            for (var l = 0; l < open.Count; l++)
            {
                var leaf = open[l];
                Link(nodes, leaf, ~l);
                for (var k = 0; k < data.Outputs; k++)
                    values[(l * data.Outputs) + k] = (float)(leaf.Totals[k + 1] / leaf.Totals[0]);
                if (leaf.Histogram is { } histogram)
                    Return(histogram);
            }

            return new ForestModel.Tree(
                [.. nodes.Select(n => n.Feature)], [.. nodes.Select(n => n.Threshold)], [.. nodes.Select(n => n.Left)], [.. nodes.Select(n => n.Right)], values);
        }

        /// <summary>Points the leaf's parent (if any) at <paramref name="reference"/>: a node's index, or the complement of a leaf's.</summary>
        private static void Link(List<(int Feature, float Threshold, int Left, int Right)> nodes, Leaf leaf, int reference)
        {
            if (leaf.Parent < 0)
                return;
            var parent = nodes[leaf.Parent];
            nodes[leaf.Parent] = leaf.IsRight ? parent with { Right = reference } : parent with { Left = reference };
        }

        /// <summary>Draws the tree's rows into the front of <see cref="_rows"/> (a partial Fisher–Yates shuffle), ascending; returns how many.</summary>
        private int Sample(SeededRandom random)
        {
            var count = (int)Math.Clamp(Math.Round(settings.BaggingFraction * data.Rows), 1, data.Rows);
            for (var i = 0; i < data.Rows; i++)
                _rows[i] = i;
            if (count < data.Rows)
            {
                for (var i = 0; i < count; i++)
                {
                    var j = random.Next(i, data.Rows);
                    (_rows[i], _rows[j]) = (_rows[j], _rows[i]);
                }

                Array.Sort(_rows, 0, count);
            }

            return count;
        }

        /// <summary>Draws the tree's columns, ascending, and lays out a histogram: each column's bins, <see cref="Stride"/> values a bin.</summary>
        private void ChooseFeatures(SeededRandom random)
        {
            var count = (int)Math.Clamp(Math.Round(settings.FeatureFraction * data.Columns), 1, data.Columns);
            var all = Enumerable.Range(0, data.Columns).ToArray();
            for (var i = 0; i < count; i++)
            {
                var j = random.Next(i, data.Columns);
                (all[i], all[j]) = (all[j], all[i]);
            }

            var features = all[..count];
            Array.Sort(features);
            var offsets = new int[count];
            var length = 0;
            for (var f = 0; f < count; f++)
            {
                offsets[f] = length;
                length += data.BinCounts[features[f]] * Stride;
            }

            (_features, _offsets, _histogramLength) = (features, offsets, length);
        }

        /// <summary>The histogram of the rows <c>_rows[start..end)</c>: per column and bin, the count then the target sums.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private double[] Histogram(int start, int end)
        {
            var histogram = _free.TryPop(out var reused) ? reused : new double[_capacity];
            Array.Clear(histogram, 0, _histogramLength);
            _live++;
            var (bins, columns, features, offsets, labels, stride) = (data.Bins, data.Columns, _features, _offsets, data.Labels, Stride);
            for (var i = start; i < end; i++)
            {
                var row = _rows[i];
                var rowBins = bins.AsSpan(row * columns, columns);
                var label = labels[row];
                if (data.Multiclass)
                {
                    var k = 1 + (int)label;
                    for (var f = 0; f < features.Length; f++)
                    {
                        var at = offsets[f] + (rowBins[features[f]] * stride);
                        histogram[at]++;
                        histogram[at + k]++;
                    }
                }
                else
                {
                    for (var f = 0; f < features.Length; f++)
                    {
                        var at = offsets[f] + (rowBins[features[f]] * 2);
                        histogram[at]++;
                        histogram[at + 1] += label;
                    }
                }
            }

            return histogram;
        }

        /// <summary>The node's count and target sums, read off its first column's bins.</summary>
        private double[] Totals(double[] histogram)
        {
            var totals = new double[Stride];
            var bins = data.BinCounts[_features[0]];
            for (var b = 0; b < bins; b++)
            {
                for (var k = 0; k < Stride; k++)
                    totals[k] += histogram[(b * Stride) + k];
            }

            return totals;
        }

        /// <summary>The leaf with its best split: the column and bin that lower the squared error most, each side keeping min_leaf rows.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Leaf Evaluate(Leaf leaf)
        {
            var totals = leaf.Totals;
            var n = totals[0];
            if (n < 2 * settings.MinLeaf)
                return Release(leaf);
            var stride = Stride;
            var outputs = data.Outputs;
            var parent = 0.0;
            for (var k = 1; k <= outputs; k++)
                parent += totals[k] * totals[k] / n;
            Span<double> left = stackalloc double[stride];
            var (bestGain, bestFeature, bestBin) = (1e-12 * Math.Max(1, parent), -1, -1);
            var histogram = leaf.Histogram!;
            for (var f = 0; f < _features.Length; f++)
            {
                left.Clear();
                var bins = data.BinCounts[_features[f]];
                var at = _offsets[f];
                for (var b = 0; b + 1 < bins; b++, at += stride)
                {
                    for (var k = 0; k < stride; k++)
                        left[k] += histogram[at + k];
                    var nLeft = left[0];
                    var nRight = n - nLeft;
                    if (nLeft < settings.MinLeaf)
                        continue;
                    if (nRight < settings.MinLeaf)
                        break;
                    var score = 0.0;
                    for (var k = 1; k <= outputs; k++)
                    {
                        var right = totals[k] - left[k];
                        score += (left[k] * left[k] / nLeft) + (right * right / nRight);
                    }

                    if (score - parent > bestGain)
                        (bestGain, bestFeature, bestBin) = (score - parent, f, b);
                }
            }

            if (bestFeature < 0)
                return Release(leaf);
            var split = leaf with { Gain = bestGain, Feature = bestFeature, Bin = bestBin };
            if (_live <= MaxLive)
                return split;
            Return(histogram);
            return split with { Histogram = null };
        }

        /// <summary>A leaf that will not split: its histogram goes back to the pool.</summary>
        private Leaf Release(Leaf leaf)
        {
            Return(leaf.Histogram!);
            return leaf with { Histogram = null, Gain = 0 };
        }

        private void Return(double[] histogram)
        {
            _free.Push(histogram);
            _live--;
        }

        /// <summary>Puts the rows of <c>_rows[start..end)</c> whose bin in <paramref name="column"/> is at most <paramref name="bin"/> first, in order; returns where the others start.</summary>
        private int Partition(int start, int end, int column, int bin)
        {
            var (bins, columns) = (data.Bins, data.Columns);
            var (write, right) = (start, 0);
            for (var i = start; i < end; i++)
            {
                var row = _rows[i];
                if (bins[(row * columns) + column] <= bin)
                    _rows[write++] = row;
                else
                    _right[right++] = row;
            }

            Array.Copy(_right, 0, _rows, write, right);
            return write;
        }
    }

    /// <summary>
    /// A leaf being grown: its rows <c>_rows[Start..End)</c>, histogram and totals, where its parent points to it,
    /// and its best split (the index into the tree's columns, the bin, the gain; a gain of 0 when it cannot split).
    /// </summary>
    private sealed record Leaf(int Start, int End, double[]? Histogram, double[] Totals, int Parent, bool IsRight)
    {
        public double Gain { get; init; }

        public int Feature { get; init; } = -1;

        public int Bin { get; init; }
    }
}
