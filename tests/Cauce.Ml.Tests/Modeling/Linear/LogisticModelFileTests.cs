using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Linear;
using Cauce.Ml.Modeling.Training;
using Cauce.Ml.Tests.Modeling.Training;

namespace Cauce.Ml.Tests.Modeling.Linear;

/// <summary>An lr model on disk: its feature encoding and cauce/logistic.json, read back exactly or refused saying what is wrong.</summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class LogisticModelFileTests(TrainedSamples samples) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_lr_zip_is_its_feature_encoding_and_its_logistic_regression_and_nothing_of_mlnet()
    {
        using var zip = ZipFile.OpenRead(Saved(TrainedSamples.Clientes));

        Assert.Equal([FeatureEncoding.Entry, LogisticModel.FileEntry], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2000, 1, 1), e.LastWriteTime.DateTime));
        using var reader = new StreamReader(zip.GetEntry(LogisticModel.FileEntry)!.Open());
        var json = JsonNode.Parse(reader.ReadToEnd())!;
        Assert.Equal("cauce-logistic/1", (string?)json["format"]);
        Assert.Equal(2, (int)json["classes"]!);
        Assert.Single(json["coefficients"]!.AsArray());
    }

    [Fact]
    public void A_logistic_regression_read_back_from_its_json_is_the_same_model()
    {
        var model = Logistic(TrainedSamples.Clientes);
        var matrix = new float[3 * model.Columns];
        for (var i = 0; i < matrix.Length; i++)
            matrix[i] = (i % 7) - 2;

        var loaded = LogisticModel.Load(model.Save(), samples.Schema(TrainedSamples.Clientes), model.Columns);

        Assert.Equal(model.Save(), loaded.Save());
        var (before, after) = (new double[3], new double[3]);
        model.Predict(matrix, 3, before);
        loaded.Predict(matrix, 3, after);
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("task", "its \"task\" is not the model card's, binary")]
    [InlineData("format", "its \"format\" is not cauce-logistic/1")]
    [InlineData("columns", "it reads 3 columns, the feature encoding makes")]
    [InlineData("classes", "it has 3 classes, the model card 2")]
    [InlineData("std", "its \"std\" holds 0, where every one must be above 0")]
    [InlineData("coefficient", "its \"coefficients[0]\" holds \"x\", which is not a finite float")]
    [InlineData("short", "numbers, ")]
    [InlineData("outputs", "its \"coefficients\" are not 1 list (one per output)")]
    [InlineData("intercepts", "it has no \"intercepts\" list")]
    [InlineData("json", "it is not JSON")]
    public void A_logistic_regression_that_does_not_fit_the_model_is_refused_saying_what_is_wrong(string change, string expected)
    {
        var model = Logistic(TrainedSamples.Clientes);
        var json = JsonNode.Parse(model.Save())!.AsObject();
        switch (change)
        {
            case "task": json["task"] = "multiclass"; break;
            case "format": json["format"] = "cauce-logistic/9"; break;
            case "columns": json["columns"] = 3; break;
            case "classes": json["classes"] = 3; break;
            case "std": json["std"]![0] = 0; break;
            case "coefficient": json["coefficients"]![0]![0] = "x"; break;
            case "short": json["mean"]!.AsArray().RemoveAt(0); break;
            case "outputs": json["coefficients"]!.AsArray().Add(json["coefficients"]![0]!.DeepClone()); break;
            case "intercepts": json.Remove("intercepts"); break;
        }

        var bytes = change == "json" ? Encoding.UTF8.GetBytes("{\"format\": ") : Encoding.UTF8.GetBytes(json.ToJsonString());
        var error = Assert.Throws<InvalidDataException>(() => LogisticModel.Load(bytes, samples.Schema(TrainedSamples.Clientes), model.Columns));

        Assert.StartsWith("cauce/logistic.json is not a logistic regression: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private LogisticModel Logistic(string dataset) => Assert.IsType<LogisticModel>(samples.Trained(dataset, "lr").Model.Predictor);

    private string Saved(string dataset) => samples.SaveTo(_folder, dataset, "lr");
}
