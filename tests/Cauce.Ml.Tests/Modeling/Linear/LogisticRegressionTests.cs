using Cauce.Ml.Modeling.Linear;

namespace Cauce.Ml.Tests.Modeling.Linear;

/// <summary>
/// Cauce's logistic regression reaches scikit-learn's optimum: the same standardisation, the same coefficients. The
/// pinned values were computed once with Debian's scikit-learn 1.2.1 (/usr/bin/python3) on the data of
/// <see cref="CrossCheckSet"/>, standardised by <c>StandardScaler</c>:
/// <code>
/// LogisticRegression(C=1.0, tol=1e-12, max_iter=100000).fit(xs, binary)                         # l2 = 1
/// LogisticRegression(C=0.5, tol=1e-12, max_iter=100000).fit(xs, classes)                        # l2 = 2, multinomial
/// LogisticRegression(penalty="l1", solver="saga", C=0.2, tol=1e-14, max_iter=1000000).fit(xs, binary)  # l1 = 5
/// </code>
/// (scikit-learn minimises C·Σ loss + ½‖w‖², or + ‖w‖₁; Cauce Σ loss + l2/2·‖w‖² + l1·‖w‖₁: C = 1/l2 or 1/l1.)
/// </summary>
public sealed class LogisticRegressionTests
{
    private const int Rows = 200;
    private const int Columns = 4;
    private static readonly LogisticRegression.Settings Converged = new(1, 0, 10_000, 0);

    [Fact]
    public void The_standardisation_is_scikit_learns_mean_and_population_deviation()
    {
        var (matrix, _, _) = CrossCheckSet();

        var (mean, std) = LogisticRegression.Standardise(matrix, Rows, Columns, [true, true, true, false]);

        AssertClose([-0.08125, -0.02375, 0.0225, 0], mean, 1e-9);
        AssertClose([2.9444792, 2.9501693, 2.95002, 1], std, 1e-6);
        Assert.Equal((float)((-4.75 - -0.08125) / 2.9444792), matrix[0], 1e-5f);
        Assert.Equal(-3.75f, matrix[3]);
    }

    [Fact]
    public void A_binary_fit_reaches_scikit_learns_coefficients()
    {
        var model = Fit(binary: true, Converged);

        AssertClose([0.9419004354, 0.5259716815, -1.1003391676, 0.0464024899], model.Coefficients, 1e-4);
        AssertClose([0.0376488746], model.Intercepts, 1e-4);
    }

    [Fact]
    public void A_multiclass_fit_reaches_scikit_learns_multinomial_coefficients()
    {
        var model = Fit(binary: false, Converged with { L2 = 2 });

        AssertClose(
            [1.2658890458, -0.6886109648, -0.3396328348, -0.2990023549, -0.5261187973, 1.3011993576, -0.5368030795, -0.2105545527, -0.7397702485, -0.6125883929, 0.8764359143, 0.5095569076],
            model.Coefficients, 1e-4);
        AssertClose([-0.0305446795, -0.0983150416, 0.1288597211], model.Intercepts, 1e-4);
    }

    [Fact]
    public void An_l1_penalty_reaches_scikit_learns_optimum_and_leaves_the_noise_column_at_exactly_zero()
    {
        var model = Fit(binary: true, Converged with { L2 = 0, L1 = 5 });

        AssertClose([0.7589655862, 0.36718414, -0.9131620657, 0], model.Coefficients, 1e-4);
        Assert.Equal(0.0, model.Coefficients[3]);
        AssertClose([0.0310490739], model.Intercepts, 1e-4);
        Assert.DoesNotContain(0.0, Fit(binary: true, Converged).Coefficients);
    }

    [Fact]
    public void The_tolerance_stops_early_near_the_optimum_and_max_iterations_caps_the_fit()
    {
        var iterations = new List<int>();

        var tolerant = Fit(binary: true, Converged with { Tolerance = 1e-4 }, iterations.Add);
        var capped = Fit(binary: true, Converged with { MaxIterations = 2 });

        Assert.InRange(iterations.Count, 2, 30);
        Assert.Equal(Enumerable.Range(1, iterations.Count), iterations);
        AssertClose([0.9419004354, 0.5259716815, -1.1003391676, 0.0464024899], tolerant.Coefficients, 1e-2);
        Assert.True(Math.Abs(capped.Coefficients[0] - 0.9419004354) > 1e-3, "two iterations do not reach the optimum");
    }

