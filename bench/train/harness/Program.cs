// bench/train's C# side: times Cauce's training and scoring through Cauce.Ml's public API, in a process of its own,
// and prints one JSON line. bench/train/run.sh builds and runs it; see bench/train/README.md.
//
//   cauce-train-bench schema   PROJECT DATASET                  the model schema `cauce train` would use (features, types)
//   cauce-train-bench run      PROJECT DATASET ALGO [REPS] [SCORES_FILE]
//       ModelTrainer.Inspect + ModelTrainer.Train, exactly what `cauce train` runs (minus writing the model and card):
//         fit_s        TrainOutcome.Seconds: the card's training_seconds (featuriser + learner, CSV parsing included,
//                      because ML.NET reads the file lazily inside Fit)
//         auc          TrainOutcome.Metrics["roc_auc"] on the test file
//       then scores the test file REPS times (default 3):
//         predict_file_s   model.Read(test, withTarget: false) + model.Score: parse, featurise, predict (median)
//         predict_first_s  the first of those calls (the JIT compiles the scoring path on it)
//         predict_mem_s    model.Score on the test rows already parsed and cached in memory (median)
//   cauce-train-bench phases   PROJECT DATASET ALGO
//       The same fit taken apart with ML.NET's public API, replicating src/Cauce.Ml/Modeling/Training
//       (MlNetEstimators, ModelTrainer.Fit, DenseFeatures) step by step, each step timed. Diagnostic only.
//   cauce-train-bench twice    PROJECT DATASET ALGO        the fit twice in one process: cold (JIT) and warm
//   cauce-train-bench variants PROJECT DATASET ALGO INDEX  changes to the fit the README suggests, replicated with the
//                                                         public API, each timed and judged on the test file
//   cauce-train-bench defaults  the defaults ML.NET's FastForest and LightGBM options carry (what Cauce leaves unset)
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Cauce.Core.Conventions;
using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Catalog;
using Cauce.Ml.Modeling.Features;
using Cauce.Ml.Modeling.Training;
using Cauce.Ml.Modeling.XgBoost;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var json = new JsonSerializerOptions { WriteIndented = false };

if (args is ["defaults"])
{
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        fast_forest = Fields(new FastForestBinaryTrainer.Options()),
        lightgbm = Fields(new LightGbmBinaryTrainer.Options()),
        lightgbm_booster = Fields(new GradientBooster.Options()),
        lbfgs_lr = Fields(new LbfgsLogisticRegressionBinaryTrainer.Options()),
    }, json));
    return 0;
}

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: cauce-train-bench schema|run|phases PROJECT DATASET [ALGO] [REPS] [SCORES_FILE]");
    return 2;
}

var mode = args[0];
var root = Path.GetFullPath(args[1]);
var config = DatasetCatalog.Load(root).Get(args[2]);
var seed = (int)config.Seed;
var trainInput = Open(config.ProcessedName.AsSplit(SplitPart.Train).RelativePath);
var testInput = Open(config.ProcessedName.AsSplit(SplitPart.Test).RelativePath);
var clock = Stopwatch.StartNew();
var schema = ModelTrainer.Inspect(trainInput, config.Target!, config.Task, config.DeclaredTypes);
var inspectSeconds = clock.Elapsed.TotalSeconds;

if (mode == "schema")
{
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        target = schema.Target,
        task = schema.Task.ToString(),
        labels = schema.Labels,
        positive = schema.PositiveLabel,
        features = schema.Features.Select(f => new { name = f.Name, type = f.Type }),
        excluded = schema.Excluded.Select(e => new { name = e.Name, reason = e.Reason }),
        train = trainInput.FullPath,
        test = testInput.FullPath,
        seed,
    }, json));
    return 0;
}

var algo = args[3];
var algorithm = AlgorithmCatalog.For(algo, schema.Task);
var given = config.Train.Settings.TryGetValue(algo, out var s) ? s : new Dictionary<string, double>();
var settings = algorithm.Resolve(given, algo);

