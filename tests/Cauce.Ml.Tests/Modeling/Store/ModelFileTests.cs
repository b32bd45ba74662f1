using System.IO.Compression;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Training;
using Cauce.Ml.Tests.Modeling.Training;
using Cauce.Ml.Tests.Modeling.XgBoost;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Tests.Modeling.Store;

/// <summary>The model zip: what <see cref="TrainedModel.Save"/> writes scores exactly as the model in memory did, and ML.NET reads an ML.NET model's as its own.</summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class ModelFileTests(TrainedSamples samples) : IDisposable
{
    private const string BoosterEntry = "cauce/xgboost.json";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Saved(string dataset, string algo, string? target = null) => samples.SaveTo(_folder, dataset, algo, target);

    private void SaveThenLoadScoresTheSame(string dataset, string algo, string? target = null)
    {
        var trained = samples.Trained(dataset, algo, target).Model;
        var path = Saved(dataset, algo, target);

        using var loaded = TrainedModel.Load(path, trained.Schema, TrainedSamples.Seed);

        var before = samples.ScoreTest(trained, dataset);
        var after = samples.ScoreTest(loaded, dataset);
        Assert.Equal(before.Task, after.Task);
        Assert.Equal(before.Rows, after.Rows);
        Assert.Equal(before.Classes, after.Classes);
        Assert.Equal(before.Values, after.Values);
        Assert.Equal(
            ModelTrainer.Evaluate(trained, trained.Read(samples.Test(dataset), withTarget: true)),
            ModelTrainer.Evaluate(loaded, loaded.Read(samples.Test(dataset), withTarget: true)));
    }

    [Theory]
    [MemberData(nameof(TrainedSamples.ExportableModels), MemberType = typeof(TrainedSamples))]
    public void Save_then_load_gives_identical_scores(string dataset, string algo) => SaveThenLoadScoresTheSame(dataset, algo);

    [Theory]
    [InlineData("lr")]
    [InlineData("rf")]
    [InlineData("gbt")]
    public void Save_then_load_gives_identical_scores_for_a_multiclass_model(string algo) =>
        SaveThenLoadScoresTheSame(TrainedSamples.Clientes, algo, TrainedSamples.MulticlassTarget);

    [XgboostFact]
    public void Save_then_load_gives_identical_scores_with_xgb()
    {
        SaveThenLoadScoresTheSame(TrainedSamples.Clientes, "xgb");
        SaveThenLoadScoresTheSame(TrainedSamples.Ventas, "xgb");
        SaveThenLoadScoresTheSame(TrainedSamples.Clientes, "xgb", TrainedSamples.MulticlassTarget);
    }

    [XgboostFact]
    public void An_xgb_zip_holds_the_booster_as_xgboost_json()
    {
        using var zip = ZipFile.OpenRead(Saved(TrainedSamples.Clientes, "xgb"));

        var entry = zip.GetEntry(BoosterEntry);
        Assert.NotNull(entry);
        using var reader = new StreamReader(entry.Open());
        var json = System.Text.Json.Nodes.JsonNode.Parse(reader.ReadToEnd())!;
        Assert.NotNull(json["learner"]);
        Assert.Equal("binary:logistic", (string?)json["learner"]!["objective"]!["name"]);
    }

    [XgboostFact]
    public void An_xgb_zip_is_its_feature_encoding_and_its_booster_and_nothing_of_mlnet()
    {
        using var zip = ZipFile.OpenRead(Saved(TrainedSamples.Clientes, "xgb"));

        Assert.Equal([FeatureEncoding.Entry, BoosterEntry], zip.Entries.Select(e => e.FullName));
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2000, 1, 1), e.LastWriteTime.DateTime));
    }

    [XgboostFact]
    public void An_xgb_zip_without_its_feature_encoding_is_refused_saying_to_train_it_again()
    {
        var path = Saved(TrainedSamples.Clientes, "xgb");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
            zip.GetEntry(FeatureEncoding.Entry)!.Delete();
        var schema = samples.Trained(TrainedSamples.Clientes, "xgb").Model.Schema;

        var error = Assert.Throws<InvalidDataException>(() => TrainedModel.Load(path, schema, TrainedSamples.Seed));

        Assert.Contains("an xgb model without cauce/features.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lr", "cauce/logistic.json without cauce/features.json")]
    [InlineData("rf", "cauce/forest.json without cauce/features.json")]
    [InlineData("lgbm", "cauce/lightgbm.txt without cauce/features.json")]
    public void A_zip_of_cauces_own_learner_without_its_feature_encoding_is_refused_naming_the_missing_entry(string algo, string expected)
    {
        var path = Saved(TrainedSamples.Clientes, algo);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
            zip.GetEntry(FeatureEncoding.Entry)!.Delete();

        var error = Assert.Throws<InvalidDataException>(() => TrainedModel.Load(path, samples.Schema(TrainedSamples.Clientes), TrainedSamples.Seed));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lr")]
    [InlineData("lgbm")]
    public void A_zip_of_mlnets_learner_written_before_cauce_fitted_the_algorithm_itself_still_loads_and_scores(string algo)
    {
        // What an lr or lgbm model was before decisions 0010 and 0012: ML.NET's featuriser and ML.NET's learner.
        var schema = samples.Schema(TrainedSamples.Clientes);
        var ml = new MLContext(TrainedSamples.Seed);
        var rows = Cauce.Ml.Modeling.Features.ModelRows.Read(samples.Train(TrainedSamples.Clientes), schema, withTarget: true);
        var featurizer = MlNetEstimators.Featurizer(ml, schema).Fit(rows);
        var featurized = featurizer.Transform(rows);
        ITransformer learner = algo == "lr"
            ? ml.BinaryClassification.Trainers.LbfgsLogisticRegression(Cauce.Ml.Modeling.Features.ModelSchema.Label, MlNetEstimators.FeaturesColumn).Fit(featurized)
            : ml.BinaryClassification.Trainers.LightGbm(Cauce.Ml.Modeling.Features.ModelSchema.Label, MlNetEstimators.FeaturesColumn, numberOfIterations: 10).Fit(featurized);
        using var old = new TrainedModel(ml, schema, new TransformerChain<ITransformer>(featurizer, learner), rows.Schema);
        var path = _folder.Path($"models/{algo}_clientes_v1.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        old.Save(path);

        using var loaded = TrainedModel.Load(path, schema, TrainedSamples.Seed);

        Assert.Null(loaded.Predictor);
        Assert.Equal(samples.ScoreTest(old, TrainedSamples.Clientes).Values, samples.ScoreTest(loaded, TrainedSamples.Clientes).Values);
        Assert.InRange(ModelTrainer.Evaluate(loaded, loaded.Read(samples.Test(TrainedSamples.Clientes), withTarget: true))["roc_auc"], 0.75, 1);
    }

    [Fact]
    public void An_ml_net_zip_has_no_booster_and_fixed_entry_times()
    {
        using var zip = ZipFile.OpenRead(Saved(TrainedSamples.Clientes, "gbt"));

        Assert.Null(zip.GetEntry(BoosterEntry));
        Assert.All(zip.Entries, e => Assert.Equal(new DateTime(2000, 1, 1), e.LastWriteTime.DateTime));
    }

    [Theory]
    [InlineData("gbt")]
    [InlineData("svm")]
    public void Ml_net_loads_a_binary_zip_directly_and_gives_the_same_probabilities(string algo)
    {
        var trained = samples.Trained(TrainedSamples.Clientes, algo).Model;
        var path = Saved(TrainedSamples.Clientes, algo);

        var ml = new MLContext(seed: 1);
        var transformer = ml.Model.Load(path, out var inputSchema);

        Assert.All(trained.Schema.Features, f => Assert.NotNull(inputSchema.GetColumnOrNull(f.Name)));
        var scored = transformer.Transform(trained.Read(samples.Test(TrainedSamples.Clientes), withTarget: false));
        var probabilities = scored.GetColumn<float>("Probability").Select(p => (double)p).ToArray();
        Assert.Equal(samples.ScoreTest(trained, TrainedSamples.Clientes).Values, probabilities);
    }

    [Fact]
    public void Ml_net_loads_a_regression_zip_directly_and_gives_the_same_predictions()
    {
        var trained = samples.Trained(TrainedSamples.Ventas, "gbt").Model;
        var path = Saved(TrainedSamples.Ventas, "gbt");

        var transformer = new MLContext(seed: 1).Model.Load(path, out _);

        var scored = transformer.Transform(trained.Read(samples.Test(TrainedSamples.Ventas), withTarget: false));
        Assert.Equal(samples.ScoreTest(trained, TrainedSamples.Ventas).Values, scored.GetColumn<float>("Score").Select(p => (double)p));
    }

    [Fact]
    public void Ml_net_loads_a_multiclass_zip_directly()
    {
        var trained = samples.Trained(TrainedSamples.Clientes, "gbt", TrainedSamples.MulticlassTarget).Model;
        var path = Saved(TrainedSamples.Clientes, "gbt", TrainedSamples.MulticlassTarget);

        var transformer = new MLContext(seed: 1).Model.Load(path, out _);

        var scored = transformer.Transform(trained.Read(samples.Test(TrainedSamples.Clientes), withTarget: false));
        var scores = scored.GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues().Select(p => (double)p));
        Assert.Equal(samples.ScoreTest(trained, TrainedSamples.Clientes).Values, scores);
    }

    [Fact]
    public void A_file_with_the_columns_in_another_order_and_extra_ones_scores_the_same()
    {
        var loaded = samples.Trained(TrainedSamples.Clientes, "gbt").Model;
        var lines = File.ReadAllLines(samples.Data.Folder.Path(TrainedSamples.TestPath(samples.Config(TrainedSamples.Clientes))));
        var shuffled = lines.Select((l, i) => string.Join(',', l.Split(',').Reverse().Prepend(i == 0 ? "nota" : "x")));
        _folder.Write("nuevos.csv", string.Join('\n', shuffled) + "\n");

        var scores = loaded.Score(loaded.Read(Cauce.Ml.Data.Csv.CsvInput.Open(_folder.Path("nuevos.csv"), "nuevos.csv"), withTarget: false));

        Assert.Equal(samples.ScoreTest(loaded, TrainedSamples.Clientes).Values, scores.Values);
    }

    [Fact]
    public void Saving_twice_over_the_same_path_gives_the_same_bytes()
    {
        var path = Saved(TrainedSamples.Clientes, "gbt");
        var first = File.ReadAllBytes(path);

        samples.Trained(TrainedSamples.Clientes, "gbt").Model.Save(path);

        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.EnumerateFiles(Path.GetDirectoryName(path)!));
    }
}
