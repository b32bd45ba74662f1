using Cauce.Ml.Modeling.Features;

namespace Cauce.Ml.Modeling;

/// <summary>A data file a model was trained or tested on: where, its MD5 (DVC's hash), how many rows.</summary>
public sealed record DataReference(string Path, string Md5, long Rows);

/// <summary>A metric's mean and standard deviation over the folds of a cross-validation.</summary>
public sealed record FoldSummary(double Mean, double Std);

/// <summary>
/// The model card, <c>models/&lt;stem&gt;.json</c> beside the model: what the model is, what it reads, what it was
/// trained on (down to the data's MD5), with which settings, and how well it did. Its JSON schema is
/// docs/model-card.schema.json.
/// </summary>
public sealed record ModelCard
{
    /// <summary>The file stem: <c>rf_clientes_v1</c>.</summary>
    public required string Name { get; init; }

    public required string Algo { get; init; }

    public required string Dataset { get; init; }

    public required int Version { get; init; }

    public required string Task { get; init; }

    public required string Target { get; init; }

    /// <summary>The class labels of a classifier, in order; for binary tasks the last is the positive class.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    public required IReadOnlyList<FeatureColumn> Features { get; init; }

    public IReadOnlyList<ExcludedColumn> Excluded { get; init; } = [];

    public required IReadOnlyDictionary<string, double> Hyperparameters { get; init; }

    public required int Seed { get; init; }

    public required DataReference Train { get; init; }

    public DataReference? Test { get; init; }

    /// <summary>The metrics on the test file (DESIGN.md's keys).</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    /// <summary>k-fold cross-validation on the training file, when asked for.</summary>
    public IReadOnlyDictionary<string, FoldSummary>? CrossValidation { get; init; }

    public required double TrainingSeconds { get; init; }

    /// <summary>When the model was trained, ISO 8601 UTC.</summary>
    public required string Created { get; init; }

    public required string CauceVersion { get; init; }

    /// <summary>The library that trained it, with its version: ML.NET 5.0.1, XGBoost 1.7.4.</summary>
    public required string Engine { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public ModelSchema Schema => new(Target, PredictionTasks.Parse(Task), Features, Excluded, Labels);
}
