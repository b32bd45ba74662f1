namespace Cauce.Ml.Modeling.Evaluation;

/// <summary>The metric keys written to model cards and reports (snake_case, as in DESIGN.md); nothing else spells them.</summary>
public static class MetricKeys
{
    public const string Accuracy = "accuracy";
    public const string Precision = "precision";
    public const string Recall = "recall";
    public const string F1 = "f1";
    public const string RocAuc = "roc_auc";
    public const string PrAuc = "pr_auc";
    public const string LogLoss = "log_loss";
    public const string MacroAccuracy = "macro_accuracy";
    public const string MicroAccuracy = "micro_accuracy";
    public const string Rmse = "rmse";
    public const string Mae = "mae";
    public const string R2 = "r2";
    public const string Mape = "mape";

    /// <summary>The keys <see cref="Metrics.Binary"/> returns, in the order it returns them.</summary>
    public static IReadOnlyList<string> Binary { get; } = [Accuracy, Precision, Recall, F1, RocAuc, PrAuc, LogLoss];

    /// <summary>The keys <see cref="Metrics.Multiclass"/> returns, in the order it returns them.</summary>
    public static IReadOnlyList<string> Multiclass { get; } = [MacroAccuracy, MicroAccuracy, LogLoss];

    /// <summary>The keys <see cref="Metrics.Regression"/> returns, in the order it returns them.</summary>
    public static IReadOnlyList<string> Regression { get; } = [Rmse, Mae, R2, Mape];

    /// <summary>Whether a larger value of the metric is better (false for losses and errors).</summary>
    public static bool HigherIsBetter(string key) => key switch
    {
        Accuracy or Precision or Recall or F1 or RocAuc or PrAuc or MacroAccuracy or MicroAccuracy or R2 => true,
        LogLoss or Rmse or Mae or Mape => false,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a Cauce metric key"),
    };
}
