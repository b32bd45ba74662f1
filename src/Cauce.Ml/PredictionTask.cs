namespace Cauce.Ml;

/// <summary>What a model predicts: one of two classes, one of several, or a number.</summary>
public enum PredictionTask
{
    Binary,
    Multiclass,
    Regression,
}

public static class PredictionTasks
{
    public static string Name(this PredictionTask task) => task switch
    {
        PredictionTask.Binary => "binary",
        PredictionTask.Multiclass => "multiclass",
        PredictionTask.Regression => "regression",
        _ => throw new ArgumentOutOfRangeException(nameof(task)),
    };

    public static readonly string[] Names = ["binary", "multiclass", "regression"];

    public static PredictionTask Parse(string name) => name switch
    {
        "binary" => PredictionTask.Binary,
        "multiclass" => PredictionTask.Multiclass,
        "regression" => PredictionTask.Regression,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a task"),
    };

    public static bool IsClassification(this PredictionTask task) => task != PredictionTask.Regression;
}
