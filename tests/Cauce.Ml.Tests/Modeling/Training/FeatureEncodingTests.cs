using System.Globalization;
using System.Text;
using Cauce.Core.Errors;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Features;
using Cauce.Ml.Modeling.Training;
using Cauce.Ml.Tests.Modeling.XgBoost;
using Microsoft.ML;

namespace Cauce.Ml.Tests.Modeling.Training;

/// <summary>
/// Training reads its file once into memory (<see cref="ModelRows"/>) and writes the matrix the learner sees with
/// the fitted featuriser's own encoding (<see cref="FeatureEncoding"/>). That matrix must be the featuriser's
/// output value for value — or the model would be trained on other numbers than it scores.
/// </summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class FeatureEncodingTests(TrainedSamples samples) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cauce-encoding-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string, string?> Samples { get; } = new()
    {
        { TrainedSamples.Clientes, null },
        { TrainedSamples.Ventas, null },
        { TrainedSamples.Clientes, TrainedSamples.MulticlassTarget },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_matrix_written_with_the_featurisers_encoding_is_the_featurisers_output(string dataset, string? target)
    {
        var schema = samples.Schema(dataset, target);

        AssertSameMatrix(samples.Train(dataset), schema);
    }

    [Fact]
    public void Missing_values_and_rows_past_a_chunk_encode_as_the_featuriser_does()
    {
        // 70,000 rows: more than one 65,536-row chunk. Blank categories, booleans and numbers all along.
        var csv = new StringBuilder("color,flag,x,n,target\n");
        string[] colors = ["rojo", "verde", "azul", ""];
        for (var i = 0; i < 70_000; i++)
        {
            var x = i % 11 == 0 ? "" : (i * 0.37 % 19).ToString("R", CultureInfo.InvariantCulture);
            var flag = (i % 5) switch { 0 => "", 1 or 2 => "true", _ => "false" };
            csv.Append(CultureInfo.InvariantCulture, $"{colors[i % 4]},{flag},{x},{i % 13},{(i % 3 == 0 ? "si" : "no")}\n");
        }

        var file = Write("missing.csv", csv.ToString());
        var schema = ModelTrainer.Inspect(file, "target", PredictionTask.Binary);

        var written = AssertSameMatrix(file, schema);
        Assert.Equal(70_000, written.Rows);

        // Row 0 has no x: it gets the training mean of x (slots: color's 3 labels, flag, then x).
        var mean = Enumerable.Range(0, 70_000).Where(i => i % 11 != 0).Average(i => (double)(float)(i * 0.37 % 19));
        Assert.Equal(mean, written.Values[4], 3);
        Assert.Equal(0.37f, written.Values[written.Columns + 4]);
    }

    [Fact]
    public void Rows_without_a_missing_number_encode_as_the_featuriser_does_without_asking_it_for_a_replacement()
    {
        var csv = new StringBuilder("color,flag,x,target\n");
        for (var i = 0; i < 3_000; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{(i % 3 == 0 ? "rojo" : i % 3 == 1 ? "" : "azul")},{i % 2 == 0},{i * 0.5},{(i % 4 == 0 ? "si" : "no")}\n");
        var file = Write("complete.csv", csv.ToString());

        var written = AssertSameMatrix(file, ModelTrainer.Inspect(file, "target", PredictionTask.Binary));

        Assert.Equal(1_499.5f, written.Values[(2_999 * written.Columns) + 3]);
    }

    [Theory]
    [InlineData(TrainedSamples.Clientes)]
    [InlineData(TrainedSamples.Ventas)]
    public void The_matrix_standardised_in_place_is_the_standardisers_output(string dataset)
    {
        var schema = samples.Schema(dataset);
        var ml = new MLContext(TrainedSamples.Seed);
        var rows = ModelRows.Read(samples.Train(dataset), schema, withTarget: true);
        var matrix = DenseFeatures.Featurize(MlNetEstimators.Featurizer(ml, schema).Fit(rows), rows, schema.Task)!;
        var standardiser = MlNetEstimators.Standardiser(ml).Fit(matrix.AsDataView());
        var (expected, _, _) = DenseFeatures.Read(standardiser.Transform(matrix.AsDataView()));

        Assert.True(matrix.Standardise(standardiser));

        Assert.True(expected.AsSpan().SequenceEqual(matrix.Values), "the standardised matrix differs from the standardiser's output");
        Assert.Contains(matrix.Values, v => v != 0 && Math.Abs(v) < 5);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void An_xgb_models_own_encoding_encodes_each_feature_as_mlnets_featuriser_does(string dataset, string? target)
    {
        var schema = samples.Schema(dataset, target);
        var rows = ModelRows.Read(samples.Train(dataset), schema, withTarget: true);
        // Read for a row with every value missing, so that it reads each number's replacement whatever the samples miss.
        var ml = FeatureEncoding.Read(MlNetEstimators.Featurizer(new MLContext(TrainedSamples.Seed), schema).Fit(rows), ModelRows.Blank(schema))!;

        var own = FeatureEncoding.Fit(rows);

        // The same features in the same columns; a category's labels the same (Cauce's in ordinal order, ML.NET's in
        // order of appearance); a missing number replaced by the same training mean.
        var (ownFeatures, mlFeatures) = (Features(own), Features(ml));
        Assert.Equal(mlFeatures.Select(f => (Name(f), Text(f, "encoding"), Number(f, "column"))), ownFeatures.Select(f => (Name(f), Text(f, "encoding"), Number(f, "column"))));
        Assert.Contains(ownFeatures, f => Text(f, "encoding") == "one-hot");
        foreach (var (o, m) in ownFeatures.Zip(mlFeatures))
        {
            if (o["levels"] is { } levels)
                Assert.Equal(Levels(m).Order(StringComparer.Ordinal), Levels(o));
            if (o["missing"] is { } missing)
                Assert.Equal((float)m["missing"]!, (float)missing, 6);
        }

        static IReadOnlyList<System.Text.Json.Nodes.JsonNode> Features(FeatureEncoding encoding) =>
            [.. System.Text.Json.Nodes.JsonNode.Parse(encoding.Save())!["features"]!.AsArray().Select(f => f!)];
        static string Name(System.Text.Json.Nodes.JsonNode f) => (string)f["name"]!;
        static string Text(System.Text.Json.Nodes.JsonNode f, string key) => (string)f[key]!;
        static int Number(System.Text.Json.Nodes.JsonNode f, string key) => (int)f[key]!;
        static IEnumerable<string> Levels(System.Text.Json.Nodes.JsonNode f) => f["levels"]!.AsArray().Select(l => (string)l!);
    }

    [Fact]
    public void An_encoding_read_back_from_its_json_writes_the_same_matrix_and_the_same_json()
    {
        var schema = samples.Schema(TrainedSamples.Clientes);
        var rows = ModelRows.Read(samples.Train(TrainedSamples.Clientes), schema, withTarget: true);
        var fitted = FeatureEncoding.Fit(rows);

        var loaded = FeatureEncoding.Load(fitted.Save(), schema);

        Assert.Equal(fitted.Save(), loaded.Save());
        Assert.Equal(fitted.Matrix(rows), loaded.Matrix(rows));
        Assert.Contains(fitted.Matrix(rows), v => v != 0 && v != 1);
    }

    [Theory]
    [InlineData("\"name\": \"edad\"", "\"name\": \"age\"", "'age' is not a feature of the model")]
    [InlineData("\"encoding\": \"number\"", "\"encoding\": \"one-hot\"", "but the model reads it as number")]
    [InlineData("\"columns\": ", "\"columns\": 1", "columns, it says")]
    [InlineData("\"format\": \"cauce-features/1\"", "\"format\": \"cauce-features/9\"", "its \"format\" is not cauce-features/1")]
    [InlineData("\"missing\": ", "\"missing\": \"x\", \"m\": ", "has no \"missing\" number")]
    [InlineData("\"levels\": [", "\"levels\": [3, ", "a label that is not a string (3)")]
    [InlineData("{", "[", "it is not JSON")]
    [InlineData("\"levels\": [", "\"levels\": [\"\", ", "lists an empty label")]
    [InlineData("\"levels\": [", "\"levels\": [\"otro\", ", "are not the model card's")]
    public void A_feature_encoding_that_does_not_fit_the_model_is_refused_saying_what_is_wrong(string find, string replace, string expected)
    {
        var schema = samples.Schema(TrainedSamples.Clientes);
        var json = Encoding.UTF8.GetString(FeatureEncoding.Fit(ModelRows.Read(samples.Train(TrainedSamples.Clientes), schema, withTarget: true)).Save());
        var index = json.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{find}' is not in {json}");
        var tampered = json[..index] + replace + json[(index + find.Length)..];

        var error = Assert.Throws<InvalidDataException>(() => FeatureEncoding.Load(Encoding.UTF8.GetBytes(tampered), schema));

        Assert.StartsWith("cauce/features.json is not a feature encoding: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [XgboostFact]
    public void A_saved_xgb_model_scores_rows_in_memory_as_it_scores_them_through_a_cursor()
    {
        var trained = samples.Trained(TrainedSamples.Clientes, "xgb").Model;
        var path = Path.Combine(_folder, "xgb.zip");
        trained.Save(path);
        using var model = TrainedModel.Load(path, trained.Schema, TrainedSamples.Seed);
        var rows = model.Read(samples.Train(TrainedSamples.Clientes), withTarget: false);

        var encoded = model.Score(rows);
        var throughCursor = model.Score(new MLContext(1).Data.Cache(rows)); // not ModelRows: read through a cursor, row by row
        var uncounted = model.Score(new Uncounted(rows)); // nor a view that knows its row count

        Assert.Equal(throughCursor.Values, encoded.Values);
        Assert.Equal(encoded.Values, uncounted.Values);
        Assert.Equal(encoded.Rows, uncounted.Rows);
        Assert.True(encoded.Rows > 1_024, "the test file must pass the first guess of the rows of a view without a count");
    }

    /// <summary>A view that does not say how many rows it has, as a filtered one does not.</summary>
    private sealed class Uncounted(IDataView inner) : IDataView
    {
        public bool CanShuffle => false;

        public DataViewSchema Schema => inner.Schema;

        public long? GetRowCount() => null;

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => inner.GetRowCursor(columnsNeeded);

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => inner.GetRowCursorSet(columnsNeeded, n);
    }

    [Fact]
    public void A_class_the_model_does_not_know_is_refused_naming_the_line()
    {
        var train = Write("train.csv", "x,target\n1,a\n2,b\n3,a\n");
        var schema = ModelTrainer.Inspect(train, "target", PredictionTask.Binary);
        var test = Write("test.csv", "x,target\n1,a\n2,c\n");

        var error = Assert.Throws<DataFileException>(() => ModelRows.Read(test, schema, withTarget: true));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("'c' is a class the model does not know", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_is_not_of_its_features_type_is_refused_naming_line_and_column()
    {
        var train = Write("train.csv", "x,target\n1,a\n2,b\n3,a\n");
        var schema = ModelTrainer.Inspect(train, "target", PredictionTask.Binary);
        var bad = Write("bad.csv", "x,target\n1,a\ndos,b\n");

        var error = Assert.Throws<DataFileException>(() => ModelRows.Read(bad, schema, withTarget: true));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a number, got 'dos'", error.Message, StringComparison.Ordinal);
    }

    private static FeatureMatrix AssertSameMatrix(CsvInput file, ModelSchema schema)
    {
        var ml = new MLContext(TrainedSamples.Seed);
        var rows = ModelRows.Read(file, schema, withTarget: true);
        var featurizer = MlNetEstimators.Featurizer(ml, schema).Fit(rows);
        var encoding = FeatureEncoding.Read(featurizer, rows);
        Assert.NotNull(encoding);

        var written = DenseFeatures.Featurize(featurizer, rows, schema.Task)!;
        var (matrix, labels, count, columns) = DenseFeatures.ReadWithLabels(featurizer.Transform(rows), schema.Task);

        Assert.Equal((count, columns), (written.Rows, written.Columns));
        Assert.Equal(encoding.Columns, columns);
        Assert.True(matrix.AsSpan().SequenceEqual(written.Values), "the matrix differs from the featuriser's output");
        Assert.True(labels.AsSpan().SequenceEqual(written.Labels), "the labels differ from the featurised view's");
        return written;
    }

    private CsvInput Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return CsvInput.Open(path, name);
    }
}
