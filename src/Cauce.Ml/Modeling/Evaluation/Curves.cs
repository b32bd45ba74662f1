namespace Cauce.Ml.Modeling.Evaluation;

/// <summary>
/// The ROC and precision–recall curves of a binary score, point for point as scikit-learn 1.2's
/// <c>roc_curve(drop_intermediate=False)</c> and <c>precision_recall_curve</c>: one point per distinct score, a row
/// counting as positive when its score is at least the point's threshold.
/// </summary>
/// <remarks>
/// Scores can be any finite numbers (probabilities, margins, ranks). Empty input, different lengths, and NaN or
/// infinite scores throw <see cref="ArgumentException"/>.
/// </remarks>
public static class Curves
{
    /// <summary>
    /// The ROC curve: first (0, 0) at the highest score + 1 (scikit-learn 1.2's threshold for "nothing is positive";
    /// 1.3+ writes +∞ there), then one point per distinct score from the highest down, ending at (1, 1) at the
    /// lowest. Both rates never decrease; thresholds strictly decrease. Every point is kept, as
    /// <c>drop_intermediate=False</c>: points on a straight segment are not dropped (drawing them changes nothing).
    /// </summary>
    /// <remarks>
    /// With no negative in <paramref name="actual"/> every false positive rate is NaN, with no positive every true
    /// positive rate is NaN — scikit-learn's values (it warns); the curve is undefined then.
    /// </remarks>
    public static IReadOnlyList<(double FalsePositiveRate, double TruePositiveRate, double Threshold)> Roc(ReadOnlySpan<bool> actual, ReadOnlySpan<double> score)
    {
        var table = Rank(actual, score);
        var points = new (double, double, double)[table.Count + 1];
        points[0] = (Rate(0, table.Negatives), Rate(0, table.Positives), table.AboveEveryScore);
        for (var i = 0; i < table.Count; i++)
            points[i + 1] = (Rate(table.FalsePositives[i], table.Negatives), Rate(table.TruePositives[i], table.Positives), table.Thresholds[i]);
        return points;
    }

    /// <summary>
    /// The precision–recall curve in scikit-learn's order: one point per distinct score from the lowest up (recall
    /// never increases, thresholds strictly increase), then the end point (recall 0, precision 1), whose threshold
    /// — scikit-learn gives it none — is the highest score + 1, as the ROC curve's first point.
    /// </summary>
    /// <remarks>
    /// Precision is TP / (TP + FP) among rows scoring at least the threshold. With no positive in
    /// <paramref name="actual"/> recall is 1 at every threshold (then 0 at the end point), as scikit-learn sets it.
    /// </remarks>
    public static IReadOnlyList<(double Recall, double Precision, double Threshold)> PrecisionRecall(ReadOnlySpan<bool> actual, ReadOnlySpan<double> score)
    {
        var table = Rank(actual, score);
        var points = new (double, double, double)[table.Count + 1];
        for (var i = 0; i < table.Count; i++)
        {
            var tp = table.TruePositives[i];
            var recall = table.Positives == 0 ? 1.0 : (double)tp / table.Positives;
            var precision = (double)tp / (tp + table.FalsePositives[i]);
            points[table.Count - 1 - i] = (recall, precision, table.Thresholds[i]);
        }

        points[table.Count] = (0.0, 1.0, table.AboveEveryScore);
        return points;
    }

    private static ThresholdTable Rank(ReadOnlySpan<bool> actual, ReadOnlySpan<double> score)
    {
        Inputs.RequireRows(actual.Length, nameof(actual));
        Inputs.RequireSameLength(actual.Length, score.Length, nameof(score));
        Inputs.RequireFinite(score, nameof(score));
        return ThresholdTable.Build(actual, score);
    }

    // 0/0 is NaN on purpose: a rate over a class that is absent is undefined, and scikit-learn says NaN too.
    private static double Rate(int count, int total) => total == 0 ? double.NaN : (double)count / total;
}
