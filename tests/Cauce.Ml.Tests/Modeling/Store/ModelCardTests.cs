using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Catalog;
using Cauce.Ml.Modeling.Evaluation;
using Cauce.Ml.Tests.Modeling.Training;
using Json.Schema;

namespace Cauce.Ml.Tests.Modeling.Store;

/// <summary>The card <see cref="TrainingJob"/> writes beside each model: valid against docs/model-card.schema.json, and true to the data.</summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class ModelCardTests(TrainedSamples samples)
{
    private static readonly Lazy<JsonSchema> CardSchema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(Requirements.RepositoryRoot, "docs", "model-card.schema.json"))));

    /// <summary>Validates a card's JSON; the failure lists every schema error with where it is.</summary>
    private static void AssertValid(string json, string what)
    {
        var result = CardSchema.Value.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, $"{what} does not match docs/model-card.schema.json:\n{Errors(result)}");
    }

    private static string Errors(EvaluationResults result) =>
        string.Join("\n", result.Details.Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")));

    private static string CardJson(SampleProject project, ModelCard card) => project.Folder.Read($"models/{card.Name}.json");

    private static string Md5Of(string path) => Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path)));

    private static long DataRows(string path) => File.ReadLines(path).Skip(1).Count(line => line.Length > 0);

    [Fact]
    public void A_binary_card_validates_against_the_schema()
    {
        using var project = samples.NewProject();

        var card = Assert.Single(project.Run(project.Job(TrainedSamples.Clientes, ["lr"])));

        AssertValid(CardJson(project, card), "lr_clientes_v1.json");
    }

    [Fact]
    public void A_regression_card_validates_against_the_schema()
    {
        using var project = samples.NewProject();

        var card = Assert.Single(project.Run(project.Job(TrainedSamples.Ventas, ["gbt"])));

        AssertValid(CardJson(project, card), "gbt_ventas_v1.json");
        Assert.Equal("regression", card.Task);
        Assert.Empty(card.Labels);
        Assert.Equal(MetricKeys.Regression, card.Metrics.Keys);
        Assert.Contains(card.Excluded, e => e.Name == "fecha");
        Assert.DoesNotContain(card.Features, f => f.Name == "fecha" || f.Name == "unidades_vendidas");
    }

    [Fact]
    public void A_multiclass_card_validates_against_the_schema()
    {
        using var project = samples.NewProject();
        var job = project.AdHoc("contratos", project.TrainPath(TrainedSamples.Clientes), project.TestPath(TrainedSamples.Clientes), TrainedSamples.MulticlassTarget, PredictionTask.Multiclass, ["lr"]);

        var card = Assert.Single(project.Run(job));

        AssertValid(CardJson(project, card), "lr_contratos_v1.json");
        Assert.Equal("lr_contratos_v1", card.Name);
        Assert.Equal("multiclass", card.Task);
        Assert.Equal(["Anual", "Bianual", "Mensual"], card.Labels);
        Assert.Equal(MetricKeys.Multiclass, card.Metrics.Keys);
    }

    [Fact]
    public void A_cross_validated_card_validates_against_the_schema_and_has_a_mean_and_std_per_metric()
    {
        using var project = samples.NewProject();

        var card = Assert.Single(project.Run(project.Job(TrainedSamples.Clientes, ["lr"], folds: 3)));

        AssertValid(CardJson(project, card), "lr_clientes_v1.json with cross-validation");
        Assert.NotNull(card.CrossValidation);
        Assert.Equal(MetricKeys.Binary, card.CrossValidation.Keys);
        Assert.InRange(card.CrossValidation[MetricKeys.RocAuc].Mean, 0.7, 1);
        Assert.InRange(card.CrossValidation[MetricKeys.RocAuc].Std, 0, 0.1);
        Assert.True(card.CrossValidation[MetricKeys.RocAuc].Std > 0, "three folds of different rows should not agree to the last digit");
    }

    [Fact]
    public void A_card_without_a_test_file_has_no_metrics_a_null_test_and_validates()
    {
        using var project = samples.NewProject();
        var job = project.AdHoc("sin-test", project.TrainPath(TrainedSamples.Clientes), null, "abandono", null, ["lr"]);

        var card = Assert.Single(project.Run(job));

        AssertValid(CardJson(project, card), "lr_sin-test_v1.json");
        Assert.Null(card.Test);
        Assert.Empty(card.Metrics);
        var run = Assert.Single(project.Log.Read());
        Assert.Null(run.TestPath);
        Assert.Null(run.TestMd5);
    }

    [Fact]
    public void An_undefined_metric_is_written_as_nan_and_the_card_still_validates_and_reads_back()
    {
        using var project = samples.NewProject();
        var testPath = project.TestPath(TrainedSamples.Clientes);
        var lines = File.ReadAllLines(project.Folder.Path(testPath));
        var target = Array.IndexOf(lines[0].Split(','), "abandono");
        project.Folder.Write("data/processed/una-clase-test_processed_20250930.csv", string.Join('\n', lines.Where((l, i) => i == 0 || l.Split(',')[target] == "false")) + "\n");
        var job = project.AdHoc("una-clase", project.TrainPath(TrainedSamples.Clientes), "data/processed/una-clase-test_processed_20250930.csv", "abandono", null, ["lr"]);

        var card = Assert.Single(project.Run(job));

        Assert.True(double.IsNaN(card.Metrics[MetricKeys.RocAuc]), "ROC AUC is undefined with one class");
        Assert.Contains("\"roc_auc\": \"NaN\"", CardJson(project, card), StringComparison.Ordinal);
        AssertValid(CardJson(project, card), "lr_una-clase_v1.json");
        Assert.True(double.IsNaN(Assert.Single(project.Log.Read()).Metrics[MetricKeys.RocAuc]));
        Assert.True(double.IsFinite(card.Metrics[MetricKeys.Accuracy]));
    }

    [Fact]
    public void The_schema_check_is_not_vacuous_a_broken_card_fails_it()
    {
        using var project = samples.NewProject();
        var card = Assert.Single(project.Run(project.Job(TrainedSamples.Clientes, ["lr"])));
        var json = JsonNode.Parse(CardJson(project, card))!;

        json["train"]!["md5"] = "not-an-md5";
        json["metrics"]!["auc"] = 0.9;
        json["created"] = "yesterday";

        var result = CardSchema.Value.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.False(result.IsValid);
        var errors = Errors(result);
        Assert.Contains("/train/md5", errors, StringComparison.Ordinal);
        Assert.Contains("/created", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_card_records_the_data_by_md5_and_rows_the_features_with_types_and_the_labels()
    {
        using var project = samples.NewProject();
        var trainPath = project.TrainPath(TrainedSamples.Clientes);
        var testPath = project.TestPath(TrainedSamples.Clientes);

        var card = Assert.Single(project.Run(project.Job(TrainedSamples.Clientes, ["lr"])));

        Assert.Equal(Ml.Reporting.ReportJson.Serialize(card), Ml.Reporting.ReportJson.Serialize(project.Store.ReadCard(new Core.Conventions.ModelFileName("lr", "clientes", 1))));
        Assert.Equal(("lr_clientes_v1", "lr", "clientes", 1, "binary", "abandono"), (card.Name, card.Algo, card.Dataset, card.Version, card.Task, card.Target));
        Assert.Equal(trainPath, card.Train.Path);
        Assert.Equal(Md5Of(project.Folder.Path(trainPath)), card.Train.Md5);
        Assert.Equal(DataRows(project.Folder.Path(trainPath)), card.Train.Rows);
        Assert.NotNull(card.Test);
        Assert.Equal(testPath, card.Test.Path);
        Assert.Equal(Md5Of(project.Folder.Path(testPath)), card.Test.Md5);
        Assert.Equal(DataRows(project.Folder.Path(testPath)), card.Test.Rows);
        Assert.True(card.Train.Rows + card.Test.Rows is > 3_800 and <= TrainedSamples.Rows, $"{card.Train.Rows} + {card.Test.Rows} rows");

        var header = File.ReadLines(project.Folder.Path(trainPath)).First().Split(',');
        Assert.Equal(header.Where(c => c != "abandono"), card.Features.Select(f => f.Name));
        Assert.DoesNotContain(card.Features, f => f.Name == "abandono");
        Assert.Empty(card.Excluded);
        var types = card.Features.ToDictionary(f => f.Name, f => f.Type);
        Assert.Equal("integer", types["edad"]);
        Assert.Equal("boolean", types["es_mayor"]);
        Assert.Equal("category", types["tipo_contrato"]);
        Assert.Equal("number", types["cargo_mensual"]);
        Assert.Equal("number", types["cargo_por_mes"]);
        Assert.All(card.Features, f => Assert.Contains(f.Type, new[] { "integer", "number", "boolean", "category" }));

        Assert.Equal(["false", "true"], card.Labels);
        Assert.Equal(MetricKeys.Binary, card.Metrics.Keys);
        Assert.Equal(AlgorithmCatalog.Get("lr").Resolve(new Dictionary<string, double>(), "lr"), card.Hyperparameters);
        Assert.Equal(42, card.Seed);
        Assert.Null(card.CrossValidation);
        Assert.Equal(SampleProject.CauceVersion, card.CauceVersion);
        Assert.Equal("Cauce (L-BFGS)", card.Engine);
        Assert.True(card.TrainingSeconds >= 0);
    }

    [Fact]
    public void Created_is_iso_8601_utc_the_instant_of_the_run()
    {
        using var project = samples.NewProject();

        var card = Assert.Single(project.Run(project.Job(TrainedSamples.Clientes, ["lr"])));

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", card.Created);
        var created = DateTimeOffset.Parse(card.Created, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        Assert.Equal(TimeSpan.Zero, created.Offset);
        Assert.Equal(SampleProject.Now, created);
        Assert.Equal(DateTimeKind.Utc, DateTime.Parse(card.Created, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).Kind);
    }

    [Fact]
    public void Created_is_utc_even_when_the_clock_gives_another_offset()
    {
        using var project = samples.NewProject();
        var madrid = new DateTimeOffset(2025, 10, 2, 10, 30, 15, TimeSpan.FromHours(2));

        var card = Assert.Single(project.Job(TrainedSamples.Clientes, ["lr"]).Run(project.Root, madrid, SampleProject.CauceVersion, _ => null));

        Assert.Equal("2025-10-02T08:30:15Z", card.Created);
    }
}
