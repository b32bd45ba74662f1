using Cauce.Ml.Modeling.Evaluation;

namespace Cauce.Ml.Modeling;

/// <summary>
/// A model's output for a batch of rows: the positive class's probability (binary), each class's probability
/// (multiclass, row-major), or the predicted value (regression).
/// </summary>
public sealed record Scores(PredictionTask Task, int Rows, double[] Values, int Classes)
{
    /// <summary>Binary: P(positive). Regression: the prediction. Multiclass: row-major probabilities, <see cref="Classes"/> per row.</summary>
    public double[] Values { get; } = Values;

    /// <summary>The predicted class index per row (classifiers); binary when P(positive) > 0.5, as ML.NET, XGBoost and scikit-learn decide.</summary>
    public int[] PredictedClasses() => Task switch
    {
        PredictionTask.Binary => [.. Values.Select(p => p > 0.5 ? 1 : 0)],
        PredictionTask.Multiclass => Metrics.PredictedClasses(Values, Classes),
        _ => throw new InvalidOperationException("a regression has no classes"),
    };
}