if (mode == "run")
{
    var reps = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
    var scoresFile = args.Length > 5 ? args[5] : null;
    clock.Restart();
    var outcome = ModelTrainer.Train(new TrainRequest(schema, algorithm, trainInput, testInput, settings, seed));
    var trainCall = clock.Elapsed.TotalSeconds;
    using var model = outcome.Model;

    var fromFile = new List<double>();
    Scores? scores = null;
    for (var i = 0; i < Math.Max(1, reps); i++)
    {
        clock.Restart();
        scores = model.Score(model.Read(testInput, withTarget: false));
        fromFile.Add(clock.Elapsed.TotalSeconds);
    }

    var cached = new MLContext(seed).Data.Cache(model.Read(testInput, withTarget: false));
    Drain(cached);
    var inMemory = new List<double>();
    for (var i = 0; i < Math.Max(1, reps); i++)
    {
        clock.Restart();
        model.Score(cached);
        inMemory.Add(clock.Elapsed.TotalSeconds);
    }

    if (scoresFile is not null)
        File.WriteAllLines(scoresFile, scores!.Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    Console.WriteLine(JsonSerializer.Serialize(new
    {
        side = "cauce",
        dataset = args[2],
        algo,
        engine = outcome.Engine,
        rows_train = Rows(trainInput),
        rows_test = scores!.Rows,
        features = schema.Features.Count,
        inspect_s = inspectSeconds,
        fit_s = outcome.Seconds,
        train_call_s = trainCall,
        auc = outcome.Metrics["roc_auc"],
        log_loss = outcome.Metrics["log_loss"],
        predict_first_s = fromFile[0],
        predict_file_s = Median(fromFile),
        predict_mem_s = Median(inMemory),
        settings,
        cores = Environment.ProcessorCount,
    }, json));
    return 0;
}

if (mode == "twice")
{
    // The same fit twice in one process: the first pays for loading and JIT-compiling ML.NET's code, the second does not.
    var first = ModelTrainer.Train(new TrainRequest(schema, algorithm, trainInput, testInput, settings, seed));
    first.Model.Dispose();
    var second = ModelTrainer.Train(new TrainRequest(schema, algorithm, trainInput, testInput, settings, seed));
    second.Model.Dispose();
    Console.WriteLine(JsonSerializer.Serialize(new { side = "cauce-twice", dataset = args[2], algo, first_fit_s = first.Seconds, second_fit_s = second.Seconds }, json));
    return 0;
}

if (mode == "variants")
{
    // One variant per process (VARIANT_INDEX), so each is measured cold, as `cauce train` runs; exit 3 past the last.
    var result = Variants(int.Parse(args[4], CultureInfo.InvariantCulture));
    if (result is null)
        return 3;
    Console.WriteLine(JsonSerializer.Serialize(result, json));
    return 0;
}

if (mode == "phases")
{
    Console.WriteLine(JsonSerializer.Serialize(Phases(), json));
    return 0;
}

Console.Error.WriteLine($"unknown mode '{mode}'");
return 2;

// ---------------------------------------------------------------------------------------------------------------

CsvInput Open(string relative)
{
    var full = Path.Combine(root, relative);
    return CsvInput.Open(full, relative);
}

static long Rows(CsvInput file) => file.ForEach(_ => { });

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static void Drain(IDataView data)
{
    using var cursor = data.GetRowCursor(data.Schema);
    while (cursor.MoveNext())
    {
    }
}

static Dictionary<string, string> Fields(object options) =>
    options.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance)
        .Where(f => f.FieldType.IsPrimitive || f.FieldType.IsEnum || f.FieldType == typeof(string) || Nullable.GetUnderlyingType(f.FieldType) is not null)
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .ToDictionary(f => f.Name, f => Convert.ToString(f.GetValue(options), CultureInfo.InvariantCulture) ?? "null");

// The fit of ModelTrainer.Fit, step by step, with ML.NET's public API (the same calls as src/Cauce.Ml/Modeling/Training).
object Phases()
{
    const string features = "Features";
    const string label = "Label";
    var steps = new List<KeyValuePair<string, double>>();
    T Step<T>(string name, Func<T> work)
    {
        var watch = Stopwatch.StartNew();
        var result = work();
        steps.Add(new(name, watch.Elapsed.TotalSeconds));
        return result;
    }

