using Cauce.Core.Conventions;
using Cauce.Ml.Inference;
using Cauce.Ml.Modeling;
using Cauce.Ml.Tests.Data.Csv;
using Cauce.Ml.Tests.Modeling.Training;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cauce.Ml.Tests.Inference;

/// <summary>An exported model scored by ONNX Runtime gives the scores Cauce gives, and the file says how to feed it.</summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class OnnxExportTests(TrainedSamples samples) : IDisposable
{
    private readonly SampleProject _project = samples.NewProject();

    public void Dispose() => _project.Dispose();

    [Theory]
    [MemberData(nameof(TrainedSamples.ExportableModels), MemberType = typeof(TrainedSamples))]
    public void OnnxRuntime_gives_the_scores_Cauce_gives_on_the_test_split(string dataset, string algo)
    {
        var model = samples.Trained(dataset, algo).Model;

        var onnx = OnnxExport.ToOnnx(model, algo, $"{algo}_{dataset}_v1");

        AssertSameScores(model, onnx, model.Read(samples.Test(dataset), withTarget: false));
    }

    [Theory]
    [InlineData("lr")]
    [InlineData("rf")]
    [InlineData("lgbm")]
    public void OnnxRuntime_gives_the_class_probabilities_Cauce_gives_for_a_multiclass_model(string algo)
    {
        var model = samples.Trained(TrainedSamples.Clientes, algo, TrainedSamples.MulticlassTarget).Model;

        var onnx = OnnxExport.ToOnnx(model, algo, $"{algo}_clientes_v1");

        AssertSameScores(model, onnx, model.Read(samples.Test(TrainedSamples.Clientes), withTarget: false));
    }

    [Theory]
    [InlineData("gbt")]
    [InlineData("lr")]
    [InlineData("rf")]
    [InlineData("lgbm")]
    public void Missing_numbers_and_unseen_categories_score_the_same_in_OnnxRuntime(string algo)
    {
        var model = samples.Trained(TrainedSamples.Clientes, algo).Model;
        var (header, test) = CsvFiles.ReadPlain(samples.Test(TrainedSamples.Clientes).FullPath);
        var rows = test.Take(60).Select((row, i) => row.Select((value, c) => (i % 3, model.Schema.Features.FirstOrDefault(f => f.Name == header[c])?.Type) switch
        {
            (0, "number" or "integer") => "",
            (1, "category") => "nunca-visto",
            _ => value,
        }));
        var path = CsvFiles.Write(_project.Folder, "dirty.csv", string.Join('\n', new[] { header }.Concat(rows).Select(r => string.Join(',', r))) + "\n");

        var onnx = OnnxExport.ToOnnx(model, algo, $"{algo}_clientes_v1");

        var data = model.Read(CsvFiles.Open(path), withTarget: false);
        Assert.Contains(data.GetColumn<float>("edad"), float.IsNaN);
        AssertSameScores(model, onnx, data);
    }

    [Fact]
    public void Export_writes_models_stem_onnx_whose_inputs_are_the_features_and_whose_output_is_the_probability()
    {
        var name = Train(TrainedSamples.Clientes, "lr");

        var result = OnnxExport.Export(_project.Store, name);

        Assert.Equal("models/lr_clientes_v1.onnx", result.RelativePath);
        var card = _project.Store.ReadCard(name);
        using var session = Session(File.ReadAllBytes(_project.Folder.Path(result.RelativePath)));
        Assert.Equal(card.Features.Select(f => f.Name), session.InputMetadata.Keys);
        foreach (var feature in card.Features)
        {
            var input = session.InputMetadata[feature.Name];
            Assert.Equal([-1, 1], input.Dimensions);
            Assert.Equal(feature.Type switch { "category" => typeof(string), "boolean" => typeof(bool), _ => typeof(float) }, input.ElementType);
        }

        Assert.Equal(["Probability.output"], session.OutputMetadata.Keys);
        Assert.Equal("Probability.output", result.Signature.Output.Name);
        var metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("lr_clientes_v1", metadata["cauce.model"]);
        Assert.Equal("binary", metadata["cauce.task"]);
        Assert.Equal("Probability.output", metadata["cauce.output"]);
        Assert.Contains("No label input", session.ModelMetadata.Description, StringComparison.Ordinal);
        Assert.Contains($"the probability that {card.Target} is {card.Labels[^1]}", session.ModelMetadata.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_model_exports_to_the_same_bytes()
    {
        var name = Train(TrainedSamples.Ventas, "gbt");
        var path = _project.Folder.Path("models/gbt_ventas_v1.onnx");

        OnnxExport.Export(_project.Store, name);
        var first = File.ReadAllBytes(path);
        OnnxExport.Export(_project.Store, name);

        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.Equal(first, OnnxExport.ToOnnx(samples.Trained(TrainedSamples.Ventas, "gbt").Model, "gbt", "gbt_ventas_v1"));
    }

    /// <summary>Trains <paramref name="algo"/> in the test's project as <c>cauce train</c> does: the zip and its card.</summary>
    private ModelFileName Train(string dataset, string algo)
    {
        var card = _project.Run(_project.Job(dataset, [algo])).Single();
        return ModelFileName.Parse(card.Name + ".zip");
    }

    private static void AssertSameScores(TrainedModel model, byte[] onnx, IDataView data)
    {
        var expected = model.Score(data).Values;

        var actual = OnnxScoring.Run(onnx, model.Schema.Features.Select(f => f.Name), data);

        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            // Regression values are in the units of the target: float32 holds them to about 7 significant digits.
            var tolerance = 1e-5 * (model.Schema.Task == PredictionTask.Regression ? Math.Max(1, Math.Abs(expected[i])) : 1);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"value {i}: Cauce {expected[i]:R}, ONNX Runtime {actual[i]:R}");
        }
    }

    internal static InferenceSession Session(byte[] onnx) =>
        new(onnx, new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR });
}

/// <summary>Feeds ML.NET rows to an exported model the way the docs say: each feature an [N,1] tensor of its type.</summary>
internal static class OnnxScoring
{
    public static double[] Run(byte[] onnx, IEnumerable<string> features, IDataView data)
    {
        var inputs = new List<NamedOnnxValue>();
        foreach (var name in features)
        {
            var column = data.Schema[name];
            inputs.Add(column.Type switch
            {
                BooleanDataViewType => Tensor(name, data.GetColumn<bool>(name).ToArray()),
                TextDataViewType => Tensor(name, data.GetColumn<ReadOnlyMemory<char>>(name).Select(m => m.ToString()).ToArray()),
                _ => Tensor(name, data.GetColumn<float>(name).ToArray()),
            });
        }

        using var session = OnnxExportTests.Session(onnx);
        using var results = session.Run(inputs);
        return [.. results.Single().AsTensor<float>().Select(v => (double)v)];
    }

    private static NamedOnnxValue Tensor<T>(string name, T[] values) =>
        NamedOnnxValue.CreateFromTensor(name, new DenseTensor<T>(values, [values.Length, 1]));
}
