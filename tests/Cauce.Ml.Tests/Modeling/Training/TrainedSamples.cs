using System.Collections.Concurrent;
using Cauce.Core.Conventions;
using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Catalog;
using Cauce.Ml.Modeling.Features;
using Cauce.Ml.Modeling.Training;
using Cauce.Ml.Tests.Data.Preparation;

namespace Cauce.Ml.Tests.Modeling.Training;

/// <summary>
/// <c>cauce sample clientes|ventas --rows 4000 --seed 42</c> validated, prepared and split once with the repository's
/// params.yaml, and each algorithm trained on it at most once (with the catalog's defaults and seed 42), for every
/// test class of the <see cref="TrainedSamplesCollection"/>. Tests that write models get a <see cref="SampleProject"/>
/// of their own: a fresh project holding copies of the split files.
/// </summary>
public sealed class TrainedSamples : IDisposable
{
    public const int Rows = 4_000;
    public const int Seed = 42;
    public const string Clientes = "clientes";
    public const string Ventas = "ventas";

    /// <summary>A class of clientes the ad hoc multiclass models predict: Mensual, Anual or Bianual.</summary>
    public const string MulticlassTarget = "tipo_contrato";

    /// <summary>One model of each algorithm that exports to ONNX (all but xgb) on its sample: binary on clientes, regression on ventas.</summary>
    public static TheoryData<string, string> ExportableModels { get; } = new()
    {
        { Clientes, "rf" }, { Clientes, "lgbm" }, { Clientes, "gbt" }, { Clientes, "lr" }, { Clientes, "svm" },
        { Ventas, "linreg" }, { Ventas, "gbt" }, { Ventas, "rf" }, { Ventas, "lgbm" },
    };

    private readonly ConcurrentDictionary<(string Dataset, string Algo, string Target), TrainOutcome> _outcomes = new();

    public TrainedSamples()
    {
        Data = DataProject.WithRepositoryParams();
        foreach (var dataset in new[] { Clientes, Ventas })
        {
            var config = Data.Config(dataset);
            Data.WriteSample(dataset, Rows, Seed, config.RawPath);
            var validation = Data.Validate(dataset);
            if (!validation.Passed)
                throw new InvalidOperationException($"the {dataset} sample does not validate: {string.Join("; ", validation.Findings.Select(f => f.Message))}");
            Data.Prepare(dataset);
            Data.Split(dataset);
        }
    }

    public DataProject Data { get; }

    public string Root => Data.Root;

    public DatasetConfig Config(string dataset) => Data.Config(dataset);

    public static string TrainPath(DatasetConfig config) => config.ProcessedName.AsSplit(SplitPart.Train).RelativePath;

    public static string TestPath(DatasetConfig config) => config.ProcessedName.AsSplit(SplitPart.Test).RelativePath;

    public CsvInput Train(string dataset) => Open(TrainPath(Config(dataset)));

    public CsvInput Test(string dataset) => Open(TestPath(Config(dataset)));

    public CsvInput Open(string relative) => CsvInput.Open(Data.Folder.Path(relative), relative);

    /// <summary>What a model of <paramref name="dataset"/> reads, as <c>cauce train</c> decides it (declared types win).</summary>
    public ModelSchema Schema(string dataset, string? target = null)
    {
        var config = Config(dataset);
        return target is null || target == config.Target
            ? ModelTrainer.Inspect(Train(dataset), config.Target!, config.Task, config.DeclaredTypes)
            : ModelTrainer.Inspect(Train(dataset), target, PredictionTask.Multiclass, config.DeclaredTypes);
    }

    public TrainRequest Request(string dataset, string algo, string? target = null)
    {
        var schema = Schema(dataset, target);
        return new TrainRequest(schema, AlgorithmCatalog.For(algo, schema.Task), Train(dataset), Test(dataset), SettingsFor(schema.Task, algo), Seed);
    }

    /// <summary>The catalog's defaults, except that the boosters of a multiclass target (one tree per class per round) get fewer rounds, to keep the suite quick.</summary>
    private static Dictionary<string, double> SettingsFor(PredictionTask task, string algo) => (task, algo) switch
    {
        (PredictionTask.Multiclass, "lgbm") => new() { ["rounds"] = 40, ["learning_rate"] = 0.1 },
        (PredictionTask.Multiclass, "xgb") => new() { ["rounds"] = 30 },
        _ => [],
    };

    /// <summary>A fresh training of <paramref name="algo"/> with the defaults: the caller owns (and disposes) its model.</summary>
    public TrainOutcome TrainAgain(string dataset, string algo, string? target = null) =>
        ModelTrainer.Train(Request(dataset, algo, target));

