using System.IO.Compression;
using Cauce.Core.IO;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Modeling.Features;
using Cauce.Ml.Modeling.Training;
using Cauce.Ml.Modeling.XgBoost;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Modeling;

/// <summary>
/// A model in memory, ready to score: the ML.NET transformer (featuriser and trainer; for xgb the featuriser alone)
/// and, for xgb, the XGBoost booster that reads the featuriser's output.
/// <para>On disk it is ML.NET's model zip, loadable with <c>MLContext.Model.Load</c>. An xgb model's zip also holds
/// <c>cauce/xgboost.json</c>, the booster in XGBoost's own JSON format. Zip entries get a fixed timestamp, so the
/// same model gives the same bytes.</para>
/// </summary>
public sealed class TrainedModel : IDisposable
{
    private const string BoosterEntry = "cauce/xgboost.json";
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal TrainedModel(MLContext ml, ModelSchema schema, ITransformer transformer, DataViewSchema inputSchema, XgbBooster? booster)
    {
        Ml = ml;
        Schema = schema;
        Transformer = transformer;
        InputSchema = inputSchema;
        Booster = booster;
        _encoding = new(() => booster is not null && FeatureEncoding.Read(transformer, schema) is { } encoding && encoding.Columns == booster.Columns ? encoding : null);
    }

    public ModelSchema Schema { get; }

    internal MLContext Ml { get; }

    internal ITransformer Transformer { get; }

    internal DataViewSchema InputSchema { get; }

    internal XgbBooster? Booster { get; }

    /// <summary>
    /// For xgb, the featuriser's encoding (read off it once, on first use): how a batch or rows in memory become
    /// the booster's matrix without ML.NET's row-by-row transforms. Null for other models, or where it cannot be read.
    /// </summary>
    internal FeatureEncoding? Encoding => _encoding.Value;

    private readonly Lazy<FeatureEncoding?> _encoding;

    /// <summary>
    /// The transformer's column holding the score: the features (xgb, scored by the booster), P(positive) for a
    /// binary task, the class probabilities (multiclass) or the value (regression).
    /// </summary>
    internal string OutputColumn => Booster is not null ? MlNetEstimators.FeaturesColumn : Schema.Task == PredictionTask.Binary ? "Probability" : "Score";

    /// <summary>Reads a CSV's features (and target, when <paramref name="withTarget"/>) as this model expects them.</summary>
    public IDataView Read(CsvInput file, bool withTarget) => ModelRows.Read(file, Schema, withTarget);

    public Scores Score(IDataView data)
    {
        // xgb on rows read by Cauce: the booster's matrix written with the featuriser's encoding, as in training.
        if (data is ModelRows rows && Encoding is { } encoding)
            return ScoreWithBooster(encoding.Matrix(rows), (int)rows.Rows, encoding.Columns);
        var transformed = Transformer.Transform(data);
        if (Booster is not null)
        {
            var (matrix, count, columns) = DenseFeatures.Read(transformed);
            return ScoreWithBooster(matrix, count, columns);
        }

        return Schema.Task switch
        {
            PredictionTask.Binary => new Scores(Schema.Task, 0, [.. transformed.GetColumn<float>(OutputColumn).Select(p => (double)p)], 2).Sized(),
            PredictionTask.Multiclass => new Scores(Schema.Task, 0, [.. transformed.GetColumn<VBuffer<float>>(OutputColumn).SelectMany(v => v.DenseValues().Select(p => (double)p))], Schema.Labels.Count).Sized(),
            _ => new Scores(Schema.Task, 0, [.. transformed.GetColumn<float>(OutputColumn).Select(p => (double)p)], 0).Sized(),
        };
    }

    /// <summary>The true labels of data read with its target: class index (classifiers) or value (regression).</summary>
    internal double[] Actual(IDataView data) => Schema.Task switch
    {
        PredictionTask.Binary => [.. data.GetColumn<bool>(ModelSchema.Label).Select(b => b ? 1.0 : 0.0)],
        PredictionTask.Multiclass => [.. data.GetColumn<uint>(ModelSchema.Label).Select(k => (double)(k - 1))],
        _ => [.. data.GetColumn<float>(ModelSchema.Label).Select(v => (double)v)],
    };

    /// <summary>Writes the model atomically to <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        using var raw = new MemoryStream();
        Ml.Model.Save(Transformer, InputSchema, raw);
        raw.Position = 0;
        using var pending = AtomicFile.Begin(path);
        using (var source = new ZipArchive(raw, ZipArchiveMode.Read))
        using (var target = new ZipArchive(pending.Stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                Copy(target, entry.FullName, from);
            }

            if (Booster is not null)
            {
                using var booster = new MemoryStream(Booster.Save());
                Copy(target, BoosterEntry, booster);
            }
        }

        pending.Commit();
    }

    public static TrainedModel Load(string path, ModelSchema schema, int seed)
    {
        var ml = new MLContext(seed);
        using var stream = File.OpenRead(path);
        var transformer = ml.Model.Load(stream, out var inputSchema);
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        XgbBooster? booster = null;
        if (zip.GetEntry(BoosterEntry) is { } entry)
        {
            using var content = entry.Open();
            using var buffer = new MemoryStream();
            content.CopyTo(buffer);
            booster = XgbBooster.Load(buffer.ToArray());
        }

        return new TrainedModel(ml, schema, transformer, inputSchema, booster);
    }

    public void Dispose() => Booster?.Dispose();

    private Scores ScoreWithBooster(float[] matrix, int rows, int columns)
    {
        var raw = Booster!.Predict(matrix, rows, columns);
        var classes = Schema.Task == PredictionTask.Multiclass ? Schema.Labels.Count : Schema.Task == PredictionTask.Binary ? 2 : 0;
        return new Scores(Schema.Task, rows, [.. raw.Select(v => (double)v)], classes);
    }

    private static void Copy(ZipArchive target, string name, Stream content)
    {
        var entry = target.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        using var to = entry.Open();
        content.CopyTo(to);
    }
}

internal static class ScoresExtensions
{
    /// <summary>Sets the row count from the values.</summary>
    public static Scores Sized(this Scores scores) =>
        scores with { Rows = scores.Task == PredictionTask.Multiclass ? scores.Values.Length / Math.Max(scores.Classes, 1) : scores.Values.Length };
}