    var ml = new MLContext(seed);
    var train = Load(ml, trainInput);
    Step("(diagnostic) parse the training CSV once", () => { Drain(train); return 0; });
    var chain = Featurizer(ml);

    var featurizer = Step("featuriser fit (one-hot dictionary, means; lr: standardisation) — parses the CSV", () => chain.Fit(train));
    var featurized = featurizer.Transform(train);
    int I(string name) => (int)settings[name];
    double? learnerSeconds = null;
    object? details = null;

    if (algo == "xgb")
    {
        // ModelTrainer.Fit's xgb branch: DenseFeatures.Read (a List<float> grown row by row), the labels through
        // TrainedModel.Actual (another pass over the raw file), then XgbBooster.Train.
        var (matrix, rows, width) = Step("dense matrix (DenseFeatures.Read: parse + featurise + List<float>)", () => DenseLikeCauce(featurized));
        var labels = Step("labels (TrainedModel.Actual: parses the CSV again)", () => train.GetColumn<bool>(label).Select(b => b ? 1f : 0f).ToArray());
        var parameters = new Dictionary<string, string>
        {
            ["eta"] = Text(settings["eta"]), ["max_depth"] = Text(settings["max_depth"]), ["subsample"] = Text(settings["subsample"]),
            ["colsample_bytree"] = Text(settings["colsample_bytree"]), ["min_child_weight"] = Text(settings["min_child_weight"]),
            ["lambda"] = Text(settings["lambda"]), ["tree_method"] = "hist", ["seed"] = Text(seed),
            ["nthread"] = Text(Environment.ProcessorCount), ["objective"] = "binary:logistic",
        };
        using var booster = Step("XgbBooster.Train (XGDMatrixCreateFromMat + 100 rounds)", () => XgbBooster.Train(matrix, rows, width, labels, parameters, I("rounds")));
        learnerSeconds = steps[^1].Value;
        using var one = Step("(diagnostic) XgbBooster.Train with 1 round: the fixed cost (DMatrix, quantiles)", () => XgbBooster.Train(matrix, rows, width, labels, parameters, 1));
        // How the matrix reaches XGBoost: Cauce calls XGDMatrixCreateFromMat (one thread); the library also has an
        // OpenMP version, and Python's DMatrix uses XGDMatrixCreateFromDense (an array interface, nthread threads).
        Step("(diagnostic) XGDMatrixCreateFromMat alone (what XgbBooster does)", () => XgbProbe.FromMat(matrix, rows, width));
        Step("(diagnostic) XGDMatrixCreateFromMat_omp alone, nthread threads", () => XgbProbe.FromMatOmp(matrix, rows, width, Environment.ProcessorCount));
        Step("(diagnostic) XGDMatrixCreateFromDense alone, nthread threads (Python's DMatrix)", () => XgbProbe.FromDense(matrix, rows, width, Environment.ProcessorCount));
        details = new { rows, columns = width };
    }
    else
    {
        // AppendCacheCheckpoint: the featurised rows are cached as the learner first reads them.
        var cached = ml.Data.Cache(featurized, features, label);
        Step("featurise into the cache (AppendCacheCheckpoint) — parses the CSV again", () => { Drain(cached); return 0; });
        switch (algo)
        {
            case "rf":
            {
                var forest = Step("FastForest fit (ML.NET bins the features, then grows the trees)", () => ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
                {
                    LabelColumnName = label, FeatureColumnName = features, NumberOfTrees = I("trees"), NumberOfLeaves = I("leaves"),
                    MinimumExampleCountPerLeaf = I("min_leaf"), FeatureFraction = settings["feature_fraction"], BaggingExampleFraction = settings["bagging_fraction"],
                    Seed = seed, FeatureSelectionSeed = seed,
                }).Fit(cached));
                learnerSeconds = steps[^1].Value;
                Step("(diagnostic) FastForest with 1 tree: the fixed cost (binning, transposing)", () => ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
                {
                    LabelColumnName = label, FeatureColumnName = features, NumberOfTrees = 1, NumberOfLeaves = I("leaves"),
                    MinimumExampleCountPerLeaf = I("min_leaf"), FeatureFraction = settings["feature_fraction"], BaggingExampleFraction = settings["bagging_fraction"],
                    Seed = seed, FeatureSelectionSeed = seed,
                }).Fit(cached));
                Step("Platt calibration fit (scores every training row with the forest)", () => ml.BinaryClassification.Calibrators.Platt(labelColumnName: label).Fit(forest.Transform(cached)));
                break;
            }

