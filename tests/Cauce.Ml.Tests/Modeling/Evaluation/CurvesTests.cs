using Cauce.Ml.Modeling.Evaluation;

namespace Cauce.Ml.Tests.Modeling.Evaluation;

public sealed class CurvesTests
{
    private static readonly bool[] Actual = BinaryMetricsTests.Actual;
    private static readonly double[] Score = BinaryMetricsTests.Probability;

    [Fact]
    public void Roc_matches_scikit_learn_point_for_point()
    {
        // /usr/bin/python3 -c "import sklearn.metrics as m; y=[1,0,0,0,1,0,0,0,0,1,0,0,0,0,0,1,0,0,0,0]; p=[0.9,0.8,0.8,0.1,0.8,0.3,0.3,0.2,0.55,0.5,0.5,0.05,0.7,0.3,0.1,0.3,0.0,1.0,0.45,0.6]; f,t,h=m.roc_curve(y,p,drop_intermediate=False); print(list(zip(f.tolist(),t.tolist(),h.tolist())))"
        (double, double, double)[] expected =
        [
            (0.0, 0.0, 2.0), (0.0625, 0.0, 1.0), (0.0625, 0.25, 0.9), (0.1875, 0.5, 0.8), (0.25, 0.5, 0.7),
            (0.3125, 0.5, 0.6), (0.375, 0.5, 0.55), (0.4375, 0.75, 0.5), (0.5, 0.75, 0.45), (0.6875, 1.0, 0.3),
            (0.75, 1.0, 0.2), (0.875, 1.0, 0.1), (0.9375, 1.0, 0.05), (1.0, 1.0, 0.0),
        ];

        var roc = Curves.Roc(Actual, Score);

        Assert.Equal(expected.Length, roc.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Close.Equal(expected[i].Item1, roc[i].FalsePositiveRate, $"fpr[{i}]");
            Close.Equal(expected[i].Item2, roc[i].TruePositiveRate, $"tpr[{i}]");
            Close.Equal(expected[i].Item3, roc[i].Threshold, $"threshold[{i}]");
        }
    }

    [Fact]
    public void Precision_recall_matches_scikit_learn_point_for_point()
    {
        // The last point has no threshold in scikit-learn; Cauce gives it the ROC curve's first, highest score + 1.
        // /usr/bin/python3 -c "import sklearn.metrics as m; y=[1,0,0,0,1,0,0,0,0,1,0,0,0,0,0,1,0,0,0,0]; p=[0.9,0.8,0.8,0.1,0.8,0.3,0.3,0.2,0.55,0.5,0.5,0.05,0.7,0.3,0.1,0.3,0.0,1.0,0.45,0.6]; pr,rc,h=m.precision_recall_curve(y,p); print(list(zip(rc.tolist(),pr.tolist(),h.tolist()+[None])))"
        (double, double, double)[] expected =
        [
            (1.0, 0.2, 0.0), (1.0, 0.21052631578947367, 0.05), (1.0, 0.2222222222222222, 0.1), (1.0, 0.25, 0.2),
            (1.0, 0.26666666666666666, 0.3), (0.75, 0.2727272727272727, 0.45), (0.75, 0.3, 0.5), (0.5, 0.25, 0.55),
            (0.5, 0.2857142857142857, 0.6), (0.5, 0.3333333333333333, 0.7), (0.5, 0.4, 0.8), (0.25, 0.5, 0.9),
            (0.0, 0.0, 1.0), (0.0, 1.0, 2.0),
        ];

        var curve = Curves.PrecisionRecall(Actual, Score);

        Assert.Equal(expected.Length, curve.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Close.Equal(expected[i].Item1, curve[i].Recall, $"recall[{i}]");
            Close.Equal(expected[i].Item2, curve[i].Precision, $"precision[{i}]");
            Close.Equal(expected[i].Item3, curve[i].Threshold, $"threshold[{i}]");
        }
    }

