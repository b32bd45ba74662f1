using System.Diagnostics;
using System.Globalization;
using Cauce.Core.Errors;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Modeling.Catalog;
using Cauce.Ml.Modeling.Evaluation;
using Cauce.Ml.Modeling.Features;
using Cauce.Ml.Modeling.Forest;
using Cauce.Ml.Modeling.LightGbm;
using Cauce.Ml.Modeling.Linear;
using Cauce.Ml.Modeling.XgBoost;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Modeling.Training;

/// <summary>What to train: an algorithm on a training file, judged on a test file.</summary>
public sealed record TrainRequest(
    ModelSchema Schema,
    AlgorithmInfo Algorithm,
    CsvInput Train,
    CsvInput? Test,
    IReadOnlyDictionary<string, double> Settings,
    int Seed,
    int Folds = 0);

/// <summary>
/// A model trained and measured, not yet written anywhere. <paramref name="Seconds"/> is the fit (featuriser and
/// learner) on the training rows already in memory; <paramref name="ReadSeconds"/> the reading of the training
/// and test files before it.
/// </summary>
public sealed record TrainOutcome(TrainedModel Model, IReadOnlyDictionary<string, double> Metrics, IReadOnlyDictionary<string, FoldSummary>? CrossValidation, double Seconds, string Engine, double ReadSeconds = 0)
{
    /// <summary>Where the fit's seconds went, step by step: fitting the featuriser, featurising the rows, the learner.</summary>
    public IReadOnlyList<FitStep> Steps { get; init; } = [];
}

/// <summary>One step of a fit and its seconds.</summary>
public sealed record FitStep(string Name, double Seconds);

/// <summary>
/// Trains one algorithm: reads the training file as the model will see it, fits the featuriser and the learner on
/// the training rows only, scores the test file and computes DESIGN.md's metrics with Cauce's own implementations
/// (the same for ML.NET and XGBoost). Every learner is seeded; the same data, settings and seed give the same model.
/// </summary>
public static class ModelTrainer
{
    /// <summary>
    /// Reads the training file once to decide what a model of it reads and predicts. Types declared in params.yaml
    /// win over inference, so an integer-coded category stays a category.
    /// </summary>
    public static ModelSchema Inspect(CsvInput train, string target, PredictionTask? task, IReadOnlyDictionary<string, ColumnType>? declared = null, CancellationToken cancellationToken = default)
    {
        var known = declared?.Where(d => train.IndexOf(d.Key) >= 0).ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
        var inferred = TypeInference.Run(train, new InferenceOptions { Declared = known ?? [] }, null, cancellationToken);
        if (inferred.Rows == 0)
            throw DataFileException.In(train.DisplayPath, "has a header but no data rows", "train on a file with rows: run 'cauce split' first");
        return ModelSchema.FromTraining(inferred, target, task, train.DisplayPath);
    }