            case "lgbm":
                Step("LightGBM fit (ML.NET copies the rows into a LightGBM Dataset, then boosts)", () =>
                    ml.BinaryClassification.Trainers.LightGbm(label, features, null, I("leaves"), I("min_leaf"), settings["learning_rate"], I("rounds")).Fit(cached));
                learnerSeconds = steps[^1].Value;
                Step("(diagnostic) LightGBM with 1 round: the fixed cost (copying rows into a LightGBM Dataset, binning)", () =>
                    ml.BinaryClassification.Trainers.LightGbm(label, features, null, I("leaves"), I("min_leaf"), settings["learning_rate"], 1).Fit(cached));
                break;
            case "lr":
            {
                var fitted = Step("L-BFGS logistic regression fit", () => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                {
                    LabelColumnName = label, FeatureColumnName = features, L2Regularization = (float)settings["l2"], L1Regularization = (float)settings["l1"],
                    MaximumNumberOfIterations = I("max_iterations"),
                }).Fit(cached));
                learnerSeconds = steps[^1].Value;
                break;
            }

            default:
                throw new InvalidOperationException($"phases: {algo} is not measured here");
        }
    }

    return new
    {
        side = "cauce-phases",
        dataset = args[2],
        algo,
        steps = steps.Select(p => new { step = p.Key, seconds = p.Value }),
        fit_s = steps.Where(p => !p.Key.StartsWith('(') && !p.Key.Contains("diagnostic")).Sum(p => p.Value),
        learner_s = learnerSeconds,
        details,
    };
}

// ModelData.Read: the loader columns of ModelSchema.LoaderColumns, the target as text, mapped to a boolean label.
IDataView Load(MLContext ml, CsvInput file)
{
    var columns = schema.Features.Select(f => new TextLoader.Column(f.Name, f.ColumnType switch
    {
        ColumnType.Category => DataKind.String,
        ColumnType.Boolean => DataKind.Boolean,
        _ => DataKind.Single,
    }, file.IndexOf(f.Name))).Append(new TextLoader.Column("__cauce_label_text", DataKind.String, file.IndexOf(schema.Target))).ToArray();
    var loader = ml.Data.CreateTextLoader(new TextLoader.Options
    {
        Columns = columns, HasHeader = true, Separators = [file.Separator], AllowQuoting = true, TrimWhitespace = true, MissingRealsAsNaNs = true,
    });
    var loaded = loader.Load(file.FullPath);
    var pairs = schema.Labels.Select(l => new KeyValuePair<string, bool>(l, l == schema.PositiveLabel));
    return ml.Transforms.Conversion.MapValue("Label", pairs, "__cauce_label_text").Fit(loaded).Transform(loaded);
}

// MlNetEstimators.Featurizer
IEstimator<ITransformer> Featurizer(MLContext ml, bool? standardise = null)
{
    var categories = schema.Features.Where(f => f.ColumnType == ColumnType.Category).Select(f => f.Name).ToArray();
    var booleans = schema.Features.Where(f => f.ColumnType == ColumnType.Boolean).Select(f => f.Name).ToArray();
    var numbers = schema.Features.Where(f => f.ColumnType.IsNumeric()).Select(f => f.Name).ToArray();
    var parts = new List<string>();
    IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
    if (categories.Length > 0)
    {
        chain = chain.Append(ml.Transforms.Categorical.OneHotEncoding([.. categories.Select(c => new InputOutputColumnPair("__f_" + c, c))]));
        parts.AddRange(categories.Select(c => "__f_" + c));
    }

    if (booleans.Length > 0)
    {
        chain = chain.Append(ml.Transforms.Conversion.ConvertType([.. booleans.Select(b => new InputOutputColumnPair("__f_" + b, b))], DataKind.Single));
        parts.AddRange(booleans.Select(b => "__f_" + b));
    }

    if (numbers.Length > 0)
    {
        chain = chain.Append(ml.Transforms.ReplaceMissingValues([.. numbers.Select(n => new InputOutputColumnPair("__f_" + n, n))]));
        parts.AddRange(numbers.Select(n => "__f_" + n));
    }

    chain = chain.Append(ml.Transforms.Concatenate("Features", [.. parts]));
    if (standardise ?? algorithm.Standardises)
        chain = chain.Append(ml.Transforms.NormalizeMeanVariance("Features"));
    return chain;
}

