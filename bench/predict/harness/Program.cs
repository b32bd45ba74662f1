// bench/predict's profile: takes `cauce predict`'s loop (BatchPredictor.Predict) apart through Cauce.Ml's public
// API, in one process, and prints one JSON line of seconds per phase (each phase run ROUNDS times; the first run
// of each pays the JIT). bench/predict/run.sh runs it with PROFILE=1; see bench/predict/README.md.
//
//   cauce-predict-bench PROJECT MODEL FILE [ROUNDS [PHASE,PHASE...]]
//
//   read        CsvInput.ForEach, touching every feature field: Sep's parsing and UTF-8 decoding
//   fill        + FeatureBatch.Set of every feature (parse and check each value), batch by batch, no scoring
//   fill_score  + ScoringEngine.Score of each full batch: what BatchPredictor does, without writing
//   predict     BatchPredictor.Predict itself, to a temporary file: the above plus CsvOutput
//   score_only  ScoringEngine.Score of one 4,096-row batch, filled once, as many times as the file has batches
//   score_parallel  the same batches scored by one engine per core (Environment.ProcessorCount, which
//               DOTNET_PROCESSOR_COUNT sets), each engine on its own copy of the batch: what scoring could reach if
//               the batches were scored in parallel
//   write_only  CsvOutput alone: the file's row count of (row, target, prediction, probability) rows
//   dataview    TrainedModel.Read + TrainedModel.Score: the whole file through ML.NET's IDataView pipeline (the
//               path `cauce train` and `evaluate` score with), for comparison with the row-by-row engine
//   featurise   (ML.NET models: gbt, linreg, svm) the zip loaded with MLContext.Model.Load, its first transformer
//               over the file's IDataView, every row's feature vector read (and checked dense or sparse)
//   learner     the rest of the chain (the trees or the linear model, and a calibrator) over those feature
//               vectors cached in memory: the learner's own cost, without reading or featurising
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Inference;
using Cauce.Ml;
using Cauce.Ml.Modeling;
using Microsoft.ML;
using Microsoft.ML.Data;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: cauce-predict-bench PROJECT MODEL FILE [ROUNDS [PHASE,PHASE...]]");
    return 2;
}

var (project, modelName, file) = (Path.GetFullPath(args[0]), args[1], Path.GetFullPath(args[2]));
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2;
var only = args.Length > 4 ? args[4].Split(',').ToHashSet() : null;
const int BatchRows = 4096;

var loadClock = Stopwatch.StartNew();
var store = new ModelStore(project);
var (card, model) = store.Load(store.Resolve(modelName, project));
var loadSeconds = loadClock.Elapsed.TotalSeconds;
var schema = card.Schema;
var input = CsvInput.Open(file, file);
var features = schema.Features.Select(f => input.IndexOf(f.Name)).ToArray();
var scratch = Path.Combine(Path.GetTempPath(), $"cauce-predict-bench-{Environment.ProcessId}.csv");
long rows = 0;

double Time(Action work)
{
    var clock = Stopwatch.StartNew();
    work();
    return clock.Elapsed.TotalSeconds;
}

void Read()
{
    long sum = 0;
    rows = input.ForEach(row =>
    {
        foreach (var f in features)
            sum += row[f].Length;
    });
    GC.KeepAlive(sum);
}

void Fill(ScoringEngine? engine)
{
    var batch = new FeatureBatch(schema, BatchRows);
    input.ForEach(row =>
    {
        var r = batch.AddRow();
        for (var f = 0; f < features.Length; f++)
        {
            if (batch.Set(f, r, row[features[f]]) is { } problem)
                throw new InvalidOperationException(problem);
        }

        if (batch.IsFull)
        {
            engine?.Score(batch);
            batch.Clear();
        }
    });
    if (batch.Count > 0)
        engine?.Score(batch);
}

void Predict() => BatchPredictor.Predict(new PredictRequest(card, model, input, scratch, []));

FeatureBatch FirstBatch()
{
    var batch = new FeatureBatch(schema, BatchRows);
    input.ForEach(row =>
    {
        if (batch.IsFull)
            return;
        var r = batch.AddRow();
        for (var f = 0; f < features.Length; f++)
            batch.Set(f, r, row[features[f]]);
    });
    return batch;
}

void ScoreOnly()
{
    var batch = FirstBatch();
    var engine = new ScoringEngine(model, batch);
    for (long done = 0; done < rows; done += BatchRows)
        engine.Score(batch);
}

void ScoreParallel()
{
    var workers = Environment.ProcessorCount;
    var batches = Enumerable.Range(0, workers).Select(_ => FirstBatch()).ToArray();
    var engines = batches.Select(b => new ScoringEngine(model, b)).ToArray();
    var total = (rows + BatchRows - 1) / BatchRows;
    Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
    {
        for (var b = w; b < total; b += workers)
            engines[w].Score(batches[w]);
    });
}