    public static TrainOutcome Train(TrainRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var algorithm = request.Algorithm;
        var schema = request.Schema;
        AlgorithmCatalog.For(algorithm.Abbreviation, schema.Task);
        var settings = algorithm.Resolve(request.Settings, algorithm.Abbreviation);
        if (algorithm.Abbreviation == "xgb" && !XgbBooster.IsAvailable)
            throw new XgbUnavailableException();

        var ml = new MLContext(request.Seed);
        var clock = Stopwatch.StartNew();
        var train = ModelRows.Read(request.Train, schema, withTarget: true, progress.Slice(0, 0.1), cancellationToken);
        IDataView? test = null;
        if (request.Test is { } testFile)
        {
            var missing = schema.Features.Where(f => testFile.IndexOf(f.Name) < 0).Select(f => f.Name).ToList();
            if (missing.Count > 0)
            {
                throw DataFileException.In(testFile.DisplayPath, $"lacks the column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"'{m}'"))} of the training file {request.Train.DisplayPath}",
                    "train and test must come from the same split: run 'cauce split' on one processed file");
            }

            test = ModelRows.Read(testFile, schema, withTarget: true, cancellationToken: cancellationToken);
        }

        if (request.Folds > train.Rows)
        {
            throw CauceException.Usage($"cross-validation in {request.Folds} folds needs at least {request.Folds} training rows; {request.Train.DisplayPath} has {train.Rows:N0}",
                "use fewer folds (--folds, or folds: under the dataset's train: in params.yaml)");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var readSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var steps = new FitSteps();
        var model = Fit(ml, schema, algorithm, settings, request.Seed, train, progress.Slice(0.1, request.Folds > 1 ? 0.5 : 0.9), cancellationToken, steps);
        var seconds = clock.Elapsed.TotalSeconds;
        IReadOnlyDictionary<string, double> metrics;
        Dictionary<string, FoldSummary>? folds;
        try
        {
            metrics = test is null ? new Dictionary<string, double>() : Evaluate(model, test);
            folds = request.Folds > 1 ? CrossValidate(ml, schema, algorithm, settings, request.Seed, train, request.Folds, progress.Slice(0.5, 0.9), cancellationToken) : null;
        }
        catch
        {
            model.Dispose();
            throw;
        }

        progress?.Report(1);
        var engine = algorithm.Abbreviation switch
        {
            "xgb" => $"XGBoost {XgbBooster.Version}",
            "lr" => "Cauce (L-BFGS)",
            "rf" => "Cauce (random forest)",
            "lgbm" => "LightGBM (native)",
            _ => $"ML.NET {MlNetVersion}",
        };
        return new TrainOutcome(model, metrics, folds, seconds, engine, readSeconds) { Steps = steps.Done };
    }

    /// <summary>The ML.NET package's version (its assembly version stays 1.0.0).</summary>
    private static readonly string MlNetVersion =
        (System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(MLContext).Assembly)?.InformationalVersion ?? "unknown")
        .Split('+')[0];

    /// <summary>DESIGN.md's metrics of <paramref name="model"/> on data read with its target.</summary>
    public static IReadOnlyDictionary<string, double> Evaluate(TrainedModel model, IDataView data)
    {
        var scores = model.Score(data);
        var actual = model.Actual(data);
        return model.Schema.Task switch
        {
            PredictionTask.Binary => Metrics.Binary([.. actual.Select(a => a == 1)], scores.Values),
            PredictionTask.Multiclass => Metrics.Multiclass([.. actual.Select(a => (int)a)], scores.Values, scores.Classes),
            _ => Metrics.Regression(actual, scores.Values),
        };
    }

