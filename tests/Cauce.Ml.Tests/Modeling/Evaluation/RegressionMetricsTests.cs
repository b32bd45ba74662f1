using Cauce.Ml.Modeling.Evaluation;

namespace Cauce.Ml.Tests.Modeling.Evaluation;

public sealed class RegressionMetricsTests
{
    [Fact]
    public void Errors_and_r2_match_scikit_learn_and_mape_skips_the_zero_target()
    {
        // mape is scikit-learn's mean_absolute_percentage_error over the rows where y != 0; over all rows it would be
        // 168884986026393.8 here, from the single zero.
        // /usr/bin/python3 -c "import numpy as np, sklearn.metrics as m; y=np.array([3.0,-0.5,2.0,7.0,0.0,1.5,4.25,-2.0]); f=np.array([2.5,0.0,2.0,8.0,0.3,1.0,4.0,-1.5]); k=y!=0; print(*map(repr, map(float, [m.mean_squared_error(y,f,squared=False), m.mean_absolute_error(y,f), m.r2_score(y,f), m.mean_absolute_percentage_error(y[k],f[k])])))"
        double[] expected = [0.5187123480311607, 0.44375, 0.9625601304525071, 0.27881152460984393];

        var metrics = Metrics.Regression([3.0, -0.5, 2.0, 7.0, 0.0, 1.5, 4.25, -2.0], [2.5, 0.0, 2.0, 8.0, 0.3, 1.0, 4.0, -1.5]);

        Close.Metrics(MetricKeys.Regression, expected, metrics);
    }

    [Fact]
    public void R2_of_a_constant_target_is_one_when_perfect_and_zero_otherwise()
    {
        // /usr/bin/python3 -c "import sklearn.metrics as m; print(m.r2_score([2.0,2.0,2.0],[2.0,2.0,2.0]), m.r2_score([2.0,2.0,2.0],[2.0,2.0,3.0]))"
        Assert.Equal(1.0, Metrics.Regression([2.0, 2.0, 2.0], [2.0, 2.0, 2.0])[MetricKeys.R2]);
        Assert.Equal(0.0, Metrics.Regression([2.0, 2.0, 2.0], [2.0, 2.0, 3.0])[MetricKeys.R2]);
    }

    [Fact]
    public void R2_of_a_single_row_is_NaN()
    {
        // /usr/bin/python3 -c "import sklearn.metrics as m; print(m.r2_score([2.0],[3.0]))"
        var metrics = Metrics.Regression([2.0], [3.0]);

        Assert.True(double.IsNaN(metrics[MetricKeys.R2]));
        Assert.Equal(1.0, metrics[MetricKeys.Rmse]);
        Assert.Equal(0.5, metrics[MetricKeys.Mape]);
    }

    [Fact]
    public void Mape_is_NaN_when_every_target_is_zero()
    {
        var metrics = Metrics.Regression([0.0, 0.0], [1.0, -1.0]);

        Assert.True(double.IsNaN(metrics[MetricKeys.Mape]));
        Assert.Equal(1.0, metrics[MetricKeys.Mae]);
    }

    [Fact]
    public void R2_stays_accurate_far_from_zero()
    {
        // Σy² − n·ȳ² would cancel to noise here; the two-pass sum around the mean does not.
        // /usr/bin/python3 -c "import sklearn.metrics as m; print(repr(m.r2_score([1e9+1,1e9+2,1e9+3,1e9+4],[1e9+1.5,1e9+2,1e9+3,1e9+3.5])))"
        var metrics = Metrics.Regression([1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4], [1e9 + 1.5, 1e9 + 2, 1e9 + 3, 1e9 + 3.5]);

        Close.Equal(0.9, metrics[MetricKeys.R2]);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_argument_named()
    {
        Assert.Equal("actual", Assert.Throws<ArgumentException>(() => Metrics.Regression([], [])).ParamName);
        Assert.Equal("predicted", Assert.Throws<ArgumentException>(() => Metrics.Regression([1.0, 2.0], [1.0])).ParamName);
        Assert.Equal("predicted", Assert.Throws<ArgumentException>(() => Metrics.Regression([1.0, 2.0], [1.0, double.PositiveInfinity])).ParamName);
        Assert.Equal("actual", Assert.Throws<ArgumentException>(() => Metrics.Regression([double.NaN, 2.0], [1.0, 2.0])).ParamName);
    }
}
