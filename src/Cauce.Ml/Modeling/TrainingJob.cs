using Cauce.Core.Versioning;
using Cauce.Core.Workspace;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Modeling.Catalog;
using Cauce.Ml.Modeling.Training;
using Cauce.Ml.Modeling.XgBoost;

namespace Cauce.Ml.Modeling;

/// <summary>Several algorithms trained on one dataset's split: what <c>cauce train</c> runs.</summary>
public sealed record TrainingJob(
    string Dataset,
    CsvInput Train,
    CsvInput? Test,
    string Target,
    PredictionTask? Task,
    IReadOnlyList<string> Algos,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Settings,
    IReadOnlyDictionary<string, int> Versions,
    int Seed,
    int Folds)
{
    /// <summary>Column types declared in params.yaml, which win over inference.</summary>
    public IReadOnlyDictionary<string, Data.Schema.ColumnType> Declared { get; init; } = new Dictionary<string, Data.Schema.ColumnType>();

    /// <summary>Runs with every card dated <paramref name="now"/> (for reproducible cards in tests and pipelines).</summary>
    public IReadOnlyList<ModelCard> Run(string projectRoot, DateTimeOffset now, string cauceVersion, Func<string, IProgress<double>?> progressFor, CancellationToken cancellationToken = default) =>
        Run(projectRoot, new StoppedClock(now), cauceVersion, progressFor, cancellationToken);

    /// <summary>
    /// Checks everything before training anything (the algorithms exist and serve the task, XGBoost is installed
    /// when asked for, settings are in range), then trains each algorithm in turn, writes its model and card, and
    /// appends the run to the run log. Returns the cards in the order trained.
    /// </summary>
    public IReadOnlyList<ModelCard> Run(string projectRoot, TimeProvider clock, string cauceVersion, Func<string, IProgress<double>?> progressFor, CancellationToken cancellationToken = default)
    {
        if (Algos.Count == 0)
            throw Core.Errors.CauceException.Usage("no algorithm to train", $"name them with --algo, e.g. --algo rf,lgbm,lr (the catalog: {Core.Conventions.Algorithms.List})");
        var schema = ModelTrainer.Inspect(Train, Target, Task, Declared, cancellationToken);
        var algorithms = Algos.Distinct(StringComparer.Ordinal).Select(a => AlgorithmCatalog.For(a, schema.Task)).ToList();
        foreach (var algorithm in algorithms)
            algorithm.Resolve(SettingsOf(algorithm), $"settings of {algorithm.Abbreviation}");
        if (algorithms.Any(a => a.Abbreviation == "xgb") && !XgbBooster.IsAvailable)
            throw new XgbUnavailableException();

        var train = new DataReference(ProjectRoot.Relative(projectRoot, Train.FullPath), FileHash.Md5(Train.FullPath), CountRows(Train));
        var test = Test is null ? null : new DataReference(ProjectRoot.Relative(projectRoot, Test.FullPath), FileHash.Md5(Test.FullPath), CountRows(Test));
        if (test is { Rows: 0 })
            throw Core.Errors.DataFileException.In(Test!.DisplayPath, "has a header but no data rows", "metrics need test rows: run 'cauce split' first");
        var store = new ModelStore(projectRoot);
        foreach (var algorithm in algorithms)
        {
            if (Versions.TryGetValue(algorithm.Abbreviation, out var pinnedVersion))
                store.CheckPinned(new Core.Conventions.ModelFileName(algorithm.Abbreviation, Dataset, pinnedVersion), train.Md5, Seed, algorithm.Resolve(SettingsOf(algorithm), algorithm.Abbreviation));
        }

        var log = new RunLog(projectRoot);
        var cards = new List<ModelCard>();
        foreach (var algorithm in algorithms)
        {
            var settings = algorithm.Resolve(SettingsOf(algorithm), algorithm.Abbreviation);
            var request = new TrainRequest(schema, algorithm, Train, Test, settings, Seed, Folds);
            var outcome = ModelTrainer.Train(request, progressFor(algorithm.Abbreviation), cancellationToken);
            using var model = outcome.Model;
            var created = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
            ModelCard Card(int version) => new()
            {
                Name = new Core.Conventions.ModelFileName(algorithm.Abbreviation, Dataset, version).Stem,
                Algo = algorithm.Abbreviation,
                Dataset = Dataset,
                Version = version,
                Task = schema.Task.Name(),
                Target = schema.Target,
                Labels = schema.Labels,
                Features = schema.Features,
                Excluded = schema.Excluded,
                Hyperparameters = settings,
                Seed = Seed,
                Train = train,
                Test = test,
                Metrics = outcome.Metrics,
                CrossValidation = outcome.CrossValidation,
                TrainingSeconds = Math.Round(outcome.Seconds, 3),
                Created = created,
                CauceVersion = cauceVersion,
                Engine = outcome.Engine,
            };
            var name = store.Write(model, Card, algorithm.Abbreviation, Dataset, Versions.TryGetValue(algorithm.Abbreviation, out var pinned) ? pinned : null);
            var card = store.ReadCard(name);
            log.Append(card);
            cards.Add(card);
        }

        return cards;
    }

    private IReadOnlyDictionary<string, double> SettingsOf(AlgorithmInfo algorithm) =>
        Settings.TryGetValue(algorithm.Abbreviation, out var given) ? given : new Dictionary<string, double>();

    private static long CountRows(CsvInput file) => file.ForEach(_ => { });

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
