using Cauce.Ml.Modeling.Evaluation;

namespace Cauce.Ml.Tests.Modeling.Evaluation;

public sealed class MainMetricTests
{
    [Theory]
    [InlineData("binary", "roc_auc")]
    [InlineData("multiclass", "macro_accuracy")]
    [InlineData("regression", "r2")]
    public void Each_task_is_ranked_by_a_metric_where_higher_is_better(string task, string key)
    {
        Assert.Equal((key, true), Metrics.MainMetric(task));
        Assert.True(MetricKeys.HigherIsBetter(key));
    }

    [Fact]
    public void The_main_metric_is_one_the_task_computes()
    {
        Assert.Contains(Metrics.MainMetric("binary").Key, MetricKeys.Binary);
        Assert.Contains(Metrics.MainMetric("multiclass").Key, MetricKeys.Multiclass);
        Assert.Contains(Metrics.MainMetric("regression").Key, MetricKeys.Regression);
    }

    [Theory]
    [InlineData("Binary")]
    [InlineData("clustering")]
    [InlineData("")]
    public void An_unknown_task_is_refused(string task)
    {
        Assert.ThrowsAny<ArgumentException>(() => Metrics.MainMetric(task));
    }

    [Fact]
    public void Losses_and_errors_are_lower_is_better()
    {
        Assert.All(new[] { "log_loss", "rmse", "mae", "mape" }, key => Assert.False(MetricKeys.HigherIsBetter(key)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricKeys.HigherIsBetter("auc"));
    }
}
