using System.Collections.ObjectModel;

namespace Cauce.Ml.Modeling.Evaluation;

/// <summary>
/// The metrics every Cauce model is judged by, computed by Cauce from labels and scores — the same code for ML.NET
/// and XGBoost — with scikit-learn 1.2's definitions, so numbers compare with Python. Values are never rounded.
/// </summary>
/// <remarks>
/// Where scikit-learn warns or raises, Cauce decides (see README.md beside this file):
/// <list type="bullet">
/// <item>Empty input, different lengths, NaN or infinite values, probabilities outside [0, 1], classes out of
/// range: <see cref="ArgumentException"/> naming the argument and the first bad index.</item>
/// <item>A ratio whose denominator is zero (precision with no positive prediction, recall with no positive row,
/// F1 with neither) is 0, as scikit-learn's default <c>zero_division="warn"</c> returns.</item>
/// <item><c>roc_auc</c> and <c>pr_auc</c> with only one class in <c>actual</c> are NaN: undefined (scikit-learn
/// raises for the AUC); the caller reports it.</item>
/// <item><c>log_loss</c> clips probabilities to [1e-15, 1 − 1e-15], renormalises each row and uses the natural
/// log. scikit-learn 1.2 defaults to eps = 2.2e-16; pass <c>eps=1e-15</c> to compare.</item>
/// <item><c>mape</c> is not scikit-learn's: see <see cref="Regression"/>.</item>
/// </list>
/// </remarks>
public static class Metrics
{
    /// <summary>Probabilities are clipped to [ε, 1 − ε] before the log.</summary>
    public const double LogLossEpsilon = 1e-15;

    /// <summary>
    /// Binary metrics of the positive class (<c>true</c>). A row is predicted positive when its probability is
    /// strictly greater than <paramref name="threshold"/> — as ML.NET's PredictedLabel, XGBoost's and
    /// scikit-learn's <c>predict</c> — so 0.5 itself is negative at the default threshold.
    /// </summary>
    /// <returns>
    /// <c>accuracy</c>, <c>precision</c>, <c>recall</c>, <c>f1</c> at the threshold; <c>roc_auc</c>
    /// (<c>roc_auc_score</c>: the trapezoid over distinct scores, ties counting one half) and <c>pr_auc</c>
    /// (<c>average_precision_score</c>: the step-wise sum Σ (Rₖ − Rₖ₋₁) Pₖ, not a trapezoid), both NaN when
    /// <paramref name="actual"/> has one class only; <c>log_loss</c> (<c>log_loss(eps=1e-15)</c>). In that order.
    /// </returns>
    /// <exception cref="ArgumentException">Empty input, different lengths, a probability outside [0, 1] or NaN,
    /// or a NaN threshold.</exception>
    public static IReadOnlyDictionary<string, double> Binary(ReadOnlySpan<bool> actual, ReadOnlySpan<double> probability, double threshold = 0.5)
    {
        Inputs.RequireRows(actual.Length, nameof(actual));
        Inputs.RequireSameLength(actual.Length, probability.Length, nameof(probability));
        Inputs.RequireProbabilities(probability, nameof(probability));
        if (double.IsNaN(threshold))
            throw new ArgumentException("the threshold is NaN", nameof(threshold));

        long tp = 0, fp = 0, fn = 0;
        var logLoss = new CompensatedSum();
        for (var i = 0; i < actual.Length; i++)
        {
            var predicted = probability[i] > threshold;
            if (predicted && actual[i])
                tp++;
            else if (predicted)
                fp++;
            else if (actual[i])
                fn++;
            logLoss.Add(BinaryLogLoss(actual[i], probability[i]));
        }

        long rows = actual.Length;
        var precision = Ratio(tp, tp + fp);
        var recall = Ratio(tp, tp + fn);
        var table = ThresholdTable.Build(actual, probability);
        return Result(
            (MetricKeys.Accuracy, (double)(rows - fp - fn) / rows),
            (MetricKeys.Precision, precision),
            (MetricKeys.Recall, recall),
            // 2PR / (P + R) = 2TP / (2TP + FP + FN), and the second has no 0/0 unless there are no positives at all.
            (MetricKeys.F1, Ratio(2 * tp, 2 * tp + fp + fn)),
            (MetricKeys.RocAuc, table.RocAuc()),
            (MetricKeys.PrAuc, table.AveragePrecision()),
            (MetricKeys.LogLoss, logLoss.Value / rows));
    }