    [Fact]
    public void Probabilities_are_the_sigmoid_or_the_softmax_of_the_standardised_rows()
    {
        var (matrix, _, _) = CrossCheckSet();
        var binary = Fit(binary: true, Converged);
        var multiclass = Fit(binary: false, Converged);
        var p = new double[Rows];
        var q = new double[Rows * 3];

        binary.Predict(matrix, Rows, p);
        multiclass.Predict(matrix, Rows, q);

        for (var i = 0; i < Rows; i++)
        {
            var z = binary.Intercepts[0];
            for (var j = 0; j < Columns; j++)
                z += binary.Coefficients[j] * (matrix[(i * Columns) + j] - binary.Mean[j]) / binary.Std[j];
            Assert.Equal(1 / (1 + Math.Exp(-z)), p[i], 1e-6);
            Assert.Equal(1, q[(i * 3)..((i * 3) + 3)].Sum(), 1e-12);
        }
    }

    [Fact]
    public void The_same_rows_give_the_same_model_also_when_blocks_are_summed_on_several_threads()
    {
        const int rows = 70_000;
        var (small, labels, _) = CrossCheckSet();
        var matrix = new float[rows * Columns];
        var repeated = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            small.AsSpan((i % Rows) * Columns, Columns).CopyTo(matrix.AsSpan(i * Columns, Columns));
            repeated[i] = labels[(i * 31) % Rows];
        }

        byte[] Once()
        {
            var copy = (float[])matrix.Clone();
            var standardisation = LogisticRegression.Standardise(copy, rows, Columns, [true, true, true, true]);
            return LogisticRegression.Fit(copy, rows, Columns, repeated, standardisation, PredictionTask.Binary, 2, new LogisticRegression.Settings(1, 0.5, 50, 1e-6)).Save();
        }

        Assert.Equal(Once(), Once());
    }

    [Fact]
    public void Two_classes_of_a_multiclass_task_get_an_output_each_that_sum_to_one()
    {
        var (matrix, labels, _) = CrossCheckSet();
        var standardisation = LogisticRegression.Standardise(matrix, Rows, Columns, [true, true, true, true]);
        var model = LogisticRegression.Fit(matrix, Rows, Columns, labels, standardisation, PredictionTask.Multiclass, 2, Converged);
        var binary = Fit(binary: true, Converged);
        var (two, one) = (new double[Rows * 2], new double[Rows]);

        model.Predict(matrix, Rows, two);
        binary.Predict(matrix, Rows, one);

        Assert.Equal(2, model.Outputs);
        for (var i = 0; i < Rows; i++)
        {
            Assert.Equal(1, two[2 * i] + two[(2 * i) + 1], 1e-12);
            Assert.Equal(one[i], two[(2 * i) + 1], 0.05);
        }
    }

    private static LogisticModel Fit(bool binary, LogisticRegression.Settings settings, Action<int>? progress = null)
    {
        var (matrix, binaryLabels, classes) = CrossCheckSet();
        var standardisation = LogisticRegression.Standardise(matrix, Rows, Columns, [true, true, true, true]);
        return LogisticRegression.Fit(matrix, Rows, Columns, binary ? binaryLabels : classes, standardisation, binary ? PredictionTask.Binary : PredictionTask.Multiclass, binary ? 2 : 3, settings, progress);
    }

    /// <summary>
    /// 200 × 4 values in [-5, 5], multiples of 1/4 (exact in float32 and in Python). Binary label: x0 + x1/2 − x2 > 0,
    /// flipped on every 7th row; three classes: the largest of x0, x1 and x2 + x3/2, moved to the next class on every 9th row.
    /// </summary>
    internal static (float[] Matrix, float[] Binary, float[] Classes) CrossCheckSet()
    {
        var matrix = new float[Rows * Columns];
        var binary = new float[Rows];
        var classes = new float[Rows];
        for (var i = 0; i < Rows; i++)
        {
            var z = new double[Columns];
            for (var j = 0; j < Columns; j++)
            {
                z[j] = ((((i * ((2 * j) + 3)) + (5 * j * j) + 1) % 41) / 4.0) - 5.0;
                matrix[(i * Columns) + j] = (float)z[j];
            }

            binary[i] = z[0] + (0.5 * z[1]) - z[2] > 0 != (i % 7 == 0) ? 1 : 0;
            double[] votes = [z[0], z[1], z[2] + (0.5 * z[3])];
            var k = Array.IndexOf(votes, votes.Max());
            classes[i] = i % 9 == 0 ? (k + 1) % 3 : k;
        }

        return (matrix, binary, classes);
    }

    private static void AssertClose(double[] expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"value {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }
}
