using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Ml.Inference;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Features;
using Cauce.Ml.Tests.Data.Csv;
using Cauce.Ml.Tests.Modeling.Training;
using Cauce.Ml.Tests.Modeling.XgBoost;
using Microsoft.ML;

namespace Cauce.Ml.Tests.Inference;

/// <summary>What cannot be exported says so plainly, and leaves nothing in models/ behind.</summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class OnnxExportRefusalTests(TrainedSamples samples) : IDisposable
{
    private readonly SampleProject _project = samples.NewProject();

    public void Dispose() => _project.Dispose();

    private string[] ModelFiles => CsvFiles.FilesUnder(_project.Folder.Path("models"));

    [XgboostFact]
    public void An_xgb_model_is_refused_naming_the_algorithms_that_export_and_leaves_no_file()
    {
        var card = _project.Run(_project.Job(TrainedSamples.Clientes, ["xgb"])).Single();

        var error = Assert.Throws<OnnxExportException>(() => OnnxExport.Export(_project.Store, ModelFileName.Parse(card.Name + ".zip")));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Equal("xgb", error.Algo);
        Assert.StartsWith("xgb_clientes_v1 cannot be exported to ONNX: xgb models are scored by XGBoost's own library", error.Message, StringComparison.Ordinal);
        Assert.Contains("rf, lgbm, gbt, lr, linreg, svm", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(ModelFiles, f => f.EndsWith(".onnx", StringComparison.Ordinal) || f.StartsWith(Core.IO.AtomicFile.TempPrefix, StringComparison.Ordinal));
    }

    [XgboostFact]
    public void A_model_holding_an_xgboost_booster_is_refused_whatever_algorithm_it_is_called()
    {
        var model = samples.Trained(TrainedSamples.Clientes, "xgb").Model;

        var error = Assert.Throws<OnnxExportException>(() => OnnxExport.ToOnnx(model, "rf", "rf_clientes_v1"));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
    }

    [Fact]
    public void A_model_that_does_not_exist_is_an_error_and_leaves_no_file()
    {
        var error = Assert.Throws<DataFileException>(() => OnnxExport.Export(_project.Store, ModelFileName.Parse("rf_clientes_v9.zip")));

        Assert.Equal(ExitCode.Failure, error.ExitCode);
        Assert.Contains("models/rf_clientes_v9.json", error.Message, StringComparison.Ordinal);
        Assert.Empty(ModelFiles);
    }

    [Fact]
    public void A_zip_that_is_not_a_model_is_an_error_and_leaves_no_file()
    {
        var card = _project.Run(_project.Job(TrainedSamples.Clientes, ["lr"])).Single();
        File.WriteAllText(_project.Folder.Path("models/lr_clientes_v1.zip"), "not a zip");

        var error = Assert.Throws<DataFileException>(() => OnnxExport.Export(_project.Store, ModelFileName.Parse(card.Name + ".zip")));

        Assert.Equal(ExitCode.Failure, error.ExitCode);
        Assert.StartsWith("models/lr_clientes_v1.zip: is not a model Cauce can load", error.Message, StringComparison.Ordinal);
        Assert.Equal(["lr_clientes_v1.json", "lr_clientes_v1.zip"], ModelFiles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_model_the_converter_refuses_is_refused_naming_its_algorithm()
    {
        var schema = samples.Schema(TrainedSamples.Clientes);
        var ml = new MLContext(TrainedSamples.Seed);
        var data = ModelDataOf(ml, schema);
        // A transformer ML.NET cannot write as ONNX: a custom mapping is arbitrary .NET code.
        var custom = ml.Transforms.CustomMapping<AgeRow, ScoreRow>((row, score) => score.Score = row.Edad, contractName: null).Fit(data);
        using var model = new TrainedModel(ml, schema with { Task = PredictionTask.Regression, Labels = [] }, custom, data.Schema);

        var error = Assert.Throws<OnnxExportException>(() => OnnxExport.ToOnnx(model, "linreg", "linreg_clientes_v1"));

        Assert.Equal(ExitCode.Failure, error.ExitCode);
        Assert.Equal("linreg", error.Algo);
        Assert.StartsWith("linreg_clientes_v1 cannot be exported to ONNX: the converter does not support this linreg model", error.Message, StringComparison.Ordinal);
    }

    private IDataView ModelDataOf(MLContext ml, ModelSchema schema) =>
        ModelRows.Read(samples.Test(TrainedSamples.Clientes), schema, withTarget: false);

    private sealed class AgeRow
    {
        [Microsoft.ML.Data.ColumnName("edad")]
        public float Edad { get; set; }
    }

    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }
}