// MlNetEstimators.Trainer for a binary task (rf with its Platt calibration), with an optional change to the options.
IEstimator<ITransformer> Learner(MLContext ml, float? lbfgsTolerance = null)
{
    int I(string name) => (int)settings[name];
    return algo switch
    {
        "rf" => ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            LabelColumnName = "Label", FeatureColumnName = "Features", NumberOfTrees = I("trees"), NumberOfLeaves = I("leaves"),
            MinimumExampleCountPerLeaf = I("min_leaf"), FeatureFraction = settings["feature_fraction"], BaggingExampleFraction = settings["bagging_fraction"],
            Seed = seed, FeatureSelectionSeed = seed,
        }).Append(ml.BinaryClassification.Calibrators.Platt(labelColumnName: "Label")),
        "lgbm" => ml.BinaryClassification.Trainers.LightGbm("Label", "Features", null, I("leaves"), I("min_leaf"), settings["learning_rate"], I("rounds")),
        "lr" => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(Lbfgs(lbfgsTolerance)),
        _ => throw new InvalidOperationException($"{algo}: no ML.NET learner"),
    };
}

LbfgsLogisticRegressionBinaryTrainer.Options Lbfgs(float? tolerance)
{
    var options = new LbfgsLogisticRegressionBinaryTrainer.Options
    {
        LabelColumnName = "Label", FeatureColumnName = "Features", L2Regularization = (float)settings["l2"], L1Regularization = (float)settings["l1"],
        MaximumNumberOfIterations = (int)settings["max_iterations"],
    };
    if (tolerance is { } t)
        options.OptimizationTolerance = t;
    return options;
}

// Changes to the fit that the README suggests, each timed and judged on the test file (ROC AUC with Cauce's metric).
object? Variants(int only)
{
    var results = new List<object>();
    var index = -1;
    var testMl = new MLContext(seed);
    var testView = testMl.Data.Cache(Load(testMl, testInput));
    Drain(testView);
    var actual = testView.GetColumn<bool>("Label").ToArray();

    void Measure(string name, Func<MLContext, (Func<IDataView, double[]> Score, double Seconds)> fit)
    {
        if (++index != only)
            return;
        var ml = new MLContext(seed);
        var (score, seconds) = fit(ml);
        var auc = Cauce.Ml.Modeling.Evaluation.Metrics.Binary(actual, score(testView))["roc_auc"];
        results.Add(new { variant = name, fit_s = seconds, auc });
    }