    /// <summary>The one training of <paramref name="algo"/> on <paramref name="dataset"/> that the tests share; do not dispose its model.</summary>
    public TrainOutcome Trained(string dataset, string algo, string? target = null) =>
        _outcomes.GetOrAdd((dataset, algo, target ?? Config(dataset).Target!), _ => TrainAgain(dataset, algo, target));

    /// <summary>Saves the shared model of <paramref name="algo"/> as <c>models/&lt;algo&gt;_&lt;dataset&gt;_v1.zip</c> in <paramref name="folder"/>; its path.</summary>
    public string SaveTo(TempFolder folder, string dataset, string algo, string? target = null)
    {
        var path = folder.Path($"models/{algo}_{dataset}_v1.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Trained(dataset, algo, target).Model.Save(path);
        return path;
    }

    /// <summary>The model's scores of the test split.</summary>
    public Scores ScoreTest(TrainedModel model, string dataset) => model.Score(model.Read(Test(dataset), withTarget: false));

    public SampleProject NewProject() => SampleProject.CopyOf(this);

    public void Dispose()
    {
        foreach (var outcome in _outcomes.Values)
            outcome.Model.Dispose();
        Data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TrainedSamplesCollection : ICollectionFixture<TrainedSamples>
{
    public const string Name = "trained samples";
}

/// <summary>A fresh project with the repository's params.yaml and copies of the samples' split files; jobs run in it as <c>cauce train</c> runs them.</summary>
public sealed class SampleProject : IDisposable
{
    /// <summary>The "now" of every run: cards carry it as <c>created</c>.</summary>
    public static readonly DateTimeOffset Now = new(2025, 10, 2, 8, 30, 15, TimeSpan.Zero);

    public const string CauceVersion = "0.1.0";

    private SampleProject(TempFolder folder) => Folder = folder;

    public TempFolder Folder { get; }

    public string Root => Folder.Root;

    public ModelStore Store => new(Root);

    public RunLog Log => new(Root);

    public static SampleProject CopyOf(TrainedSamples samples)
    {
        var folder = new TempFolder().AsProject();
        File.Copy(samples.Data.Folder.Path("params.yaml"), folder.Path("params.yaml"));
        foreach (var dataset in new[] { TrainedSamples.Clientes, TrainedSamples.Ventas })
        {
            var config = samples.Config(dataset);
            foreach (var relative in new[] { TrainedSamples.TrainPath(config), TrainedSamples.TestPath(config) })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(folder.Path(relative))!);
                File.Copy(samples.Data.Folder.Path(relative), folder.Path(relative));
            }
        }

        return new SampleProject(folder);
    }

    public DatasetConfig Config(string dataset) => DatasetCatalog.Load(Root).Get(dataset);

    public CsvInput Open(string relative) => CsvInput.Open(Folder.Path(relative), relative);

    public string TrainPath(string dataset) => TrainedSamples.TrainPath(Config(dataset));

    public string TestPath(string dataset) => TrainedSamples.TestPath(Config(dataset));

    /// <summary>The job <c>cauce train DATASET --algo …</c> builds from params.yaml.</summary>
    public TrainingJob Job(
        string dataset,
        IReadOnlyList<string> algos,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? settings = null,
        IReadOnlyDictionary<string, int>? versions = null,
        int folds = 0)
    {
        var config = Config(dataset);
        return new TrainingJob(
            dataset,
            Open(TrainPath(dataset)),
            Open(TestPath(dataset)),
            config.Target!,
            config.Task,
            algos,
            settings ?? config.Train.Settings,
            versions ?? config.Train.Versions,
            (int)config.Seed,
            folds)
        {
            Declared = config.DeclaredTypes,
        };
    }

    /// <summary>The job <c>cauce train --train … --test … --target … --name … --task …</c> builds.</summary>
    public TrainingJob AdHoc(string name, string train, string? test, string target, PredictionTask? task, IReadOnlyList<string> algos, int folds = 0) =>
        new(name, Open(train), test is null ? null : Open(test), target, task, algos,
            new Dictionary<string, IReadOnlyDictionary<string, double>>(), new Dictionary<string, int>(), TrainedSamples.Seed, folds);

    public IReadOnlyList<ModelCard> Run(TrainingJob job) => job.Run(Root, Now, CauceVersion, _ => null);

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Settings(string algo, params (string Name, double Value)[] values) =>
        new Dictionary<string, IReadOnlyDictionary<string, double>> { [algo] = values.ToDictionary(v => v.Name, v => v.Value) };

    /// <summary>Every file under models/, by name, with its bytes.</summary>
    public SortedDictionary<string, byte[]> Models()
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var folder = Folder.Path("models");
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
                files[Path.GetFileName(file)] = File.ReadAllBytes(file);
        }

        return files;
    }

    public void Dispose() => Folder.Dispose();
}
