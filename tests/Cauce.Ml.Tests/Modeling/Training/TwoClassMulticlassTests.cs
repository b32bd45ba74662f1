using Cauce.Ml.Inference;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Catalog;
using Cauce.Ml.Modeling.Training;
using Cauce.Ml.Tests.Inference;

namespace Cauce.Ml.Tests.Modeling.Training;

/// <summary>
/// A multiclass task whose target has two labels (<c>task: multiclass</c> on a yes/no column) gets a probability per
/// class, as any multiclass model: two values a row, summing to one, in training, scoring, serving and ONNX alike.
/// </summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class TwoClassMulticlassTests(TrainedSamples samples)
{
    [Theory]
    [InlineData("lr")]
    [InlineData("rf")]
    [InlineData("lgbm")]
    [InlineData("gbt")]
    public void A_two_label_multiclass_model_scores_two_probabilities_a_row_as_good_as_the_binary_one(string algo)
    {
        var config = samples.Config(TrainedSamples.Clientes);
        var schema = ModelTrainer.Inspect(samples.Train(TrainedSamples.Clientes), config.Target!, PredictionTask.Multiclass, config.DeclaredTypes);
        Assert.Equal(2, schema.Labels.Count);

        var outcome = ModelTrainer.Train(new TrainRequest(schema, AlgorithmCatalog.For(algo, schema.Task), samples.Train(TrainedSamples.Clientes), samples.Test(TrainedSamples.Clientes), new Dictionary<string, double>(), TrainedSamples.Seed));
        using var model = outcome.Model;

        var test = model.Read(samples.Test(TrainedSamples.Clientes), withTarget: false);
        var scores = model.Score(test);
        Assert.Equal((scores.Rows, 2), (scores.Values.Length / 2, scores.Classes));
        for (var i = 0; i < scores.Rows; i++)
            Assert.Equal(1, scores.Values[2 * i] + scores.Values[(2 * i) + 1], 1e-5);
        var binary = samples.Trained(TrainedSamples.Clientes, algo).Metrics["accuracy"];
        Assert.InRange(outcome.Metrics["micro_accuracy"], binary - 0.02, 1);

        var engine = new ScoringEngine(model, new FeatureBatch(model.Schema, 64));
        Assert.Equal(2, engine.Width);
        var onnx = OnnxScoring.Run(OnnxExport.ToOnnx(model, algo, $"{algo}_clientes_v1"), schema.Features.Select(f => f.Name), test);
        Assert.Equal(scores.Values.Length, onnx.Length);
        Assert.All(scores.Values.Zip(onnx), p => Assert.Equal(p.First, p.Second, 1e-5));
    }
}
