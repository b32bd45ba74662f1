using System.Globalization;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Features;

namespace Cauce.Ml.Inference;

/// <summary>
/// What a row's scores mean to a reader, the same in a predictions file and in an HTTP response: the predicted
/// label (classifiers; binary when P(positive) &gt; 0.5) or value (regression), and for classifiers the
/// probability — of the positive class for a binary task, of the predicted class for a multiclass one.
/// </summary>
public static class Prediction
{
    public const string PredictionColumn = "prediction";
    public const string ProbabilityColumn = "probability";

    /// <summary>The columns a prediction adds: prediction, and probability for classifiers.</summary>
    public static IReadOnlyList<string> Columns(ModelSchema schema) =>
        schema.Task.IsClassification() ? [PredictionColumn, ProbabilityColumn] : [PredictionColumn];

    /// <summary>The predicted label's index (classifiers) for row <paramref name="row"/>.</summary>
    public static int ClassOf(Scores scores, int row)
    {
        if (scores.Task == PredictionTask.Binary)
            return scores.Values[row] > 0.5 ? 1 : 0;
        var best = 0;
        for (var k = 1; k < scores.Classes; k++)
        {
            if (scores.Values[(row * scores.Classes) + k] > scores.Values[(row * scores.Classes) + best])
                best = k;
        }

        return best;
    }

    /// <summary>The probability the file shows: P(positive) for binary, P(predicted class) for multiclass.</summary>
    public static double ProbabilityOf(Scores scores, int row) => scores.Task switch
    {
        PredictionTask.Binary => scores.Values[row],
        PredictionTask.Multiclass => scores.Values[(row * scores.Classes) + ClassOf(scores, row)],
        _ => throw new InvalidOperationException("a regression has no probability"),
    };

    /// <summary>Each class's probability of a multiclass row, by label.</summary>
    public static IEnumerable<KeyValuePair<string, double>> ClassProbabilities(ModelSchema schema, Scores scores, int row) =>
        schema.Labels.Select((label, k) => new KeyValuePair<string, double>(label, scores.Values[(row * scores.Classes) + k]));

    /// <summary>A score as files show it: the shortest text that reads back as the same single-precision value.</summary>
    public static string Format(double value) => ((float)value).ToString("R", CultureInfo.InvariantCulture);
}
