// bench/train's C# side: times Cauce's training and scoring through Cauce.Ml's public API, in a process of its own,
// and prints one JSON line. bench/train/run.sh builds and runs it; see bench/train/README.md.
//
//   cauce-train-bench schema   PROJECT DATASET                  the model schema `cauce train` would use (features, types)
//   cauce-train-bench run      PROJECT DATASET ALGO [REPS] [SCORES_FILE]
//       ModelTrainer.Inspect + ModelTrainer.Train, exactly what `cauce train` runs (minus writing the model and card):
//         read_s       TrainOutcome.ReadSeconds: the train and test files read into memory (Cauce's reader), before the fit
//         fit_s        TrainOutcome.Seconds: the card's training_seconds (featuriser and learner on the rows in memory)
//         steps        TrainOutcome.Steps: where fit_s went (featuriser fit, featurising the rows, standardiser, learner)
//         auc          TrainOutcome.Metrics["roc_auc"] on the test file
//       then scores the test file REPS times (default 3):
//         predict_file_s   model.Read(test, withTarget: false) + model.Score: parse, featurise, predict (median)
//         predict_first_s  the first of those calls (the JIT compiles the scoring path on it)
//         predict_mem_s    model.Score on the test rows already parsed and cached in memory (median)
//   cauce-train-bench twice    PROJECT DATASET ALGO        the fit 6 times in one process: the first (cold: JIT),
//                                                         the second, and the median of the last 3 (warm)
//   cauce-train-bench defaults  the defaults ML.NET's FastForest and LightGBM options carry (what Cauce leaves unset)
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Cauce.Core.Conventions;
using Cauce.Ml;
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
    Console.Error.WriteLine("usage: cauce-train-bench schema|run|twice PROJECT DATASET [ALGO] [REPS] [SCORES_FILE]");
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
        read_s = outcome.ReadSeconds,
        fit_s = outcome.Seconds,
        steps = outcome.Steps.Select(step => new { step = step.Name, seconds = step.Seconds }),
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
    // The same fit six times in one process. The first pays for loading and JIT-compiling ML.NET's code; the next
    // few still run code the runtime has not finished optimising (tiered compilation recompiles hot methods in the
    // background); the median of the last three is the steady state.
    var fits = new List<double>();
    for (var i = 0; i < 6; i++)
    {
        var outcome = ModelTrainer.Train(new TrainRequest(schema, algorithm, trainInput, testInput, settings, seed));
        outcome.Model.Dispose();
        fits.Add(outcome.Seconds);
    }

    Console.WriteLine(JsonSerializer.Serialize(new { side = "cauce-twice", dataset = args[2], algo, first_fit_s = fits[0], second_fit_s = fits[1], warm_fit_s = Median(fits[3..]) }, json));
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
