using Cauce.Ml.Modeling.Evaluation;

namespace Cauce.Ml.Tests.Modeling.Evaluation;

public sealed class BinaryMetricsTests
{
    // Imbalanced (4 positives in 20), ties in the scores (0.8 ×3 across classes, 0.3 ×4, 0.5 ×2 exactly at the
    // default threshold), and 0 and 1 exactly, which log_loss must clip.
    internal static readonly bool[] Actual =
        [true, false, false, false, true, false, false, false, false, true, false, false, false, false, false, true, false, false, false, false];

    internal static readonly double[] Probability =
        [0.9, 0.8, 0.8, 0.1, 0.8, 0.3, 0.3, 0.2, 0.55, 0.5, 0.5, 0.05, 0.7, 0.3, 0.1, 0.3, 0.0, 1.0, 0.45, 0.6];

    private static readonly IReadOnlyList<string> Keys = MetricKeys.Binary;

    [Fact]
    public void Imbalanced_scores_with_ties_match_scikit_learn()
    {
        // /usr/bin/python3 -c "import numpy as np, sklearn.metrics as m; y=[1,0,0,0,1,0,0,0,0,1,0,0,0,0,0,1,0,0,0,0]; p=np.array([0.9,0.8,0.8,0.1,0.8,0.3,0.3,0.2,0.55,0.5,0.5,0.05,0.7,0.3,0.1,0.3,0.0,1.0,0.45,0.6]); d=p>0.5; print(*map(repr, map(float, [m.accuracy_score(y,d), m.precision_score(y,d,zero_division=0), m.recall_score(y,d,zero_division=0), m.f1_score(y,d,zero_division=0), m.roc_auc_score(y,p), m.average_precision_score(y,p), m.log_loss(y,p,eps=1e-15)])))"
        double[] expected = [0.6, 0.25, 0.5, 0.3333333333333333, 0.703125, 0.3666666666666667, 2.2874506995817017];

        Close.Metrics(Keys, expected, Metrics.Binary(Actual, Probability));
    }

    [Fact]
    public void A_probability_equal_to_the_threshold_is_predicted_negative()
    {
        // /usr/bin/python3 -c "import numpy as np, sklearn.metrics as m; y=[1,0,0,0,1,0,0,0,0,1,0,0,0,0,0,1,0,0,0,0]; p=np.array([0.9,0.8,0.8,0.1,0.8,0.3,0.3,0.2,0.55,0.5,0.5,0.05,0.7,0.3,0.1,0.3,0.0,1.0,0.45,0.6]); d=p>0.3; print(*map(repr, map(float, [m.accuracy_score(y,d), m.precision_score(y,d,zero_division=0), m.recall_score(y,d,zero_division=0), m.f1_score(y,d,zero_division=0), m.roc_auc_score(y,p), m.average_precision_score(y,p), m.log_loss(y,p,eps=1e-15)])))"
        double[] expected = [0.55, 0.2727272727272727, 0.75, 0.39999999999999997, 0.703125, 0.3666666666666667, 2.2874506995817017];

        Close.Metrics(Keys, expected, Metrics.Binary(Actual, Probability, threshold: 0.3));
    }

    [Fact]
    public void A_perfect_classifier_scores_one_on_every_ranking_metric()
    {
        // /usr/bin/python3 -c "import numpy as np, sklearn.metrics as m; y=[0,0,1,1,0,1,0,1]; p=np.array([0.1,0.2,0.9,0.8,0.3,0.7,0.45,0.55]); d=p>0.5; print(*map(repr, map(float, [m.accuracy_score(y,d), m.precision_score(y,d,zero_division=0), m.recall_score(y,d,zero_division=0), m.f1_score(y,d,zero_division=0), m.roc_auc_score(y,p), m.average_precision_score(y,p), m.log_loss(y,p,eps=1e-15)])))"
        double[] expected = [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.3207540029165972];

        Close.Metrics(Keys, expected, Metrics.Binary([false, false, true, true, false, true, false, true], [0.1, 0.2, 0.9, 0.8, 0.3, 0.7, 0.45, 0.55]));
    }

