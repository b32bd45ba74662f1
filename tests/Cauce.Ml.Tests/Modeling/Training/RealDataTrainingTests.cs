using System.Globalization;
using Cauce.Ml.Data.Validation;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Evaluation;
using Cauce.Ml.Modeling.XgBoost;
using Cauce.Ml.Tests.Data.Preparation;
using Xunit.Abstractions;

namespace Cauce.Ml.Tests.Modeling.Training;

/// <summary>A test on the real datasets that also needs XGBoost: skipped, saying which is missing.</summary>
public sealed class SharedDataXgboostFactAttribute : FactAttribute
{
    public SharedDataXgboostFactAttribute()
    {
        if (Requirements.SharedDatasets is null)
            Skip = "../shared/datasets is absent: the real-data checks need it beside the repository";
        else if (!XgbBooster.IsAvailable)
            Skip = XgBoost.XgboostFactAttribute.NotInstalled;
    }
}

/// <summary>
/// The real datasets of ../shared/datasets copied into temp projects as raw files, validated, prepared and split as
/// the commands do, each once and only when a test asks for it (nothing happens where the datasets are absent).
/// </summary>
public sealed class RealProjects : IDisposable
{
    private const string Params = """
        seed: 42
        datasets:
          telco:
            date: '20190930'
            target: Churn
            task: binary
            id: [customerID]
            columns:
              TotalCharges: {type: number}
            derive:
              tenure_log: log1p(tenure)
              total_log: log1p(TotalCharges)
            split: {test_size: 0.2, stratify: true}
            train:
              xgb: {eta: 0.05, max_depth: 3}
              lgbm: {leaves: 15}
          bicis:
            date: '20131220'
            target: cnt
            task: regression
            drop: [instant, casual, registered]
            columns:
              dteday: {type: date}
              season: {type: category}
              weathersit: {type: category}
            split: {test_size: 0.2}
        """;

    private readonly Lazy<PreparedRealDataset> _telco = new(() => Prepare("telco", "telco-customer-churn/Telco-Customer-Churn.csv", "data/raw/telco_raw_20190930.csv"));
    private readonly Lazy<PreparedRealDataset> _bicis = new(() => Prepare("bicis", "bike-sharing/hour.csv", "data/raw/bicis_raw_20131220.csv"));

    public PreparedRealDataset Telco => _telco.Value;

    public PreparedRealDataset Bicis => _bicis.Value;

    private static PreparedRealDataset Prepare(string dataset, string shared, string raw)
    {
        var project = DataProject.WithParams(Params);
        Directory.CreateDirectory(project.Folder.Path("data/raw"));
        File.Copy(Requirements.SharedDataset(shared), project.Folder.Path(raw));
        var report = project.Validate(dataset);
        if (!report.Passed)
            throw new InvalidOperationException($"{dataset} does not validate: {string.Join("; ", report.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Message))}");
        project.Prepare(dataset);
        project.Split(dataset);
        return new PreparedRealDataset(project, dataset);
    }

    public void Dispose()
    {
        if (_telco.IsValueCreated)
            _telco.Value.Project.Dispose();
        if (_bicis.IsValueCreated)
            _bicis.Value.Project.Dispose();
    }
}

/// <summary>One prepared real dataset: a job over its split, as <c>cauce train DATASET --algo A</c> builds it.</summary>
public sealed record PreparedRealDataset(DataProject Project, string Dataset)
{
    public IReadOnlyList<ModelCard> Train(params string[] algos)
    {
        var config = Project.Config(Dataset);
        var train = TrainedSamples.TrainPath(config);
        var test = TrainedSamples.TestPath(config);
        var job = new TrainingJob(
            Dataset,
            Cauce.Ml.Data.Csv.CsvInput.Open(Project.Folder.Path(train), train),
            Cauce.Ml.Data.Csv.CsvInput.Open(Project.Folder.Path(test), test),
            config.Target!,
            config.Task,
            algos,
            config.Train.Settings,
            config.Train.Versions,
            (int)config.Seed,
            config.Train.Folds)
        {
            Declared = config.DeclaredTypes,
        };
        return job.Run(Project.Root, SampleProject.Now, SampleProject.CauceVersion, _ => null);
    }
}

/// <summary>Training on real data clears the figures a sound pipeline reaches on it (scikit-learn's are in the same range).</summary>
public sealed class RealDataTrainingTests(RealProjects projects, ITestOutputHelper output) : IClassFixture<RealProjects>
{
    private void Report(IEnumerable<ModelCard> cards)
    {
        foreach (var card in cards)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{card.Name}: {string.Join(", ", card.Metrics.Select(m => $"{m.Key} {m.Value:0.0000}"))} — {card.Train.Rows:N0} train rows, {card.Test!.Rows:N0} test rows, {card.Features.Count} features, fit {card.TrainingSeconds:0.0} s"));
        }
    }

    private static void AssertAtLeast(ModelCard card, string metric, double floor) =>
        Assert.True(card.Metrics[metric] >= floor, $"{card.Name}: test {metric} {card.Metrics[metric]:0.0000} < {floor}");

    [SharedDataFact]
    public void Telco_test_roc_auc_is_at_least_0_83_for_lr_and_lgbm_and_0_82_for_rf()
    {
        var cards = projects.Telco.Train("lr", "lgbm", "rf");
        Report(cards);

        var byAlgo = cards.ToDictionary(c => c.Algo);
        Assert.Equal(["false", "true"], byAlgo["lr"].Labels);
        Assert.Equal(15, byAlgo["lgbm"].Hyperparameters["leaves"]);
        Assert.Contains(byAlgo["lr"].Features, f => f.Name == "tenure_log");
        Assert.Contains(byAlgo["lr"].Features, f => f.Name == "total_log");
        Assert.DoesNotContain(byAlgo["lr"].Features, f => f.Name == "customerID" || f.Name == "Churn");
        Assert.Equal(1_409, byAlgo["lr"].Test!.Rows);
        AssertAtLeast(byAlgo["lr"], MetricKeys.RocAuc, 0.83);
        AssertAtLeast(byAlgo["lgbm"], MetricKeys.RocAuc, 0.83);
        AssertAtLeast(byAlgo["rf"], MetricKeys.RocAuc, 0.82);
    }

    [SharedDataXgboostFact]
    public void Telco_test_roc_auc_is_at_least_0_83_for_xgb()
    {
        var card = Assert.Single(projects.Telco.Train("xgb"));
        Report([card]);

        Assert.Equal(0.05, card.Hyperparameters["eta"]);
        Assert.Equal(3, card.Hyperparameters["max_depth"]);
        AssertAtLeast(card, MetricKeys.RocAuc, 0.83);
    }

    [SharedDataFact]
    public void Bike_sharing_test_r2_is_at_least_0_90_for_lgbm()
    {
        var card = Assert.Single(projects.Bicis.Train("lgbm"));
        Report([card]);

        Assert.Contains(card.Excluded, e => e.Name == "dteday");
        Assert.DoesNotContain(card.Features, f => f.Name is "casual" or "registered" or "instant" or "cnt");
        Assert.Equal("category", card.Features.Single(f => f.Name == "season").Type);
        Assert.Equal("category", card.Features.Single(f => f.Name == "weathersit").Type);
        AssertAtLeast(card, MetricKeys.R2, 0.90);
    }

    [SharedDataXgboostFact]
    public void Bike_sharing_test_r2_is_at_least_0_90_for_xgb()
    {
        var card = Assert.Single(projects.Bicis.Train("xgb"));
        Report([card]);

        AssertAtLeast(card, MetricKeys.R2, 0.90);
    }
}
