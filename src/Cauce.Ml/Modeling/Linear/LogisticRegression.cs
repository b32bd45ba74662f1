using System.Runtime.CompilerServices;
using Cauce.Ml.Modeling.Training;


namespace Cauce.Ml.Modeling.Linear;

/// <summary>
/// Cauce's logistic regression, the <c>lr</c> learner: on a matrix written by the feature encoding, numbers and
/// booleans standardised (the training mean and standard deviation, as scikit-learn's StandardScaler; one-hot columns
/// stay 0/1), then the weights that minimise the log loss summed over the rows plus <c>l2/2·‖w‖² + l1·‖w‖₁</c>
/// (intercepts unpenalised): scikit-learn's objective with <c>C = 1/l2</c>, by L-BFGS (OWL-QN with an L1 penalty).
/// A binary model has one weight vector, P(positive) = σ(w·x + b); a multiclass one a vector per class and the
/// softmax (scikit-learn's multinomial). The rows are summed in fixed blocks, in order, so the same data gives the
/// same model whatever the number of threads.
/// </summary>
internal static class LogisticRegression
{
    /// <summary>Rows summed together; the gradient of each block is added in block order.</summary>
    private const int BlockRows = 4096;

    /// <summary>The settings of a fit, as the catalog names them.</summary>
    public sealed record Settings(double L2, double L1, int MaxIterations, double Tolerance);

    /// <summary>
    /// Fits the weights on <paramref name="matrix"/>, standardised by <see cref="Standardise"/> (whose result is
    /// <paramref name="standardisation"/>). <paramref name="labels"/> holds 0/1 (binary: one output) or the class
    /// index (multiclass, <paramref name="classes"/> classes: an output each, even for two).
    /// <paramref name="progress"/> is told the iterations done.
    /// </summary>
    public static LogisticModel Fit(float[] matrix, int rows, int columns, float[] labels, (double[] Mean, double[] Std) standardisation, PredictionTask task, int classes, Settings settings, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var (mean, std) = standardisation;
        var outputs = task == PredictionTask.Multiclass ? classes : 1;
        var objective = new Objective(matrix, rows, columns, labels, outputs, settings.L2);
        var (point, _) = Lbfgs.Minimize(objective.Evaluate, outputs * (columns + 1), outputs * columns, settings.L1, settings.MaxIterations, settings.Tolerance, progress, cancellationToken);
        return new LogisticModel(task, columns, classes, mean, std, point[..(outputs * columns)], point[(outputs * columns)..]);
    }

    /// <summary>The mean and (population) standard deviation of each standardised column, 0 and 1 for the others; the columns standardised in place.</summary>
    public static (double[] Mean, double[] Std) Standardise(float[] matrix, int rows, int columns, bool[] standardised)
    {
        var sums = Totals(matrix, rows, columns, null);
        var mean = new double[columns];
        for (var j = 0; j < columns; j++)
            mean[j] = standardised[j] ? sums[j] / rows : 0;
        var squares = Totals(matrix, rows, columns, mean);
        var std = new double[columns];
        for (var j = 0; j < columns; j++)
            std[j] = standardised[j] && Math.Sqrt(squares[j] / rows) is > 0 and var deviation && float.IsFinite((float)(1 / deviation)) ? deviation : 1;

        var offset = mean.Select(m => (float)m).ToArray();
        var scale = std.Select(s => (float)(1 / s)).ToArray();
        Each(rows, b =>
        {
            var (first, end) = Block(b, rows);
            for (var i = first; i < end; i++)
            {
                var row = matrix.AsSpan(i * columns, columns);
                Vectors.Standardise(row, offset, scale, row);
            }
        });
        return (mean, std);
    }

    /// <summary>Each column's sum over the rows, or with <paramref name="center"/> its sum of squared deviations from it: blocks summed in order.</summary>
    private static double[] Totals(float[] matrix, int rows, int columns, double[]? center)
    {
        var partial = new double[Blocks(rows), columns];
        Each(rows, b =>
        {
            var (first, end) = Block(b, rows);
            for (var i = first; i < end; i++)
            {
                var row = matrix.AsSpan(i * columns, columns);
                for (var j = 0; j < columns; j++)
                {
                    var d = center is null ? row[j] : row[j] - center[j];
                    partial[b, j] += center is null ? d : d * d;
                }
            }
        });
        var totals = new double[columns];
        for (var b = 0; b < partial.GetLength(0); b++)
        {
            for (var j = 0; j < columns; j++)
                totals[j] += partial[b, j];
        }

        return totals;
    }

    private static int Blocks(int rows) => (rows + BlockRows - 1) / BlockRows;

