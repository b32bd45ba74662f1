using Cauce.Ml.Data.Csv;
using Cauce.Ml.Modeling.Features;
using Cauce.Ml.Randomness;
using Microsoft.Data.Analysis;
using Microsoft.ML;

namespace Cauce.Ml.Modeling.Evaluation;

/// <summary>How much a feature matters: the drop in the main metric when its values are shuffled.</summary>
public sealed record FeatureImportance(string Feature, double Drop);

/// <summary>A model measured on one labelled file: metrics, and what the figures are drawn from.</summary>
public sealed record EvaluationResult
{
    public required ModelCard Card { get; init; }

    public required string Data { get; init; }

    public required long Rows { get; init; }

    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>Per row: the class index (classifiers) or the value (regression).</summary>
    public required double[] Actual { get; init; }

    public required Scores Scores { get; init; }

    public IReadOnlyList<(double FalsePositiveRate, double TruePositiveRate, double Threshold)> Roc { get; init; } = [];

    public IReadOnlyList<(double Recall, double Precision, double Threshold)> PrecisionRecall { get; init; } = [];

    public ConfusionMatrix? Confusion { get; init; }

    /// <summary>Features by permutation importance, most important first.</summary>
    public required IReadOnlyList<FeatureImportance> Importance { get; init; }

    /// <summary>How many rows the importance was measured on (a seeded sample of large files).</summary>
    public required long ImportanceRows { get; init; }
}

/// <summary>
/// Measures a saved model on a labelled file with Cauce's own metrics, and computes what the evaluation figures
/// show: ROC and precision–recall curves, the confusion matrix, residuals, and permutation feature importance
/// (each feature's values shuffled, seeded, on up to <see cref="ImportanceRows"/> rows; the importance is how much
/// the main metric drops).
/// </summary>
public static class ModelEvaluator
{
    public const int ImportanceRows = 5000;

    public static EvaluationResult Evaluate(TrainedModel model, ModelCard card, CsvInput data, int seed, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var view = model.Read(data, withTarget: true);
        var scores = model.Score(view);
        var actual = model.Actual(view);
        var task = model.Schema.Task;
        var metrics = Compute(task, actual, scores);
        progress?.Report(0.2);
        var result = new EvaluationResult
        {
            Card = card,
            Data = data.DisplayPath,
            Rows = actual.Length,
            Metrics = metrics,
            Actual = actual,
            Scores = scores,
            Importance = Importance(model, view, metrics, seed, progress.Slice(0.2, 1), cancellationToken, out var importanceRows),
            ImportanceRows = importanceRows,
        };
        if (task == PredictionTask.Binary)
        {
            bool[] positive = [.. actual.Select(a => a == 1)];
            result = result with { Roc = Curves.Roc(positive, scores.Values), PrecisionRecall = Curves.PrecisionRecall(positive, scores.Values) };
        }

        if (task.IsClassification())
            result = result with { Confusion = ConfusionMatrix.For([.. actual.Select(a => (int)a)], scores.PredictedClasses(), model.Schema.Labels) };
        return result;
    }

    private static IReadOnlyDictionary<string, double> Compute(PredictionTask task, double[] actual, Scores scores) => task switch
    {
        PredictionTask.Binary => Metrics.Binary([.. actual.Select(a => a == 1)], scores.Values),
        PredictionTask.Multiclass => Metrics.Multiclass([.. actual.Select(a => (int)a)], scores.Values, scores.Classes),
        _ => Metrics.Regression(actual, scores.Values),
    };

    private static IReadOnlyList<FeatureImportance> Importance(TrainedModel model, IDataView view, IReadOnlyDictionary<string, double> baseline, int seed, IProgress<double>? progress, CancellationToken cancellationToken, out long rows)
    {
        var (main, higher) = Metrics.MainMetric(model.Schema.Task);
        var sampled = model.Ml.Data.TakeRows(model.Ml.Data.ShuffleRows(view, seed), ImportanceRows);
        var frame = sampled.ToDataFrame(ImportanceRows);
        rows = frame.Rows.Count;
        var actual = model.Actual(frame);
        var reference = Compute(model.Schema.Task, actual, model.Score(frame))[main];
        var random = new SeededRandom((ulong)seed);
        var importance = new List<FeatureImportance>();
        var features = model.Schema.Features;
        for (var i = 0; i < features.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var shuffled = frame.Clone();
            var column = shuffled.Columns[features[i].Name];
            var order = random.Permutation((int)rows);
            var permuted = column.Clone(new PrimitiveDataFrameColumn<long>("order", order.Select(o => (long)o)));
            permuted.SetName(column.Name);
            shuffled.Columns[shuffled.Columns.IndexOf(column.Name)] = permuted;
            var value = Compute(model.Schema.Task, actual, model.Score(shuffled))[main];
            importance.Add(new FeatureImportance(features[i].Name, higher ? reference - value : value - reference));
            progress?.Report((i + 1.0) / features.Count);
        }

        return [.. importance.OrderByDescending(f => f.Drop).ThenBy(f => f.Feature, StringComparer.Ordinal)];
    }
}
