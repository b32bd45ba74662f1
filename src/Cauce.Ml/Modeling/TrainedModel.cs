using System.IO.Compression;
using Cauce.Core.IO;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Modeling.Features;
using Cauce.Ml.Modeling.Forest;
using Cauce.Ml.Modeling.LightGbm;
using Cauce.Ml.Modeling.Linear;
using Cauce.Ml.Modeling.Training;
using Cauce.Ml.Modeling.XgBoost;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Modeling;

/// <summary>
/// A model in memory, ready to score: an ML.NET transformer (featuriser and learner), or Cauce's feature encoding
/// and a learner that reads its matrix (<see cref="IMatrixPredictor"/>): XGBoost's booster (xgb), LightGBM's
/// (lgbm), Cauce's logistic regression (lr) or Cauce's random forest (rf), with no ML.NET at all.
/// <para>On disk an ML.NET model is ML.NET's model zip, loadable with <c>MLContext.Model.Load</c>. The zip of the
/// others holds <c>cauce/features.json</c> (how a row becomes the learner's columns, <see cref="FeatureEncoding"/>)
/// and the learner's own entry: <c>cauce/xgboost.json</c>, the booster in XGBoost's JSON format,
/// <c>cauce/lightgbm.txt</c>, <c>cauce/logistic.json</c> or <c>cauce/forest.json</c>. Zip entries get a fixed timestamp, so the same model gives the same bytes.</para>
/// </summary>
public sealed class TrainedModel : IDisposable
{
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>An ML.NET model: the transformer and the schema of the rows it reads.</summary>
    internal TrainedModel(MLContext ml, ModelSchema schema, ITransformer transformer, DataViewSchema inputSchema)
    {
        Ml = ml;
        Schema = schema;
        Transformer = transformer;
        InputSchema = inputSchema;
    }

    /// <summary>A model of Cauce's encoding and a learner fed its matrix.</summary>
    internal TrainedModel(MLContext ml, ModelSchema schema, FeatureEncoding encoding, IMatrixPredictor predictor)
    {
        if (encoding.Columns != predictor.Columns)
            throw new InvalidDataException($"{FeatureEncoding.Entry} makes {encoding.Columns} columns, {predictor.Entry} reads {predictor.Columns}");
        Ml = ml;
        Schema = schema;
        Encoding = encoding;
        Predictor = predictor;
    }

    public ModelSchema Schema { get; }

    internal MLContext Ml { get; }

    /// <summary>The ML.NET transformer; null for a model of Cauce's encoding.</summary>
    internal ITransformer? Transformer { get; }

    /// <summary>The rows the ML.NET transformer reads; null for a model of Cauce's encoding.</summary>
    internal DataViewSchema? InputSchema { get; }

    /// <summary>The learner fed the encoding's matrix; null for ML.NET models.</summary>
    internal IMatrixPredictor? Predictor { get; }

    /// <summary>XGBoost's booster (xgb); null for the others.</summary>
    internal XgbBooster? Booster => Predictor as XgbBooster;

    /// <summary>How a row becomes the learner's columns; null for ML.NET models.</summary>
    internal FeatureEncoding? Encoding { get; }

    /// <summary>
    /// The ML.NET transformer's column holding the score: P(positive) for a binary task, the class probabilities
    /// (multiclass) or the value (regression).
    /// </summary>
    internal string OutputColumn => Schema.Task == PredictionTask.Binary ? "Probability" : "Score";

    /// <summary>Reads a CSV's features (and target, when <paramref name="withTarget"/>) as this model expects them.</summary>
    public IDataView Read(CsvInput file, bool withTarget) => ModelRows.Read(file, Schema, withTarget);

    public Scores Score(IDataView data)
    {
        if (Predictor is not null)
        {
            // The learner's matrix written with the model's encoding, as in training: straight from rows Cauce read,
            // through a cursor from any other view.
            var (matrix, rows) = data is ModelRows modelRows ? (Encoding!.Matrix(modelRows), (int)modelRows.Rows) : Encoding!.Matrix(data);
            var values = new double[rows * Schema.Outputs];
            Predictor.Predict(matrix, rows, values);
            return new Scores(Schema.Task, rows, values, Schema.Classes);
        }

        var transformed = Transformer!.Transform(data);
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
        using var pending = AtomicFile.Begin(path);
        using (var target = new ZipArchive(pending.Stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (Predictor is not null)
            {
                Write(target, FeatureEncoding.Entry, Encoding!.Save());
                Write(target, Predictor.Entry, Predictor.Save());
            }
            else
            {
                using var raw = new MemoryStream();
                Ml.Model.Save(Transformer!, InputSchema!, raw);
                raw.Position = 0;
                using var source = new ZipArchive(raw, ZipArchiveMode.Read);
                foreach (var entry in source.Entries)
                {
                    using var from = entry.Open();
                    Copy(target, entry.FullName, from);
                }
            }
        }

        pending.Commit();
    }

    /// <summary>
    /// Loads a model written by <see cref="Save"/>. A file that is not one is an <see cref="InvalidDataException"/>
    /// (or ML.NET's own error) saying so: an xgb zip from before Cauce kept its own feature encoding among them.
    /// An lr or rf zip written before Cauce fitted its own logistic regression and forest is ML.NET's, and still loads as one.
    /// </summary>
    public static TrainedModel Load(string path, ModelSchema schema, int seed)
    {
        var ml = new MLContext(seed);
        using var stream = File.OpenRead(path);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true))
        {
            // The learner's entry names its kind; beside it, the encoding that makes its columns.
            var learner = new[] { XgbBooster.FileEntry, LogisticModel.FileEntry, ForestModel.FileEntry, LgbmBooster.FileEntry }.Select(zip.GetEntry).FirstOrDefault(e => e is not null);
            if (learner is not null)
            {
                var encodingEntry = zip.GetEntry(FeatureEncoding.Entry)
                    ?? throw new InvalidDataException(learner.FullName == XgbBooster.FileEntry
                        ? $"it is an xgb model without {FeatureEncoding.Entry}, written by an earlier Cauce whose xgb models kept ML.NET's featuriser"
                        : $"it holds {learner.FullName} without {FeatureEncoding.Entry}, how a row becomes its columns");
                var encoding = FeatureEncoding.Load(Bytes(encodingEntry), schema);
                IMatrixPredictor predictor = learner.FullName switch
                {
                    XgbBooster.FileEntry => XgbBooster.Load(Bytes(learner)),
                    LogisticModel.FileEntry => LogisticModel.Load(Bytes(learner), schema, encoding.Columns),
                    LgbmBooster.FileEntry => LgbmBooster.Load(Bytes(learner), schema.Outputs),
                    _ => ForestModel.Load(Bytes(learner), schema, encoding.Columns),
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
        }

        stream.Position = 0;
        var transformer = ml.Model.Load(stream, out var inputSchema);
        return new TrainedModel(ml, schema, transformer, inputSchema);
    }

    private static byte[] Bytes(ZipArchiveEntry entry)
    {
        using var content = entry.Open();
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        return buffer.ToArray();
    }

    public void Dispose() => Predictor?.Dispose();

    private static void Write(ZipArchive target, string name, byte[] content)
    {
        using var from = new MemoryStream(content);
        Copy(target, name, from);
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