    /// <summary>
    /// Multiclass metrics. Row <c>i</c> of <paramref name="probabilities"/> is
    /// <c>probabilities[i * classes .. (i + 1) * classes]</c>, column <c>c</c> the probability of class <c>c</c>;
    /// the predicted class is the row's largest probability, the lowest class on a tie (as <c>numpy.argmax</c>).
    /// </summary>
    /// <returns>
    /// <c>macro_accuracy</c>: the mean over classes present in <paramref name="actual"/> of the share of that
    /// class predicted right (ML.NET's MacroAccuracy, scikit-learn's <c>balanced_accuracy_score</c>; a class that
    /// never occurs is left out, not counted as 0); <c>micro_accuracy</c>: the share of rows predicted right
    /// (<c>accuracy_score</c>); <c>log_loss</c>: each probability clipped to [1e-15, 1 − 1e-15], each row then
    /// divided by its sum, the mean of −ln p(actual class) (<c>log_loss(eps=1e-15, labels=range(classes))</c>).
    /// In that order.
    /// </returns>
    /// <exception cref="ArgumentException">Fewer than two classes, empty input, a length that is not
    /// rows × classes, a class outside [0, classes), or a probability outside [0, 1] or NaN.</exception>
    public static IReadOnlyDictionary<string, double> Multiclass(ReadOnlySpan<int> actual, ReadOnlySpan<double> probabilities, int classes)
    {
        RequireTwoClassesOrMore(classes);
        Inputs.RequireRows(actual.Length, nameof(actual));
        if ((long)actual.Length * classes != probabilities.Length)
            throw new ArgumentException($"probabilities has {probabilities.Length} values but {actual.Length} rows × {classes} classes need {(long)actual.Length * classes}", nameof(probabilities));
        Inputs.RequireClasses(actual, classes, nameof(actual));
        Inputs.RequireProbabilities(probabilities, nameof(probabilities));

        var rowsOfClass = new long[classes];
        var rightOfClass = new long[classes];
        var logLoss = new CompensatedSum();
        for (var i = 0; i < actual.Length; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            var label = actual[i];
            rowsOfClass[label]++;
            if (ArgMax(row) == label)
                rightOfClass[label]++;

            var rowSum = 0.0;
            foreach (var p in row)
                rowSum += Clip(p);
            logLoss.Add(-Math.Log(Clip(row[label]) / rowSum));
        }

        var recalls = new CompensatedSum();
        var present = 0;
        long right = 0;
        for (var c = 0; c < classes; c++)
        {
            right += rightOfClass[c];
            if (rowsOfClass[c] == 0)
                continue;
            recalls.Add((double)rightOfClass[c] / rowsOfClass[c]);
            present++;
        }

        long rows = actual.Length;
        return Result(
            (MetricKeys.MacroAccuracy, recalls.Value / present),
            (MetricKeys.MicroAccuracy, (double)right / rows),
            (MetricKeys.LogLoss, logLoss.Value / rows));
    }

    /// <summary>
    /// The predicted class of each row: its largest probability, the lowest class on a tie — the rule
    /// <see cref="Multiclass"/> scores by, so a <see cref="ConfusionMatrix"/> built from these agrees with it.
    /// </summary>
    public static int[] PredictedClasses(ReadOnlySpan<double> probabilities, int classes)
    {
        RequireTwoClassesOrMore(classes);
        if (probabilities.Length % classes != 0)
            throw new ArgumentException($"probabilities has {probabilities.Length} values, not a multiple of {classes} classes", nameof(probabilities));
        Inputs.RequireProbabilities(probabilities, nameof(probabilities));

        var predicted = new int[probabilities.Length / classes];
        for (var i = 0; i < predicted.Length; i++)
            predicted[i] = ArgMax(probabilities.Slice(i * classes, classes));
        return predicted;
    }

