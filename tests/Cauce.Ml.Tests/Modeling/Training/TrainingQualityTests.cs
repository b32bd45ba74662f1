using Cauce.Ml.Modeling.Evaluation;
using Cauce.Ml.Tests.Modeling.XgBoost;
using Xunit.Abstractions;

namespace Cauce.Ml.Tests.Modeling.Training;

/// <summary>
/// Quality floors on the test split of the 4,000-row samples: what a working learner clears easily and a broken
/// featuriser, label mapping or score column does not (a constant scores ROC AUC 0.5 and R² ≤ 0).
/// </summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class TrainingQualityTests(TrainedSamples samples, ITestOutputHelper output)
{
    private const double ClientesRocAucFloor = 0.78;
    private const double VentasR2Floor = 0.25;

    private void ClientesClearsTheFloor(string algo)
    {
        var outcome = samples.Trained(TrainedSamples.Clientes, algo);
        var auc = outcome.Metrics[MetricKeys.RocAuc];
        output.WriteLine($"clientes {algo}: roc_auc {auc:0.0000}, accuracy {outcome.Metrics[MetricKeys.Accuracy]:0.0000}, log_loss {outcome.Metrics[MetricKeys.LogLoss]:0.0000}");

        Assert.Equal(MetricKeys.Binary, outcome.Metrics.Keys);
        Assert.True(auc >= ClientesRocAucFloor, $"clientes {algo}: test ROC AUC {auc:0.0000} < {ClientesRocAucFloor}");
        Assert.All(outcome.Metrics, m => Assert.False(double.IsNaN(m.Value), $"{m.Key} is NaN"));
    }

    private void VentasClearsTheFloor(string algo)
    {
        var outcome = samples.Trained(TrainedSamples.Ventas, algo);
        var r2 = outcome.Metrics[MetricKeys.R2];
        output.WriteLine($"ventas {algo}: r2 {r2:0.0000}, rmse {outcome.Metrics[MetricKeys.Rmse]:0.000}, mae {outcome.Metrics[MetricKeys.Mae]:0.000}");

        Assert.Equal(MetricKeys.Regression, outcome.Metrics.Keys);
        Assert.True(r2 >= VentasR2Floor, $"ventas {algo}: test R² {r2:0.0000} < {VentasR2Floor}");
    }

    [Theory]
    [InlineData("rf")]
    [InlineData("lgbm")]
    [InlineData("gbt")]
    [InlineData("lr")]
    public void Clientes_test_roc_auc_is_at_least_0_78(string algo) => ClientesClearsTheFloor(algo);

    [XgboostFact]
    public void Clientes_test_roc_auc_is_at_least_0_78_with_xgb() => ClientesClearsTheFloor("xgb");

    [Theory]
    [InlineData("gbt")]
    [InlineData("lgbm")]
    [InlineData("rf")]
    public void Ventas_test_r2_is_at_least_0_25(string algo) => VentasClearsTheFloor(algo);

    [XgboostFact]
    public void Ventas_test_r2_is_at_least_0_25_with_xgb() => VentasClearsTheFloor("xgb");

    [Fact]
    public void A_constant_scores_roc_auc_0_5_and_r2_at_most_0_on_the_same_test_splits()
    {
        // What the floors are measured against: the same metric code, on the same labels, given no information.
        var clientes = samples.Trained(TrainedSamples.Clientes, "lr").Model;
        var labels = clientes.Actual(clientes.Read(samples.Test(TrainedSamples.Clientes), withTarget: true));
        var constant = Metrics.Binary([.. labels.Select(l => l == 1)], [.. labels.Select(_ => 0.3)]);
        Assert.Equal(0.5, constant[MetricKeys.RocAuc], 12);

        var ventas = samples.Trained(TrainedSamples.Ventas, "gbt").Model;
        var values = ventas.Actual(ventas.Read(samples.Test(TrainedSamples.Ventas), withTarget: true));
        var trainValues = ventas.Actual(ventas.Read(samples.Train(TrainedSamples.Ventas), withTarget: true));
        var mean = trainValues.Average();
        Assert.True(Metrics.Regression(values, [.. values.Select(_ => mean)])[MetricKeys.R2] <= 0.0001);
    }

    [Theory]
    [InlineData("lr")]
    [InlineData("lgbm")]
    [InlineData("rf")]
    public void A_multiclass_target_trains_and_beats_a_third_macro_accuracy(string algo) => MulticlassWorks(algo);

    [XgboostFact]
    public void A_multiclass_target_trains_and_beats_a_third_macro_accuracy_with_xgb() => MulticlassWorks("xgb");

    private void MulticlassWorks(string algo)
    {
        var outcome = samples.Trained(TrainedSamples.Clientes, algo, TrainedSamples.MulticlassTarget);
        var scores = samples.ScoreTest(outcome.Model, TrainedSamples.Clientes);
        output.WriteLine($"clientes → {TrainedSamples.MulticlassTarget}, {algo}: {string.Join(", ", outcome.Metrics.Select(m => $"{m.Key} {m.Value:0.0000}"))}");

        Assert.Equal(PredictionTask.Multiclass, outcome.Model.Schema.Task);
        Assert.Equal(["Anual", "Bianual", "Mensual"], outcome.Model.Schema.Labels);
        Assert.DoesNotContain(outcome.Model.Schema.Features, f => f.Name == TrainedSamples.MulticlassTarget);
        Assert.Contains(outcome.Model.Schema.Features, f => f.Name == "abandono");
        Assert.Equal(MetricKeys.Multiclass, outcome.Metrics.Keys);
        Assert.True(outcome.Metrics[MetricKeys.MacroAccuracy] > 1.0 / 3, $"macro_accuracy {outcome.Metrics[MetricKeys.MacroAccuracy]}");
        Assert.True(outcome.Metrics[MetricKeys.MicroAccuracy] > 1.0 / 3, $"micro_accuracy {outcome.Metrics[MetricKeys.MicroAccuracy]}");
        Assert.True(double.IsFinite(outcome.Metrics[MetricKeys.LogLoss]));

        Assert.Equal(3, scores.Classes);
        Assert.Equal(scores.Rows * 3, scores.Values.Length);
        for (var row = 0; row < scores.Rows; row++)
            Assert.Equal(1.0, scores.Values.AsSpan(row * 3, 3).ToArray().Sum(), 4);
    }
}