    if (algo == "xgb")
    {
        var parameters = new Dictionary<string, string>
        {
            ["eta"] = Text(settings["eta"]), ["max_depth"] = Text(settings["max_depth"]), ["subsample"] = Text(settings["subsample"]),
            ["colsample_bytree"] = Text(settings["colsample_bytree"]), ["min_child_weight"] = Text(settings["min_child_weight"]),
            ["lambda"] = Text(settings["lambda"]), ["tree_method"] = "hist", ["seed"] = Text(seed),
            ["nthread"] = Text(Environment.ProcessorCount), ["objective"] = "binary:logistic",
        };
        (Func<IDataView, double[]>, double) Xgb(MLContext ml, bool onePass)
        {
            var watch = Stopwatch.StartNew();
            var raw = Load(ml, trainInput);
            var source = onePass ? ml.Data.Cache(raw) : raw;
            var featurizer = Featurizer(ml).Fit(source);
            float[] matrix, labels;
            int rows, width;
            if (onePass)
                (matrix, labels, rows, width) = DenseWithLabels(featurizer.Transform(source), (int)Rows(trainInput));
            else
            {
                (matrix, rows, width) = DenseLikeCauce(featurizer.Transform(source));
                labels = raw.GetColumn<bool>("Label").Select(b => b ? 1f : 0f).ToArray();
            }

            var booster = XgbBooster.Train(matrix, rows, width, labels, parameters, (int)settings["rounds"]);
            var seconds = watch.Elapsed.TotalSeconds;
            return (view =>
            {
                var (m, _, r, w) = DenseWithLabels(featurizer.Transform(view), actual.Length);
                return [.. booster.Predict(m, r, w).Select(v => (double)v)];
            }, seconds);
        }

        Measure("as Cauce fits it (replicated): featuriser fit, DenseFeatures.Read, labels in another pass", ml => Xgb(ml, onePass: false));
        Measure("parse the CSV once (ml.Data.Cache), one pass for matrix and labels into a pre-sized array", ml => Xgb(ml, onePass: true));
        Measure("Cauce's own CSV reader (CsvInput.ForEach) straight into the matrix: 2 passes, no ML.NET", _ =>
        {
            var watch = Stopwatch.StartNew();
            var encoder = DenseEncoder.Fit(trainInput, schema);
            var (matrix, labels, rows) = encoder.Encode(trainInput);
            var booster = XgbBooster.Train(matrix, rows, encoder.Width, labels, parameters, (int)settings["rounds"]);
            var seconds = watch.Elapsed.TotalSeconds;
            var (testMatrix, _, testRows) = encoder.Encode(testInput);
            var probabilities = booster.Predict(testMatrix, testRows, encoder.Width).Select(v => (double)v).ToArray();
            return (_ => probabilities, seconds);
        });
    }
    else
    {
        (Func<IDataView, double[]>, double) Pipeline(MLContext ml, bool parseOnce, float? tolerance = null)
        {
            var watch = Stopwatch.StartNew();
            var raw = Load(ml, trainInput);
            var source = parseOnce ? ml.Data.Cache(raw) : raw;
            var model = Featurizer(ml).AppendCacheCheckpoint(ml).Append(Learner(ml, tolerance)).Fit(source);
            var seconds = watch.Elapsed.TotalSeconds;
            return (view => [.. model.Transform(view).GetColumn<float>("Probability").Select(p => (double)p)], seconds);
        }

        // lr: the featuriser without NormalizeMeanVariance, the cache, then the normaliser (fitted on the cached rows)
        // and a second cache, so L-BFGS does not re-normalise every row on each of its passes.
        (Func<IDataView, double[]>, double) StandardiseLate(MLContext ml, float? tolerance)
        {
            var watch = Stopwatch.StartNew();
            var raw = Load(ml, trainInput);
            var model = Featurizer(ml, standardise: false).AppendCacheCheckpoint(ml)
                .Append(ml.Transforms.NormalizeMeanVariance("Features")).AppendCacheCheckpoint(ml)
                .Append(Learner(ml, tolerance)).Fit(raw);
            var seconds = watch.Elapsed.TotalSeconds;
            return (view => [.. model.Transform(view).GetColumn<float>("Probability").Select(p => (double)p)], seconds);
        }

        Measure("as Cauce fits it (replicated)", ml => Pipeline(ml, parseOnce: false));
        Measure("parse the CSV once: ml.Data.Cache before the featuriser", ml => Pipeline(ml, parseOnce: true));
        if (algo == "lr")
        {
            Measure("L-BFGS OptimizationTolerance 1e-4 (ML.NET's default is 1e-7)", ml => Pipeline(ml, parseOnce: false, tolerance: 1e-4f));
            Measure("both: parse once and tolerance 1e-4", ml => Pipeline(ml, parseOnce: true, tolerance: 1e-4f));
            Measure("standardise after the cache checkpoint (its fit reads the cache, not the CSV)", ml => StandardiseLate(ml, null));
            Measure("standardise after the cache checkpoint, and tolerance 1e-4", ml => StandardiseLate(ml, 1e-4f));
        }
    }

    return results.Count == 0 ? null : new { side = "cauce-variants", dataset = args[2], algo, index = only, variant = results[0] };
}

