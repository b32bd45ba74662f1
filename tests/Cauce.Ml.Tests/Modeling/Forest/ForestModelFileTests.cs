using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Forest;
using Cauce.Ml.Modeling.Training;
using Cauce.Ml.Tests.Modeling.Training;

namespace Cauce.Ml.Tests.Modeling.Forest;

/// <summary>An rf model on disk: its feature encoding and cauce/forest.json, read back exactly or refused saying what is wrong.</summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class ForestModelFileTests(TrainedSamples samples) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_rf_zip_is_its_feature_encoding_and_its_forest_and_nothing_of_mlnet()
    {
        using var zip = ZipFile.OpenRead(Saved());

        Assert.Equal([FeatureEncoding.Entry, ForestModel.FileEntry], zip.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(zip.GetEntry(ForestModel.FileEntry)!.Open());
        var json = JsonNode.Parse(reader.ReadToEnd())!;
        Assert.Equal("cauce-forest/1", (string?)json["format"]);
        Assert.Equal(100, json["trees"]!.AsArray().Count);
    }

    [Fact]
    public void A_forest_read_back_from_its_json_is_the_same_forest()
    {
        var forest = Forest();
        var matrix = Enumerable.Range(0, 5 * forest.Columns).Select(i => (float)((i % 5) - 1)).ToArray();

        var loaded = ForestModel.Load(forest.Save(), samples.Schema(TrainedSamples.Clientes), forest.Columns);

        Assert.Equal(forest.Save(), loaded.Save());
        var (before, after) = (new double[5], new double[5]);
        forest.Predict(matrix, 5, before);
        loaded.Predict(matrix, 5, after);
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData("task", "its \"task\" is not the model card's, binary")]
    [InlineData("format", "its \"format\" is not cauce-forest/1")]
    [InlineData("columns", "it reads 3 columns, the feature encoding makes")]
    [InlineData("classes", "it has 3 classes, the model card 2")]
    [InlineData("no trees", "it has no \"trees\" list, or an empty one")]
    [InlineData("column", "tree 0, node 0 tests column 9999, outside the")]
    [InlineData("cycle", "tree 0, node 0 points to 0, which is not a node after it or a leaf not reached before")]
    [InlineData("leaf twice", "tree 0, node 0 points to -1, which is not a node after it or a leaf not reached before")]
    [InlineData("values", "leaf values, where")]
    [InlineData("threshold", "tree 0's \"threshold\" holds \"NaN\", which is not a finite number")]
    [InlineData("lengths", "tree 0 has")]
    public void A_forest_that_is_not_one_is_refused_saying_what_is_wrong(string change, string expected)
    {
        var forest = Forest();
        var json = JsonNode.Parse(forest.Save())!.AsObject();
        var tree = json["trees"]![0]!;
        switch (change)
        {
            case "task": json["task"] = "regression"; break;
            case "format": json["format"] = "cauce-forest/9"; break;
            case "columns": json["columns"] = 3; break;
            case "classes": json["classes"] = 3; break;
            case "no trees": json["trees"] = new JsonArray(); break;
            case "column": tree["feature"]![0] = 9999; break;
            case "cycle": tree["left"]![0] = 0; break;
            case "leaf twice": (tree["left"]![0], tree["right"]![0]) = (-1, -1); break;
            case "values": tree["value"]!.AsArray().RemoveAt(0); break;
            case "threshold": tree["threshold"]![0] = "NaN"; break;
            case "lengths": tree["left"]!.AsArray().RemoveAt(0); break;
        }

        var error = Assert.Throws<InvalidDataException>(() => ForestModel.Load(Encoding.UTF8.GetBytes(json.ToJsonString()), samples.Schema(TrainedSamples.Clientes), forest.Columns));

        Assert.StartsWith("cauce/forest.json is not a random forest: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private ForestModel Forest() => Assert.IsType<ForestModel>(samples.Trained(TrainedSamples.Clientes, "rf").Model.Predictor);

    private string Saved() => samples.SaveTo(_folder, TrainedSamples.Clientes, "rf");
}