    [Fact]
    public void A_certain_and_always_wrong_classifier_hits_the_log_loss_clip()
    {
        // The clip is [1e-15, 1 − 1e-15], and 1 − (1 − 1e-15) is 9.992e-16 in doubles: the loss is not exactly −ln 1e-15.
        // /usr/bin/python3 -c "import numpy as np, sklearn.metrics as m; y=[1,0,1,0,0,1]; p=np.array([0.0,1.0,0.0,1.0,1.0,0.0]); d=p>0.5; print(*map(repr, map(float, [m.accuracy_score(y,d), m.precision_score(y,d,zero_division=0), m.recall_score(y,d,zero_division=0), m.f1_score(y,d,zero_division=0), m.roc_auc_score(y,p), m.average_precision_score(y,p), m.log_loss(y,p,eps=1e-15)])))"
        double[] expected = [0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 34.53917619362578];

        Close.Metrics(Keys, expected, Metrics.Binary([true, false, true, false, false, true], [0.0, 1.0, 0.0, 1.0, 1.0, 0.0]));
    }

    [Fact]
    public void Scores_all_tied_give_an_auc_of_one_half_and_zero_division_gives_zero()
    {
        // /usr/bin/python3 -c "import numpy as np, sklearn.metrics as m; y=[1,0,0,1,0]; p=np.array([0.4]*5); d=p>0.5; print(*map(repr, map(float, [m.accuracy_score(y,d), m.precision_score(y,d,zero_division=0), m.recall_score(y,d,zero_division=0), m.f1_score(y,d,zero_division=0), m.roc_auc_score(y,p), m.average_precision_score(y,p), m.log_loss(y,p,eps=1e-15)])))"
        double[] expected = [0.6, 0.0, 0.0, 0.0, 0.5, 0.4, 0.6730116670092563];

        Close.Metrics(Keys, expected, Metrics.Binary([true, false, false, true, false], [0.4, 0.4, 0.4, 0.4, 0.4]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void One_class_only_makes_the_ranking_metrics_NaN_and_keeps_the_rest(bool label)
    {
        // scikit-learn raises for roc_auc_score here ("Only one class present in y_true") and gives 1.0 (all
        // positive) or -0.0 (all negative) for average_precision_score; Cauce says NaN for both and the caller reports it.
        // /usr/bin/python3 -c "import sklearn.metrics as m; print(m.average_precision_score([1,1,1],[0.2,0.6,0.9]), m.average_precision_score([0,0,0],[0.2,0.6,0.9]))"
        var metrics = Metrics.Binary([label, label, label], [0.2, 0.6, 0.9]);

        Assert.True(double.IsNaN(metrics[MetricKeys.RocAuc]));
        Assert.True(double.IsNaN(metrics[MetricKeys.PrAuc]));
        Assert.Equal(label ? 2.0 / 3 : 1.0 / 3, metrics[MetricKeys.Accuracy], 15);
        Assert.True(double.IsFinite(metrics[MetricKeys.LogLoss]));
        Assert.True(double.IsFinite(metrics[MetricKeys.F1]));
    }

    [Fact]
    public void The_ranking_metrics_ignore_the_threshold()
    {
        var low = Metrics.Binary(Actual, Probability, threshold: 0.05);
        var high = Metrics.Binary(Actual, Probability, threshold: 2);

        Assert.Equal(low[MetricKeys.RocAuc], high[MetricKeys.RocAuc]);
        Assert.Equal(low[MetricKeys.PrAuc], high[MetricKeys.PrAuc]);
        Assert.Equal(low[MetricKeys.LogLoss], high[MetricKeys.LogLoss]);
        Assert.Equal(0.0, high[MetricKeys.Precision]);
        Assert.Equal(0.8, high[MetricKeys.Accuracy], 15);
    }

    [Fact]
    public void The_order_of_the_rows_does_not_change_the_result()
    {
        var order = Enumerable.Range(0, Actual.Length).Reverse().ToArray();
        var shuffled = Metrics.Binary(order.Select(i => Actual[i]).ToArray(), order.Select(i => Probability[i]).ToArray());
        var original = Metrics.Binary(Actual, Probability);

        foreach (var key in MetricKeys.Binary)
            Close.Equal(original[key], shuffled[key], key);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_argument_named()
    {
        Assert.Equal("actual", Assert.Throws<ArgumentException>(() => Metrics.Binary([], [])).ParamName);
        Assert.Equal("probability", Assert.Throws<ArgumentException>(() => Metrics.Binary([true, false], [0.5])).ParamName);
        var nan = Assert.Throws<ArgumentException>(() => Metrics.Binary([true, false], [0.5, double.NaN]));
        Assert.Contains("probability[1]", nan.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Metrics.Binary([true, false], [0.5, 1.5]));
        Assert.Throws<ArgumentException>(() => Metrics.Binary([true, false], [-0.1, 0.5]));
        Assert.Throws<ArgumentException>(() => Metrics.Binary([true, false], [0.1, 0.5], double.NaN));
    }
}