    /// <summary>
    /// Regression metrics: <c>rmse</c> (√ of <c>mean_squared_error</c>), <c>mae</c>
    /// (<c>mean_absolute_error</c>), <c>r2</c> (<c>r2_score</c>), <c>mape</c> (Cauce's own, below). In that order.
    /// </summary>
    /// <remarks>
    /// <para><c>r2</c> follows <c>r2_score</c> exactly: 1 − SS_res / SS_tot; when <paramref name="actual"/> is
    /// constant (SS_tot = 0) it is 1.0 for a perfect prediction and 0.0 otherwise; with fewer than two rows it is
    /// NaN (scikit-learn: "not well-defined with less than two samples").</para>
    /// <para><c>mape</c> is the mean of |y − ŷ| / |y| over the rows where y ≠ 0, as a fraction (0.1 = 10%);
    /// NaN when every y is 0. This is NOT scikit-learn's <c>mean_absolute_percentage_error</c>, which divides by
    /// max(|y|, 2.2e-16) and so turns a single zero target into a value near 10¹⁵. On the rows where y ≠ 0 the two
    /// agree. A y that is tiny but not zero still dominates the mean; prefer <c>mae</c> for such targets.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">Empty input, different lengths, or a NaN or infinite value.</exception>
    public static IReadOnlyDictionary<string, double> Regression(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Inputs.RequireRows(actual.Length, nameof(actual));
        Inputs.RequireSameLength(actual.Length, predicted.Length, nameof(predicted));
        Inputs.RequireFinite(actual, nameof(actual));
        Inputs.RequireFinite(predicted, nameof(predicted));

        var sumActual = new CompensatedSum();
        var squaredErrors = new CompensatedSum();
        var absoluteErrors = new CompensatedSum();
        var relativeErrors = new CompensatedSum();
        long nonZero = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var error = actual[i] - predicted[i];
            sumActual.Add(actual[i]);
            squaredErrors.Add(error * error);
            absoluteErrors.Add(Math.Abs(error));
            if (actual[i] != 0)
            {
                relativeErrors.Add(Math.Abs(error) / Math.Abs(actual[i]));
                nonZero++;
            }
        }

        // Two passes for the total sum of squares: around the mean, not Σy² − n·ȳ², which cancels catastrophically.
        long rows = actual.Length;
        var mean = sumActual.Value / rows;
        var totalSquares = new CompensatedSum();
        foreach (var y in actual)
            totalSquares.Add((y - mean) * (y - mean));

        return Result(
            (MetricKeys.Rmse, Math.Sqrt(squaredErrors.Value / rows)),
            (MetricKeys.Mae, absoluteErrors.Value / rows),
            (MetricKeys.R2, RSquared(squaredErrors.Value, totalSquares.Value, rows)),
            (MetricKeys.Mape, nonZero == 0 ? double.NaN : relativeErrors.Value / nonZero));
    }

    /// <summary>
    /// The metric models of a task are ranked by, and which way is better: binary <c>roc_auc</c> ↑ (threshold-free,
    /// insensitive to class balance); multiclass <c>macro_accuracy</c> ↑ (every class counts the same however rare,
    /// and it does not punish a model for uncalibrated probabilities the way <c>log_loss</c> does — not every
    /// trainer calibrates); regression <c>r2</c> ↑ (scale-free, so it reads the same across targets).
    /// </summary>
    /// <param name="task"><c>binary</c>, <c>multiclass</c> or <c>regression</c>, as <see cref="PredictionTasks.Names"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">Any other task name.</exception>
    public static (string Key, bool HigherIsBetter) MainMetric(string task) => MainMetric(PredictionTasks.Parse(task));

    /// <inheritdoc cref="MainMetric(string)"/>
    public static (string Key, bool HigherIsBetter) MainMetric(PredictionTask task) => task switch
    {
        PredictionTask.Binary => (MetricKeys.RocAuc, true),
        PredictionTask.Multiclass => (MetricKeys.MacroAccuracy, true),
        PredictionTask.Regression => (MetricKeys.R2, true),
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "not a task"),
    };

    private static void RequireTwoClassesOrMore(int classes)
    {
        if (classes < 2)
            throw new ArgumentOutOfRangeException(nameof(classes), classes, "a multiclass task has at least two classes");
    }

    private static int ArgMax(ReadOnlySpan<double> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
                best = c;
        }

        return best;
    }

    private static double Clip(double p) => Math.Clamp(p, LogLossEpsilon, 1 - LogLossEpsilon);

    // As scikit-learn: clip p, make the row [1 − p, p], divide by its sum, take −ln of the actual class's entry.
    private static double BinaryLogLoss(bool actual, double probability)
    {
        var p = Clip(probability);
        var q = 1 - p;
        return -Math.Log((actual ? p : q) / (q + p));
    }

    private static double RSquared(double residualSquares, double totalSquares, long rows)
    {
        if (rows < 2)
            return double.NaN;
        if (residualSquares == 0)
            return 1.0;
        return totalSquares == 0 ? 0.0 : 1 - residualSquares / totalSquares;
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0.0 : (double)numerator / denominator;

    private static ReadOnlyDictionary<string, double> Result(params ReadOnlySpan<(string Key, double Value)> metrics)
    {
        // Ordered, so reports and model cards list the keys in DESIGN.md's order on every run.
        var ordered = new OrderedDictionary<string, double>(metrics.Length, StringComparer.Ordinal);
        foreach (var (key, value) in metrics)
            ordered.Add(key, value);
        return new ReadOnlyDictionary<string, double>(ordered);
    }
}
