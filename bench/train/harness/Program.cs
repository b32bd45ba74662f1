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
//       The same fit taken apart step by step, each step timed, with the internal pieces ModelTrainer.Fit uses
//       (ModelData.Read, MlNetEstimators, DenseFeatures, ModelTrainer.XgbParameters; called by reflection, see
//       Internals). Diagnostic only.
//   cauce-train-bench twice    PROJECT DATASET ALGO        the fit 6 times in one process: the first (cold: JIT),
//                                                         the second, and the median of the last 3 (warm)
//   cauce-train-bench variants PROJECT DATASET ALGO INDEX  changes to the fit worth measuring, built from the same
//                                                         pieces, each timed and judged on the test file
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

// The fit of ModelTrainer.Fit, step by step: the same internal pieces of Cauce.Ml (see Internals), each step timed.
object Phases()
{
    var steps = new List<KeyValuePair<string, double>>();
    T Step<T>(string name, Func<T> work)
    {
        var watch = Stopwatch.StartNew();
        var result = work();
        steps.Add(new(name, watch.Elapsed.TotalSeconds));
        return result;
    }

    var ml = new MLContext(seed);
    var train = Internals.Read(ml, trainInput, schema);
    Step("(diagnostic) parse the training CSV once", () => { Drain(train); return 0; });
    var passes = algorithm.Standardises ? "one-hot dictionary, means, standardisation: a pass each" : "one-hot dictionary, means: a pass each";
    var featurizer = Step($"featuriser fit ({passes}) — parses the CSV", () => Internals.Featurizer(ml, schema, algorithm.Standardises).Fit(train));
    var featurized = featurizer.Transform(train);
    double? learnerSeconds = null;
    object? details = null;

    if (algo == "xgb")
    {
        var (matrix, labels, rows, width) = Step("dense matrix and labels in one pass (DenseFeatures.ReadWithLabels) — parses the CSV", () => Internals.DenseWithLabels(featurized, schema.Task));
        var parameters = Internals.XgbParameters(schema, settings, seed);
        using var booster = Step("XgbBooster.Train (XGDMatrixCreateFromMat + the rounds)", () => XgbBooster.Train(matrix, rows, width, labels, parameters, (int)settings["rounds"]));
        learnerSeconds = steps[^1].Value;
        using var one = Step("(diagnostic) XgbBooster.Train with 1 round: the fixed cost (DMatrix, quantiles)", () => XgbBooster.Train(matrix, rows, width, labels, parameters, 1));
        // How the matrix reaches XGBoost: Cauce calls XGDMatrixCreateFromMat (one thread); the library also has an
        // OpenMP version, and Python's DMatrix uses XGDMatrixCreateFromDense (an array interface, nthread threads).
        Step("(diagnostic) XGDMatrixCreateFromMat alone (what XgbBooster does)", () => XgbProbe.FromMat(matrix, rows, width));
        Step("(diagnostic) XGDMatrixCreateFromMat_omp alone, nthread threads", () => XgbProbe.FromMatOmp(matrix, rows, width, Environment.ProcessorCount));
        Step("(diagnostic) XGDMatrixCreateFromDense alone, nthread threads (Python's DMatrix)", () => XgbProbe.FromDense(matrix, rows, width, Environment.ProcessorCount));
        details = new { rows, columns = width, parameters };
    }
    else
    {
        var source = featurized;
        if (!Internals.KeepsRowsInMemory(algorithm))
        {
            source = ml.Data.Cache(featurized);
            Step("featurise into the cache (AppendCacheCheckpoint) — parses the CSV again", () => { Drain(source); return 0; });
        }

        var learner = algo switch
        {
            "rf" => "FastForest fit (bins the rows into its dataset — parses the CSV again — and grows the trees), then Platt calibration (scores every training row — parses it once more)",
            "lgbm" => "LightGBM fit (copies the rows into a LightGBM Dataset — parses the CSV again — bins, boosts)",
            "lr" => "L-BFGS fit (loads the featurised rows into memory — parses the CSV again — then iterates)",
            _ => $"{algo} fit",
        };
        Step(learner, () => Internals.Trainer(ml, algorithm, schema.Task, settings, seed).Fit(source));
        learnerSeconds = steps[^1].Value;
        var one = algo switch
        {
            "rf" => ("trees", "FastForest with 1 tree: the fixed cost (binning, transposing, calibration)"),
            "lgbm" => ("rounds", "LightGBM with 1 round: the fixed cost (the Dataset, binning)"),
            _ => default,
        };
        if (one.Item1 is { } name)
            Step($"(diagnostic) {one.Item2}", () => Internals.Trainer(ml, algorithm, schema.Task, With(name, 1), seed).Fit(source));
    }