    [Fact]
    public void Roc_runs_from_the_origin_to_the_corner_never_going_back()
    {
        var roc = Curves.Roc(Actual, Score);

        Assert.Equal((0.0, 0.0), (roc[0].FalsePositiveRate, roc[0].TruePositiveRate));
        Assert.Equal((1.0, 1.0), (roc[^1].FalsePositiveRate, roc[^1].TruePositiveRate));
        Assert.Equal(Score.Min(), roc[^1].Threshold);
        for (var i = 1; i < roc.Count; i++)
        {
            Assert.True(roc[i].FalsePositiveRate >= roc[i - 1].FalsePositiveRate);
            Assert.True(roc[i].TruePositiveRate >= roc[i - 1].TruePositiveRate);
            Assert.True(roc[i].Threshold < roc[i - 1].Threshold);
        }
    }

    [Fact]
    public void Precision_recall_ends_at_zero_recall_and_full_precision()
    {
        var curve = Curves.PrecisionRecall(Actual, Score);

        Assert.Equal(1.0, curve[0].Recall);
        Assert.Equal((0.0, 1.0), (curve[^1].Recall, curve[^1].Precision));
        for (var i = 1; i < curve.Count; i++)
        {
            Assert.True(curve[i].Recall <= curve[i - 1].Recall);
            Assert.True(curve[i].Threshold > curve[i - 1].Threshold);
        }
    }

    [Fact]
    public void The_trapezoid_under_the_roc_curve_is_roc_auc_and_the_steps_under_pr_are_pr_auc()
    {
        var roc = Curves.Roc(Actual, Score);
        var pr = Curves.PrecisionRecall(Actual, Score);
        var metrics = Metrics.Binary(Actual, Score);

        var trapezoid = 0.0;
        for (var i = 1; i < roc.Count; i++)
            trapezoid += (roc[i].FalsePositiveRate - roc[i - 1].FalsePositiveRate) * (roc[i].TruePositiveRate + roc[i - 1].TruePositiveRate) / 2;
        var steps = 0.0;
        for (var i = 0; i < pr.Count - 1; i++)
            steps += (pr[i].Recall - pr[i + 1].Recall) * pr[i].Precision;

        Close.Equal(metrics[MetricKeys.RocAuc], trapezoid);
        Close.Equal(metrics[MetricKeys.PrAuc], steps);
    }

    [Fact]
    public void Scores_need_not_be_probabilities()
    {
        var roc = Curves.Roc([true, false, true], [12.5, -3.0, 40.0]);

        Assert.Equal(41.0, roc[0].Threshold);
        Assert.Equal(4, roc.Count);
    }

    [Fact]
    public void A_missing_class_gives_the_rates_scikit_learn_gives()
    {
        // /usr/bin/python3 -c "import sklearn.metrics as m; print(m.roc_curve([1,1],[0.2,0.7],drop_intermediate=False), m.precision_recall_curve([0,0],[0.2,0.7]))"
        var onlyPositives = Curves.Roc([true, true], [0.2, 0.7]);
        Assert.All(onlyPositives, point => Assert.True(double.IsNaN(point.FalsePositiveRate)));
        Assert.Equal([0.0, 0.5, 1.0], onlyPositives.Select(point => point.TruePositiveRate));

        var onlyNegatives = Curves.PrecisionRecall([false, false], [0.2, 0.7]);
        Assert.Equal([(1.0, 0.0, 0.2), (1.0, 0.0, 0.7), (0.0, 1.0, 1.7)], onlyNegatives);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_argument_named()
    {
        Assert.Equal("actual", Assert.Throws<ArgumentException>(() => Curves.Roc([], [])).ParamName);
        Assert.Equal("score", Assert.Throws<ArgumentException>(() => Curves.PrecisionRecall([true], [0.1, 0.2])).ParamName);
        Assert.Equal("score", Assert.Throws<ArgumentException>(() => Curves.Roc([true, false], [0.1, double.NaN])).ParamName);
        Assert.Equal("score", Assert.Throws<ArgumentException>(() => Curves.Roc([true, false], [0.1, double.NegativeInfinity])).ParamName);
    }
}