// Featurised rows and their labels in one pass, into arrays sized up front.
static (float[] Matrix, float[] Labels, int Rows, int Columns) DenseWithLabels(IDataView featurized, int expectedRows)
{
    var column = featurized.Schema["Features"];
    var labelColumn = featurized.Schema["Label"];
    var width = ((VectorDataViewType)column.Type).Size;
    var matrix = new float[(long)expectedRows * width];
    var labels = new float[expectedRows];
    var rows = 0;
    var buffer = default(VBuffer<float>);
    var label = false;
    using var cursor = featurized.GetRowCursor([column, labelColumn]);
    var getter = cursor.GetGetter<VBuffer<float>>(column);
    var labelGetter = cursor.GetGetter<bool>(labelColumn);
    while (cursor.MoveNext())
    {
        getter(ref buffer);
        labelGetter(ref label);
        buffer.CopyTo(matrix.AsSpan(rows * width, width));
        labels[rows] = label ? 1f : 0f;
        rows++;
    }

    return (matrix, labels, rows, width);
}

static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

// DenseFeatures.Read, as Cauce writes it (internal there): a List<float> grown row by row, then copied to an array.
static (float[] Matrix, int Rows, int Columns) DenseLikeCauce(IDataView featurized)
{
    var column = featurized.Schema["Features"];
    var width = ((VectorDataViewType)column.Type).Size;
    var matrix = new List<float>(capacity: 1 << 16);
    var rows = 0;
    var buffer = default(VBuffer<float>);
    using var cursor = featurized.GetRowCursor([column]);
    var getter = cursor.GetGetter<VBuffer<float>>(column);
    var dense = new float[width];
    while (cursor.MoveNext())
    {
        getter(ref buffer);
        buffer.CopyTo(dense);
        matrix.AddRange(dense);
        rows++;
    }

    return ([.. matrix], rows, width);
}

// Times only the creation of an XGBoost DMatrix from a dense matrix, three ways (diagnostic; freed at once).
internal static unsafe class XgbProbe
{
    private const string Lib = "libxgboost.so.0";

    [System.Runtime.InteropServices.DllImport(Lib)]
    private static extern int XGDMatrixCreateFromMat(float* data, ulong rows, ulong columns, float missing, out nint handle);

    [System.Runtime.InteropServices.DllImport(Lib)]
    private static extern int XGDMatrixCreateFromMat_omp(float* data, ulong rows, ulong columns, float missing, out nint handle, int nthread);