    /// <summary>
    /// Fits the featuriser, featurises the training rows once into a matrix (chunks in parallel) and fits the
    /// learner on that. xgb, lgbm, lr and rf: Cauce's own <see cref="FeatureEncoding"/>, then XGBoost, LightGBM,
    /// Cauce's logistic regression or Cauce's random forest on the matrix itself; the model is the two. Other algorithms: ML.NET's featuriser, then the learner (after the standardiser, for linear
    /// models) on the matrix as rows; the model is the featuriser, the standardiser and the learner. Rows whose
    /// matrix would pass <see cref="MaxMatrixValues"/> stream through the featuriser into the ML.NET learner instead.
    /// </summary>
    private static TrainedModel Fit(MLContext ml, ModelSchema schema, AlgorithmInfo algorithm, IReadOnlyDictionary<string, double> settings, int seed, ModelRows train, IProgress<double>? progress, CancellationToken cancellationToken, FitSteps? steps = null)
    {
        steps ??= new FitSteps();
        if (FitsOwnEncoding(algorithm))
        {
            var encoding = FeatureEncoding.Fit(train);
            steps.End("featuriser fit");
            if (train.Rows * encoding.Columns > Array.MaxLength)
                throw CauceException.Usage($"the training rows are too many for one {algorithm.Abbreviation} matrix in memory", "train on fewer rows, or use gbt");
            var values = new float[train.Rows * encoding.Columns];
            var labels = new float[train.Rows];
            encoding.Fill(train, values, labels, schema.Task);
            steps.End("featurise the rows (matrix)");
            cancellationToken.ThrowIfCancellationRequested();
            IMatrixPredictor predictor = algorithm.Abbreviation switch
            {
                "xgb" => TrainBooster(schema, settings, seed, values, (int)train.Rows, encoding.Columns, labels, progress, cancellationToken, steps),
                "lr" => TrainLogistic(schema, settings, values, (int)train.Rows, encoding, labels, progress, cancellationToken, steps),
                "lgbm" => TrainLightGbm(schema, settings, seed, values, (int)train.Rows, encoding.Columns, labels, progress, cancellationToken, steps),
                _ => TrainForest(schema, settings, seed, values, (int)train.Rows, encoding.Columns, labels, progress, cancellationToken, steps),
            };
            try
            {
                return new TrainedModel(ml, schema, encoding, predictor);
            }
            catch
            {
                predictor.Dispose();
                throw;
            }
        }

        var featurizer = MlNetEstimators.Featurizer(ml, schema).Fit(train);
        steps.End("featuriser fit");
        cancellationToken.ThrowIfCancellationRequested();
        var trainer = MlNetEstimators.Trainer(ml, algorithm, schema.Task, settings, seed);
        var matrix = DenseFeatures.Featurize(featurizer, train, schema.Task, MaxMatrixValues);
        var rows = matrix?.AsDataView();
        if (rows is null)
        {
            var featurized = featurizer.Transform(train);
            rows = MlNetEstimators.KeepsRowsInMemory(algorithm) ? featurized : ml.Data.Cache(featurized);
        }

        steps.End("featurise the rows (matrix)");
        var chain = new List<ITransformer> { featurizer };
        if (algorithm.Standardises)
        {
            var standardiser = MlNetEstimators.Standardiser(ml).Fit(rows);
            // The learner reads the matrix standardised in place (what the standardiser computes, value for value),
            // not through the standardiser row by row.
            rows = matrix is not null && matrix.Standardise(standardiser) ? matrix.AsDataView() : standardiser.Transform(rows);
            chain.Add(standardiser);
            steps.End("standardiser fit");
        }

        chain.Add(trainer.Fit(rows));
        steps.End("learner");
        return new TrainedModel(ml, schema, new TransformerChain<ITransformer>([.. chain]), train.Schema);
    }

    /// <summary>Whether the algorithm's model is Cauce's <see cref="FeatureEncoding"/> and a learner fed its matrix, with no ML.NET.</summary>
    internal static bool FitsOwnEncoding(AlgorithmInfo algorithm) => algorithm.Abbreviation is "xgb" or "lr" or "rf" or "lgbm";

    private static LgbmBooster TrainLightGbm(ModelSchema schema, IReadOnlyDictionary<string, double> settings, int seed, float[] values, int rows, int columns, float[] labels, IProgress<double>? progress, CancellationToken cancellationToken, FitSteps steps)
    {
        var rounds = (int)settings["rounds"];
        var booster = LgbmBooster.Train(values, rows, columns, labels, LgbmBooster.Parameters(schema.Task, schema.Labels.Count, settings, seed), rounds, schema.Outputs,
            progress is null ? null : done => progress.Report((double)done / rounds), cancellationToken);
        steps.End("LightGBM");
        return booster;
    }

    private static ForestModel TrainForest(ModelSchema schema, IReadOnlyDictionary<string, double> settings, int seed, float[] values, int rows, int columns, float[] labels, IProgress<double>? progress, CancellationToken cancellationToken, FitSteps steps)
    {
        var trees = (int)settings["trees"];
        var forest = RandomForest.Fit(values, rows, columns, labels, schema.Task, schema.Classes,
            new RandomForest.Settings(trees, (int)settings["leaves"], (int)settings["min_leaf"], settings["feature_fraction"], settings["bagging_fraction"]), seed,
            progress is null ? null : done => progress.Report((double)done / trees), cancellationToken);
        steps.End("forest");
        return forest;
    }