    return new
    {
        side = "cauce-phases",
        dataset = args[2],
        algo,
        steps = steps.Select(p => new { step = p.Key, seconds = p.Value }),
        fit_s = steps.Where(p => !p.Key.StartsWith('(')).Sum(p => p.Value),
        learner_s = learnerSeconds,
        details,
    };
}

// The settings with one changed.
Dictionary<string, double> With(string name, double value) => new(settings) { [name] = value };

// Changes to Cauce's fit worth measuring, each timed as ModelTrainer.Train times its fit (the CSV opened before the
// clock, parsed inside it) and judged on the test file with Cauce's ROC AUC. Index 0 is the fit as Cauce does it.
object? Variants(int only)
{
    var testMl = new MLContext(seed);
    var testView = testMl.Data.Cache(Internals.Read(testMl, testInput, schema));
    Drain(testView);
    var actual = testView.GetColumn<bool>("Label").ToArray();

    var variants = new List<(string Name, Func<MLContext, IDataView, (Func<IDataView, double[]> Score, double Seconds)> Fit)>();
    if (algo == "xgb")
    {
        variants.Add(("as Cauce fits it: featuriser fit, matrix and labels in one pass, XgbBooster.Train", (ml, train) => Xgb(ml, train, parseOnce: false)));
        variants.Add(("parse the CSV once: ml.Data.Cache of the raw columns before the featuriser", (ml, train) => Xgb(ml, train, parseOnce: true)));
        variants.Add(("Cauce's own CSV reader (CsvInput.ForEach) straight into the matrix: 2 passes, no ML.NET", (_, _) =>
        {
            var watch = Stopwatch.StartNew();
            var encoder = DenseEncoder.Fit(trainInput, schema);
            var (matrix, labels, rows) = encoder.Encode(trainInput);
            var booster = XgbBooster.Train(matrix, rows, encoder.Width, labels, Internals.XgbParameters(schema, settings, seed), (int)settings["rounds"]);
            var seconds = watch.Elapsed.TotalSeconds;
            var (testMatrix, _, testRows) = encoder.Encode(testInput);
            var probabilities = booster.Predict(testMatrix, testRows, encoder.Width).Select(v => (double)v).ToArray();
            return (_ => probabilities, seconds);
        }));
    }
    else
    {
        var keeps = Internals.KeepsRowsInMemory(algorithm);
        variants.Add(("as Cauce fits it", (ml, train) => Pipeline(ml, train, parseOnce: false, checkpoint: !keeps, settings)));
        variants.Add(("parse the CSV once: ml.Data.Cache of the raw columns before the featuriser", (ml, train) => Pipeline(ml, train, parseOnce: true, checkpoint: !keeps, settings)));
        variants.Add((keeps ? "with a cache checkpoint before the learner" : "without the cache checkpoint", (ml, train) => Pipeline(ml, train, parseOnce: false, checkpoint: keeps, settings)));
    }

    if (only >= variants.Count)
        return null;
    var ml = new MLContext(seed);
    var train = Internals.Read(ml, trainInput, schema);
    var (score, seconds) = variants[only].Fit(ml, train);
    var auc = Cauce.Ml.Modeling.Evaluation.Metrics.Binary(actual, score(testView))["roc_auc"];
    return new { side = "cauce-variants", dataset = args[2], algo, index = only, variant = new { variant = variants[only].Name, fit_s = seconds, auc } };

