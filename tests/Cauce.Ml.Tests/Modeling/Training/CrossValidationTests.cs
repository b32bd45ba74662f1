using System.Globalization;
using System.Text;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Features;
using Cauce.Ml.Modeling.Training;
using Cauce.Ml.Tests.Modeling.XgBoost;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Tests.Modeling.Training;

/// <summary>k-fold cross-validation splits the training rows in memory (<see cref="ModelRows.Fold"/>): every row is scored once, by a model that never saw it.</summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class CrossValidationTests(TrainedSamples samples) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void The_folds_score_every_row_once_and_train_on_all_the_others(int folds)
    {
        var rows = Numbered(1_000);

        var splits = Enumerable.Range(0, folds).Select(k => rows.Fold(k, folds, seed: 42)).ToList();

        var scored = splits.SelectMany(s => Ids(s.Test)).ToList();
        Assert.Equal(Enumerable.Range(0, 1_000), scored.Order());
        Assert.True(splits.Max(s => s.Test.Rows) - splits.Min(s => s.Test.Rows) <= 1, "fold sizes differ by more than one row");
        foreach (var (train, test) in splits)
        {
            Assert.Equal(1_000, train.Rows + test.Rows);
            Assert.Empty(Ids(train).Intersect(Ids(test)));
            Assert.Equal(Ids(train).Order(), Ids(train)); // file order kept
            Assert.Equal(Ids(train).Select(i => i % 2 == 0), train.GetColumn<bool>(ModelSchema.Label)); // labels travel with their rows
        }
    }

    [Fact]
    public void The_folds_depend_on_the_seed_and_only_on_it()
    {
        var rows = Numbered(500);

        Assert.Equal(Ids(rows.Fold(0, 5, seed: 1).Test), Ids(rows.Fold(0, 5, seed: 1).Test));
        Assert.NotEqual(Ids(rows.Fold(0, 5, seed: 1).Test), Ids(rows.Fold(0, 5, seed: 2).Test));
    }

    [XgboostFact]
    public void Xgb_cross_validates_and_gives_the_same_means_twice()
    {
        var request = samples.Request(TrainedSamples.Clientes, "xgb") with { Folds = 3 };
        var first = ModelTrainer.Train(request);
        var second = ModelTrainer.Train(request);
        first.Model.Dispose();
        second.Model.Dispose();

        var auc = first.CrossValidation!["roc_auc"];
        Assert.InRange(auc.Mean, 0.7, 1);
        Assert.True(auc.Std > 0);
        Assert.Equal(first.CrossValidation.Select(m => (m.Key, m.Value)), second.CrossValidation!.Select(m => (m.Key, m.Value)));
    }

    /// <summary>Rows whose feature 'id' is 0…n-1 and whose label is whether it is even.</summary>
    private ModelRows Numbered(int count)
    {
        var csv = new StringBuilder("id,color,target\n");
        for (var i = 0; i < count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{i},{(i % 3 == 0 ? "rojo" : "azul")},{(i % 2 == 0 ? "true" : "false")}\n");
        _folder.Write("numbered.csv", csv.ToString());
        var file = CsvInput.Open(_folder.Path("numbered.csv"), "numbered.csv");
        return ModelRows.Read(file, ModelTrainer.Inspect(file, "target", PredictionTask.Binary), withTarget: true);
    }

    private static List<int> Ids(ModelRows rows) => [.. rows.GetColumn<float>("id").Select(v => (int)v)];
}