void WriteOnly()
{
    using var output = new CsvOutput(scratch, ["row", schema.Target, Prediction.PredictionColumn, Prediction.ProbabilityColumn]);
    for (long i = 1; i <= rows; i++)
    {
        var p = (i % 1000) / 1000.0 + 0.000123;
        output.Field(i.ToString(CultureInfo.InvariantCulture));
        output.Field(i % 4 == 0 ? "true" : "false");
        output.Field(p > 0.5 ? "true" : "false");
        output.Field(Prediction.Format(p));
        output.EndRow();
    }

    output.Commit();
}

void DataView() => GC.KeepAlive(model.Score(model.Read(input, withTarget: false)));

// An ML.NET model's zip is a chain of the featuriser and the learner, timed apart. The models of Cauce's own
// encoding (xgb, lgbm, lr, rf: cauce/features.json beside the learner) have no ML.NET chain; score_only times them.
var ml = new MLContext(seed: 1);
var path = store.PathOf(store.Resolve(modelName, project));
bool mlnet;
using (var zip = System.IO.Compression.ZipFile.OpenRead(path))
    mlnet = zip.GetEntry("cauce/features.json") is null;
var loaded = mlnet ? ml.Model.Load(path, out _) : null;
var featuriser = loaded is TransformerChain<ITransformer> chain ? chain.First() : null;
ITransformer[] learner = loaded is TransformerChain<ITransformer> all ? [.. all.Skip(1)] : [];
long sparseRows = 0;

void Featurise()
{
    if (featuriser is null)
        return;
    var featurised = featuriser.Transform(model.Read(input, withTarget: false));
    var column = featurised.Schema["Features"];
    using var cursor = featurised.GetRowCursor([column]);
    var getter = cursor.GetGetter<VBuffer<float>>(column);
    VBuffer<float> features = default;
    sparseRows = 0;
    while (cursor.MoveNext())
    {
        getter(ref features);
        if (!features.IsDense)
            sparseRows++;
    }
}

IDataView? cached = null;
void Learn()
{
    if (featuriser is null || learner.Length == 0)
        return; // a model of Cauce's encoding: its learner is outside ML.NET (score_only times it with the encoding)
    if (cached is null)
    {
        cached = ml.Data.Cache(featuriser.Transform(model.Read(input, withTarget: false)));
        using var fill = cached.GetRowCursor(cached.Schema);
        while (fill.MoveNext())
        {
        }
    }

    var scored = learner.Aggregate(cached, (data, transformer) => transformer.Transform(data));
    var column = scored.Schema[model.Schema.Task == PredictionTask.Binary ? "Probability" : "Score"];
    using var cursor = scored.GetRowCursor([column]);
    if (column.Type is VectorDataViewType)
    {
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        VBuffer<float> value = default;
        while (cursor.MoveNext())
            getter(ref value);
    }
    else
    {
        var getter = cursor.GetGetter<float>(column);
        var value = 0f;
        while (cursor.MoveNext())
            getter(ref value);
    }
}

var phases = new (string Name, Action Work)[]
{
    ("read", Read),
    ("fill", () => Fill(null)),
    ("fill_score", () => Fill(new ScoringEngine(model, new FeatureBatch(schema, BatchRows)))),
    ("predict", Predict),
    ("score_only", ScoreOnly),
    ("score_parallel", ScoreParallel),
    ("write_only", WriteOnly),
    ("dataview", DataView),
    ("featurise", Featurise),
    ("learner", Learn),
}.Where(p => mlnet || p.Name is not ("featurise" or "learner")).ToArray();
var seconds = new Dictionary<string, double[]>();
var cpu = new Dictionary<string, double[]>();
Read(); // the row count, which score_only and write_only need
foreach (var (name, work) in phases.Where(p => only is null || only.Contains(p.Name)))
{
    var process = Process.GetCurrentProcess();
    seconds[name] = new double[rounds];
    cpu[name] = new double[rounds];
    for (var i = 0; i < rounds; i++)
    {
        var before = process.TotalProcessorTime;
        seconds[name][i] = Time(work);
        process.Refresh();
        cpu[name][i] = (process.TotalProcessorTime - before).TotalSeconds;
    }

    Console.Error.WriteLine($"{name}: {string.Join(", ", seconds[name].Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))} s (CPU {string.Join(", ", cpu[name].Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))} s)");
}

File.Delete(scratch);
Console.WriteLine(JsonSerializer.Serialize(new { model = modelName, rows, load_s = loadSeconds, cores = Environment.ProcessorCount, sparse_rows = sparseRows, seconds, cpu_seconds = cpu }));
return 0;
