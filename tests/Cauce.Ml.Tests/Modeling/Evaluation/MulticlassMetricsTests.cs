using Cauce.Ml.Modeling.Evaluation;

namespace Cauce.Ml.Tests.Modeling.Evaluation;

public sealed class MulticlassMetricsTests
{
    // Three classes; class 2 is never predicted. Row 5 ties 0 and 1 (argmax takes 0), rows 3 and 6 give the actual
    // class probability 0 (clipped), and row 9 sums to 1.05 (renormalised).
    private static readonly int[] Actual = [0, 1, 2, 2, 1, 0, 2, 1, 0, 0];

    private static readonly double[] Probabilities =
    [
        0.7, 0.2, 0.1,
        0.1, 0.8, 0.1,
        0.3, 0.4, 0.3,
        0.6, 0.4, 0.0,
        0.2, 0.5, 0.3,
        0.4, 0.4, 0.2,
        0.0, 0.6, 0.4,
        0.9, 0.1, 0.0,
        0.6, 0.4, 0.0,
        0.5, 0.3, 0.25,
    ];

    [Fact]
    public void Three_classes_one_never_predicted_match_scikit_learn()
    {
        // /usr/bin/python3 -c "import numpy as np, sklearn.metrics as m; y=[0,1,2,2,1,0,2,1,0,0]; P=np.array([[0.7,0.2,0.1],[0.1,0.8,0.1],[0.3,0.4,0.3],[0.6,0.4,0.0],[0.2,0.5,0.3],[0.4,0.4,0.2],[0.0,0.6,0.4],[0.9,0.1,0.0],[0.6,0.4,0.0],[0.5,0.3,0.25]]); d=P.argmax(1); print(*map(repr, map(float, [m.balanced_accuracy_score(y,d), m.accuracy_score(y,d), m.log_loss(y,P,eps=1e-15,labels=[0,1,2])])))"
        double[] expected = [0.5555555555555555, 0.6, 4.240364440028723];

        Close.Metrics(MetricKeys.Multiclass, expected, Metrics.Multiclass(Actual, Probabilities, 3));
    }

    [Fact]
    public void Macro_accuracy_averages_only_the_classes_that_occur()
    {
        // Class 3 never occurs but is predicted twice: it is left out of the mean, as balanced_accuracy_score does.
        // /usr/bin/python3 -c "import numpy as np, sklearn.metrics as m; y=[0,1,2,0,1,2]; P=np.array([[0.5,0.1,0.1,0.3],[0.1,0.2,0.1,0.6],[0.1,0.1,0.7,0.1],[0.25,0.25,0.25,0.25],[0.2,0.6,0.1,0.1],[0.1,0.1,0.2,0.6]]); d=P.argmax(1); print(*map(repr, map(float, [m.balanced_accuracy_score(y,d), m.accuracy_score(y,d), m.log_loss(y,P,eps=1e-15,labels=[0,1,2,3])])))"
        double[] expected = [0.6666666666666666, 0.6666666666666666, 1.0276363223754599];
        double[] probabilities =
        [
            0.5, 0.1, 0.1, 0.3,
            0.1, 0.2, 0.1, 0.6,
            0.1, 0.1, 0.7, 0.1,
            0.25, 0.25, 0.25, 0.25,
            0.2, 0.6, 0.1, 0.1,
            0.1, 0.1, 0.2, 0.6,
        ];

        Close.Metrics(MetricKeys.Multiclass, expected, Metrics.Multiclass([0, 1, 2, 0, 1, 2], probabilities, 4));
    }

    [Fact]
    public void Predicted_classes_take_the_lowest_class_on_a_tie()
    {
        Assert.Equal([0, 1, 1, 0, 1, 0, 1, 0, 0, 0], Metrics.PredictedClasses(Probabilities, 3));
    }

    [Fact]
    public void Bad_input_is_refused_with_the_argument_named()
    {
        Assert.Equal("classes", Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.Multiclass([0], [1.0], 1)).ParamName);
        Assert.Equal("actual", Assert.Throws<ArgumentException>(() => Metrics.Multiclass([], [], 3)).ParamName);
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => Metrics.Multiclass([0, 1], [0.5, 0.5, 0.5], 2)).ParamName);
        var outOfRange = Assert.Throws<ArgumentException>(() => Metrics.Multiclass([0, 2], [0.5, 0.5, 0.5, 0.5], 2));
        Assert.Equal("actual", outOfRange.ParamName);
        Assert.Contains("actual[1] is 2", outOfRange.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Metrics.Multiclass([0, -1], [0.5, 0.5, 0.5, 0.5], 2));
        Assert.Throws<ArgumentException>(() => Metrics.Multiclass([0, 1], [0.5, 0.5, double.NaN, 0.5], 2));
        Assert.Throws<ArgumentException>(() => Metrics.PredictedClasses([0.5, 0.5, 0.5], 2));
    }
}
