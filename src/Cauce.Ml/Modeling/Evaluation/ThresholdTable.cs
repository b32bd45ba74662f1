namespace Cauce.Ml.Modeling.Evaluation;

/// <summary>
/// The counts behind every ranking metric: for each distinct score, from the highest down, how many positives
/// (<see cref="TruePositives"/>) and negatives (<see cref="FalsePositives"/>) score at least that much. This is
/// scikit-learn's <c>_binary_clf_curve</c>. Built with one sort; ROC AUC, average precision and both curves are
/// read off it.
/// </summary>
internal sealed class ThresholdTable
{
    private ThresholdTable(double[] thresholds, int[] truePositives, int[] falsePositives, int count, int positives, int negatives)
    {
        Thresholds = thresholds;
        TruePositives = truePositives;
        FalsePositives = falsePositives;
        Count = count;
        Positives = positives;
        Negatives = negatives;
    }

    /// <summary>The distinct scores, strictly decreasing; only the first <see cref="Count"/> entries are used.</summary>
    public double[] Thresholds { get; }

    /// <summary>Positives scoring at least <c>Thresholds[i]</c> (cumulative).</summary>
    public int[] TruePositives { get; }

    /// <summary>Negatives scoring at least <c>Thresholds[i]</c> (cumulative).</summary>
    public int[] FalsePositives { get; }

    /// <summary>How many distinct scores there are.</summary>
    public int Count { get; }

    public int Positives { get; }

    public int Negatives { get; }

    /// <summary>Both classes are present, so the ranking metrics are defined.</summary>
    public bool HasBothClasses => Positives > 0 && Negatives > 0;

    /// <summary>The scores must already be checked: same length as the labels, not empty, no NaN.</summary>
    public static ThresholdTable Build(ReadOnlySpan<bool> actual, ReadOnlySpan<double> score)
    {
        var positives = 0;
        foreach (var label in actual)
        {
            if (label)
                positives++;
        }

        // Sorting each class's scores on its own sorts plain doubles (no index array to carry along); a merge
        // from the top then walks the distinct scores in decreasing order. Ties across classes fall into one step,
        // which is what makes a tie count as half a correct ordering in the AUC.
        var positive = new double[positives];
        var negative = new double[actual.Length - positives];
        for (int i = 0, p = 0, n = 0; i < actual.Length; i++)
        {
            if (actual[i])
                positive[p++] = score[i];
            else
                negative[n++] = score[i];
        }

        Array.Sort(positive);
        Array.Sort(negative);

        var capacity = actual.Length;
        var thresholds = new double[capacity];
        var truePositives = new int[capacity];
        var falsePositives = new int[capacity];
        var count = 0;
        int pi = positive.Length - 1, ni = negative.Length - 1, tp = 0, fp = 0;
        while (pi >= 0 || ni >= 0)
        {
            var value = pi < 0 ? negative[ni] : ni < 0 ? positive[pi] : Math.Max(positive[pi], negative[ni]);
            while (pi >= 0 && positive[pi] == value)
            {
                tp++;
                pi--;
            }

            while (ni >= 0 && negative[ni] == value)
            {
                fp++;
                ni--;
            }

            thresholds[count] = value;
            truePositives[count] = tp;
            falsePositives[count] = fp;
            count++;
        }

        return new ThresholdTable(thresholds, truePositives, falsePositives, count, positives, negative.Length);
    }

    /// <summary>
    /// The area under the ROC curve by the trapezoid over distinct thresholds (as <c>roc_auc_score</c>), or NaN
    /// when a class is missing. Twice the area times P·N is an integer, so it is summed exactly in integers and
    /// divided once: the result is the correctly rounded Mann–Whitney U / (P·N), ties counting one half.
    /// </summary>
    public double RocAuc()
    {
        if (!HasBothClasses)
            return double.NaN;

        // Each term is ΔFP · (TP + TP_prev) ≤ N · 2P in total, below 2^62 for any span length: no overflow.
        long twiceArea = 0;
        var previousTp = 0;
        var previousFp = 0;
        for (var i = 0; i < Count; i++)
        {
            twiceArea += (long)(FalsePositives[i] - previousFp) * (TruePositives[i] + previousTp);
            previousTp = TruePositives[i];
            previousFp = FalsePositives[i];
        }

        return twiceArea / (2.0 * Positives * Negatives);
    }

    /// <summary>
    /// Average precision, the step-wise sum Σ (Rₖ − Rₖ₋₁) · Pₖ over distinct thresholds from the highest down (as
    /// <c>average_precision_score</c>; no trapezoid, no interpolation), or NaN when a class is missing.
    /// </summary>
    public double AveragePrecision()
    {
        if (!HasBothClasses)
            return double.NaN;

        var sum = new CompensatedSum();
        var previousTp = 0;
        for (var i = 0; i < Count; i++)
        {
            var gained = TruePositives[i] - previousTp;
            if (gained > 0)
                sum.Add(gained * ((double)TruePositives[i] / (TruePositives[i] + FalsePositives[i])));
            previousTp = TruePositives[i];
        }

        return sum.Value / Positives;
    }

    /// <summary>
    /// The threshold scikit-learn 1.2 puts before the highest score so that a curve starts from "nothing predicted
    /// positive": the highest score + 1. (Later versions use +∞, which JSON cannot carry.)
    /// </summary>
    public double AboveEveryScore => Thresholds[0] + 1;
}