    (Func<IDataView, double[]>, double) Xgb(MLContext ml, IDataView train, bool parseOnce)
    {
        var watch = Stopwatch.StartNew();
        var source = parseOnce ? ml.Data.Cache(train) : train;
        var featurizer = Internals.Featurizer(ml, schema, standardise: false).Fit(source);
        var (matrix, labels, rows, width) = Internals.DenseWithLabels(featurizer.Transform(source), schema.Task);
        var booster = XgbBooster.Train(matrix, rows, width, labels, Internals.XgbParameters(schema, settings, seed), (int)settings["rounds"]);
        var seconds = watch.Elapsed.TotalSeconds;
        return (view =>
        {
            var (m, _, r, w) = Internals.DenseWithLabels(featurizer.Transform(view), schema.Task);
            return [.. booster.Predict(m, r, w).Select(v => (double)v)];
        }, seconds);
    }

    (Func<IDataView, double[]>, double) Pipeline(MLContext ml, IDataView train, bool parseOnce, bool checkpoint, IReadOnlyDictionary<string, double> s)
    {
        var watch = Stopwatch.StartNew();
        var source = parseOnce ? ml.Data.Cache(train) : train;
        var featurizer = Internals.Featurizer(ml, schema, algorithm.Standardises);
        var trainer = Internals.Trainer(ml, algorithm, schema.Task, s, seed);
        var model = (checkpoint ? featurizer.AppendCacheCheckpoint(ml).Append(trainer) : featurizer.Append(trainer)).Fit(source);
        var seconds = watch.Elapsed.TotalSeconds;
        return (view => [.. model.Transform(view).GetColumn<float>("Probability").Select(p => (double)p)], seconds);
    }
}

// Cauce.Ml's internal pieces of ModelTrainer.Fit, called by reflection, so that the breakdown and the variants time
// the code `cauce train` runs rather than a copy of it that could drift.
internal static class Internals
{
    private static readonly Assembly Ml = typeof(ModelTrainer).Assembly;

    public static IDataView Read(MLContext ml, CsvInput file, ModelSchema schema) =>
        Call<IDataView>("Features.ModelData", "Read", ml, file, schema, true);

    public static IEstimator<ITransformer> Featurizer(MLContext ml, ModelSchema schema, bool standardise) =>
        Call<IEstimator<ITransformer>>("Training.MlNetEstimators", "Featurizer", ml, schema, standardise);

    public static IEstimator<ITransformer> Trainer(MLContext ml, AlgorithmInfo algorithm, PredictionTask task, IReadOnlyDictionary<string, double> settings, int seed) =>
        Call<IEstimator<ITransformer>>("Training.MlNetEstimators", "Trainer", ml, algorithm, task, settings, seed);

    public static bool KeepsRowsInMemory(AlgorithmInfo algorithm) => Call<bool>("Training.MlNetEstimators", "KeepsRowsInMemory", algorithm);

    public static (float[] Matrix, float[] Labels, int Rows, int Columns) DenseWithLabels(IDataView featurized, PredictionTask task) =>
        Call<(float[], float[], int, int)>("Training.DenseFeatures", "ReadWithLabels", featurized, task);

    public static Dictionary<string, string> XgbParameters(ModelSchema schema, IReadOnlyDictionary<string, double> settings, int seed) =>
        Call<Dictionary<string, string>>("Training.ModelTrainer", "XgbParameters", schema, settings, seed);

    private static T Call<T>(string type, string method, params object[] arguments)
    {
        var found = Ml.GetType("Cauce.Ml.Modeling." + type, throwOnError: true)!
            .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == method && m.GetParameters().Length == arguments.Length);
        return (T)found.Invoke(null, arguments)!;
    }
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