    [System.Runtime.InteropServices.DllImport(Lib)]
    private static extern int XGDMatrixCreateFromDense([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string arrayInterface,
        [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string config, out nint handle);

    [System.Runtime.InteropServices.DllImport(Lib)]
    private static extern int XGDMatrixFree(nint handle);

    public static int FromMat(float[] matrix, int rows, int columns)
    {
        fixed (float* data = matrix)
            return Done(XGDMatrixCreateFromMat(data, (ulong)rows, (ulong)columns, float.NaN, out var handle), handle);
    }

    public static int FromMatOmp(float[] matrix, int rows, int columns, int threads)
    {
        fixed (float* data = matrix)
            return Done(XGDMatrixCreateFromMat_omp(data, (ulong)rows, (ulong)columns, float.NaN, out var handle, threads), handle);
    }

    public static int FromDense(float[] matrix, int rows, int columns, int threads)
    {
        fixed (float* data = matrix)
        {
            var array = FormattableString.Invariant($$"""{"data": [{{(ulong)data}}, true], "shape": [{{rows}}, {{columns}}], "typestr": "<f4", "version": 3}""");
            var config = FormattableString.Invariant($$"""{"missing": NaN, "nthread": {{threads}}}""");
            return Done(XGDMatrixCreateFromDense(array, config, out var handle), handle);
        }
    }

    private static int Done(int result, nint handle)
    {
        if (result != 0)
            throw new InvalidOperationException("XGBoost refused the matrix");
        XGDMatrixFree(handle);
        return result;
    }
}

// A prototype of a featuriser without ML.NET, for xgb: Cauce's own CSV reader (Sep), two passes. The first learns each
// category's labels (in order of appearance, as ML.NET's one-hot does) and each number's mean; the second writes the
// dense row-major matrix (categories one-hot, booleans 1/0, numbers with missing values as the mean) and the labels.
internal sealed class DenseEncoder
{
    private readonly ModelSchema _schema;
    private readonly List<Dictionary<string, int>> _labels;
    private readonly double[] _means;

    private DenseEncoder(ModelSchema schema, List<Dictionary<string, int>> labels, double[] means)
    {
        _schema = schema;
        _labels = labels;
        _means = means;
        Width = labels.Sum(l => l.Count) + schema.Features.Count(f => f.ColumnType == ColumnType.Boolean) + means.Length;
    }

    public int Width { get; }

    private string[] Categories => [.. _schema.Features.Where(f => f.ColumnType == ColumnType.Category).Select(f => f.Name)];
    private string[] Booleans => [.. _schema.Features.Where(f => f.ColumnType == ColumnType.Boolean).Select(f => f.Name)];
    private string[] Numbers => [.. _schema.Features.Where(f => f.ColumnType.IsNumeric()).Select(f => f.Name)];

    public static DenseEncoder Fit(CsvInput file, ModelSchema schema)
    {
        var categories = schema.Features.Where(f => f.ColumnType == ColumnType.Category).Select(f => file.IndexOf(f.Name)).ToArray();
        var numbers = schema.Features.Where(f => f.ColumnType.IsNumeric()).Select(f => file.IndexOf(f.Name)).ToArray();
        var labels = categories.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToList();
        var sums = new double[numbers.Length];
        var counts = new long[numbers.Length];
        file.ForEach(row =>
        {
            for (var c = 0; c < categories.Length; c++)
            {
                var value = Values.Clean(row[categories[c]]);
                if (value.IsEmpty)
                    continue;
                var lookup = labels[c].GetAlternateLookup<ReadOnlySpan<char>>();
                if (!lookup.ContainsKey(value))
                    lookup[value] = labels[c].Count;
            }

            for (var n = 0; n < numbers.Length; n++)
            {
                if (Values.TryNumber(Values.Clean(row[numbers[n]]), out var x) && double.IsFinite(x))
                {
                    sums[n] += x;
                    counts[n]++;
                }
            }
        });
        return new DenseEncoder(schema, labels, [.. sums.Select((sum, n) => counts[n] > 0 ? sum / counts[n] : 0)]);
    }

    public (float[] Matrix, float[] Labels, int Rows) Encode(CsvInput file)
    {
        var categories = Categories.Select(file.IndexOf).ToArray();
        var booleans = Booleans.Select(file.IndexOf).ToArray();
        var numbers = Numbers.Select(file.IndexOf).ToArray();
        var target = file.IndexOf(_schema.Target);
        var offsets = new int[categories.Length];
        for (var c = 1; c < categories.Length; c++)
            offsets[c] = offsets[c - 1] + _labels[c - 1].Count;
        var booleanStart = _labels.Sum(l => l.Count);
        var numberStart = booleanStart + booleans.Length;
        var matrix = new float[1 << 20];
        var labels = new List<float>();
        var width = Width;
        var positive = _schema.PositiveLabel;
        var rows = 0;
        file.ForEach(row =>
        {
            if ((long)(rows + 1) * width > matrix.Length)
                Array.Resize(ref matrix, matrix.Length * 2);
            var dense = matrix.AsSpan(rows * width, width);
            for (var c = 0; c < categories.Length; c++)
            {
                if (_labels[c].GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(Values.Clean(row[categories[c]]), out var k))
                    dense[offsets[c] + k] = 1;
            }

            for (var b = 0; b < booleans.Length; b++)
                dense[booleanStart + b] = Values.TryBoolean(Values.Clean(row[booleans[b]]), out var v) && v ? 1 : 0;
            for (var n = 0; n < numbers.Length; n++)
                dense[numberStart + n] = Values.TryNumber(Values.Clean(row[numbers[n]]), out var x) && double.IsFinite(x) ? (float)x : (float)_means[n];
            var label = Values.Clean(row[target]);
            labels.Add(label.SequenceEqual(positive) || (positive == "true" && Values.TryBoolean(label, out var t) && t) ? 1 : 0);
            rows++;
        });
        Array.Resize(ref matrix, rows * width);
        return (matrix, [.. labels], rows);
    }
}