    private static (int First, int End) Block(int block, int rows) => (block * BlockRows, Math.Min(rows, (block + 1) * BlockRows));

    private static void Each(int rows, Action<int> action) => RowParallelism.For(Blocks(rows), rows >= RowParallelism.MinRows, action);

    /// <summary>
    /// The penalised log loss and its gradient at a point laid out as every output's weights (row-major, one row of
    /// <c>columns</c> per output), then the intercepts.
    /// </summary>
    private sealed class Objective
    {
        private readonly float[] _matrix;
        private readonly int _rows;
        private readonly int _columns;
        private readonly float[] _labels;
        private readonly int _outputs;
        private readonly double _l2;
        private readonly float[] _weights;
        private readonly double[] _intercepts;
        private readonly float[][] _blockGradients;
        private readonly double[][] _blockIntercepts;
        private readonly double[] _blockLoss;

        public Objective(float[] matrix, int rows, int columns, float[] labels, int outputs, double l2)
        {
            (_matrix, _rows, _columns, _labels, _outputs, _l2) = (matrix, rows, columns, labels, outputs, l2);
            _weights = new float[outputs * columns];
            _intercepts = new double[outputs];
            var blocks = Blocks(rows);
            _blockGradients = [.. Enumerable.Range(0, blocks).Select(_ => new float[outputs * columns])];
            _blockIntercepts = [.. Enumerable.Range(0, blocks).Select(_ => new double[outputs])];
            _blockLoss = new double[blocks];
        }

        public double Evaluate(double[] point, double[] gradient)
        {
            var weights = _outputs * _columns;
            for (var j = 0; j < weights; j++)
                _weights[j] = (float)point[j];
            for (var k = 0; k < _outputs; k++)
                _intercepts[k] = point[weights + k];

            Each(_rows, _outputs == 1 ? BinaryBlock : MulticlassBlock);

            Array.Clear(gradient);
            var loss = 0.0;
            for (var b = 0; b < _blockLoss.Length; b++)
            {
                loss += _blockLoss[b];
                var block = _blockGradients[b];
                for (var j = 0; j < weights; j++)
                    gradient[j] += block[j];
                for (var k = 0; k < _outputs; k++)
                    gradient[weights + k] += _blockIntercepts[b][k];
            }

            for (var j = 0; j < weights; j++)
            {
                loss += 0.5 * _l2 * point[j] * point[j];
                gradient[j] += _l2 * point[j];
            }

            return loss;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void BinaryBlock(int b)
        {
            var (first, end) = Block(b, _rows);
            var gradient = _blockGradients[b].AsSpan();
            gradient.Clear();
            var (loss, intercept, bias) = (0.0, 0.0, _intercepts[0]);
            for (var i = first; i < end; i++)
            {
                var row = _matrix.AsSpan(i * _columns, _columns);
                var z = Vectors.Dot(row, _weights) + bias;
                double y = _labels[i];
                // log(1 + e^z) − y·z, without overflow.
                loss += (z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z))) - (y * z);
                var residual = (1 / (1 + Math.Exp(-z))) - y;
                Vectors.AddScaled(row, (float)residual, gradient);
                intercept += residual;
            }

            _blockLoss[b] = loss;
            _blockIntercepts[b][0] = intercept;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void MulticlassBlock(int b)
        {
            var (first, end) = Block(b, _rows);
            var gradient = _blockGradients[b].AsSpan();
            gradient.Clear();
            var intercepts = _blockIntercepts[b];
            Array.Clear(intercepts);
            Span<double> z = stackalloc double[_outputs];
            var loss = 0.0;
            for (var i = first; i < end; i++)
            {
                var row = _matrix.AsSpan(i * _columns, _columns);
                var max = double.NegativeInfinity;
                for (var k = 0; k < _outputs; k++)
                {
                    z[k] = Vectors.Dot(row, _weights.AsSpan(k * _columns, _columns)) + _intercepts[k];
                    max = Math.Max(max, z[k]);
                }

                var sum = 0.0;
                for (var k = 0; k < _outputs; k++)
                    sum += Math.Exp(z[k] - max);
                var logSum = max + Math.Log(sum);
                var label = (int)_labels[i];
                loss += logSum - z[label];
                for (var k = 0; k < _outputs; k++)
                {
                    var residual = Math.Exp(z[k] - logSum) - (k == label ? 1 : 0);
                    Vectors.AddScaled(row, (float)residual, gradient.Slice(k * _columns, _columns));
                    intercepts[k] += residual;
                }
            }

            _blockLoss[b] = loss;
        }
    }
}