    private static XgbBooster TrainBooster(ModelSchema schema, IReadOnlyDictionary<string, double> settings, int seed, float[] values, int rows, int columns, float[] labels, IProgress<double>? progress, CancellationToken cancellationToken, FitSteps steps)
    {
        var rounds = (int)settings["rounds"];
        var booster = XgbBooster.Train(values, rows, columns, labels, XgbParameters(schema, settings, seed), rounds,
            progress is null ? null : new RoundProgress(progress, rounds), cancellationToken);
        steps.End("XGBoost");
        return booster;
    }

    /// <summary>Numbers and booleans standardised in place (one-hot columns stay 0/1), then Cauce's L-BFGS.</summary>
    private static LogisticModel TrainLogistic(ModelSchema schema, IReadOnlyDictionary<string, double> settings, float[] values, int rows, FeatureEncoding encoding, float[] labels, IProgress<double>? progress, CancellationToken cancellationToken, FitSteps steps)
    {
        var standardisation = LogisticRegression.Standardise(values, rows, encoding.Columns, encoding.Standardised());
        steps.End("standardiser fit");
        var iterations = (int)settings["max_iterations"];
        var model = LogisticRegression.Fit(values, rows, encoding.Columns, labels, standardisation, schema.Task, schema.Classes,
            new LogisticRegression.Settings(settings["l2"], settings["l1"], iterations, settings["tolerance"]),
            progress is null ? null : done => progress.Report((double)done / iterations), cancellationToken);
        steps.End("learner");
        return model;
    }

    /// <summary>The most values (rows × featurised columns) an ML.NET learner's matrix may hold: 1 GiB of floats.</summary>
    private const long MaxMatrixValues = 1L << 28;

    private static Dictionary<string, string> XgbParameters(ModelSchema schema, IReadOnlyDictionary<string, double> s, int seed)
    {
        string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["eta"] = Text(s["eta"]),
            ["max_depth"] = Text(s["max_depth"]),
            ["subsample"] = Text(s["subsample"]),
            ["colsample_bytree"] = Text(s["colsample_bytree"]),
            ["min_child_weight"] = Text(s["min_child_weight"]),
            ["lambda"] = Text(s["lambda"]),
            ["tree_method"] = "hist",
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["nthread"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        };
        switch (schema.Task)
        {
            case PredictionTask.Binary:
                parameters["objective"] = "binary:logistic";
                break;
            case PredictionTask.Multiclass:
                parameters["objective"] = "multi:softprob";
                parameters["num_class"] = schema.Labels.Count.ToString(CultureInfo.InvariantCulture);
                break;
            default:
                parameters["objective"] = "reg:squarederror";
                break;
        }

        return parameters;
    }

    /// <summary>
    /// k-fold cross-validation on the training rows: for each fold, a model fitted on the other folds and measured
    /// on it (<see cref="ModelRows.Fold"/>: rows in memory, so each fold's fit takes the same path as the model's).
    /// </summary>
    private static Dictionary<string, FoldSummary> CrossValidate(MLContext ml, ModelSchema schema, AlgorithmInfo algorithm, IReadOnlyDictionary<string, double> settings, int seed, ModelRows train, int folds, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var results = new List<IReadOnlyDictionary<string, double>>();
        for (var i = 0; i < folds; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (fitRows, testRows) = train.Fold(i, folds, seed);
            using var model = Fit(ml, schema, algorithm, settings, seed, fitRows, null, cancellationToken);
            results.Add(Evaluate(model, testRows));
            progress?.Report((i + 1.0) / folds);
        }

        return results[0].Keys.ToDictionary(key => key, key =>
        {
            var values = results.Select(r => r[key]).ToArray();
            var mean = values.Average();
            var std = values.Length > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1)) : 0;
            return new FoldSummary(mean, std);
        });
    }

    /// <summary>Times the steps of a fit, each from the end of the one before.</summary>
    private sealed class FitSteps
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<FitStep> _done = [];

        public IReadOnlyList<FitStep> Done => _done;

        public void End(string step)
        {
            _done.Add(new FitStep(step, _clock.Elapsed.TotalSeconds));
            _clock.Restart();
        }
    }

    private sealed class RoundProgress(IProgress<double> progress, int rounds) : IProgress<int>
    {
        public void Report(int value) => progress.Report((double)value / rounds);
    }
}
