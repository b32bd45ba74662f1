using System.IO.Compression;
using System.Text;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.LightGbm;
using Cauce.Ml.Modeling.Training;
using Cauce.Ml.Tests.Modeling.Training;

namespace Cauce.Ml.Tests.Modeling.LightGbm;

/// <summary>An lgbm model on disk: its feature encoding and LightGBM's own text model, read back exactly or refused.</summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class LgbmModelFileTests(TrainedSamples samples) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void An_lgbm_zip_is_its_feature_encoding_and_lightgbms_text_model_and_nothing_of_mlnet()
    {
        using var zip = ZipFile.OpenRead(Saved());

        Assert.Equal([FeatureEncoding.Entry, LgbmBooster.FileEntry], zip.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(zip.GetEntry(LgbmBooster.FileEntry)!.Open());
        var text = reader.ReadToEnd();
        Assert.StartsWith("tree\n", text, StringComparison.Ordinal);
        Assert.Contains("objective=binary", text, StringComparison.Ordinal);
        var trees = LgbmModelText.Parse(text);
        Assert.Equal(100, trees.Trees.Count);
        Assert.Equal(1, trees.TreesPerIteration);
    }

    [Fact]
    public void A_booster_read_back_from_its_text_saves_the_same_bytes_and_scores_the_same()
    {
        var booster = Assert.IsType<LgbmBooster>(samples.Trained(TrainedSamples.Clientes, "lgbm").Model.Predictor);
        var matrix = Enumerable.Range(0, 4 * booster.Columns).Select(i => (float)(i % 3)).ToArray();

        using var loaded = LgbmBooster.Load(booster.Save(), 1);

        Assert.Equal(booster.Save(), loaded.Save());
        var (before, after) = (new double[4], new double[4]);
        booster.Predict(matrix, 4, before);
        loaded.Predict(matrix, 4, after);
        Assert.Equal(before, after);
    }

    [Fact]
    public void Text_lightgbm_cannot_read_is_refused_naming_the_entry()
    {
        var error = Assert.Throws<InvalidDataException>(() => LgbmBooster.Load(Encoding.UTF8.GetBytes("tree\nversion=v4\nTree=0\nnum_leaves=x\n"), 1));

        Assert.Contains("cauce/lightgbm.txt is not a LightGBM model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_of_other_outputs_than_the_cards_is_refused()
    {
        var booster = Assert.IsType<LgbmBooster>(samples.Trained(TrainedSamples.Clientes, "lgbm").Model.Predictor);

        var error = Assert.Throws<InvalidDataException>(() => LgbmBooster.Load(booster.Save(), 3));

        Assert.Contains("scores 1 value(s) a row, the model card 3", error.Message, StringComparison.Ordinal);
    }

    private string Saved() => samples.SaveTo(_folder, TrainedSamples.Clientes, "lgbm");
}
