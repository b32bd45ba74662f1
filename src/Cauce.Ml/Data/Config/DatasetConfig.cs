using Cauce.Core.Conventions;
using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Data.Config;

/// <summary>How missing values of a column are filled in the processed data.</summary>
public enum ImputeStrategy
{
    /// <summary>Leave them missing.</summary>
    None,
    Median,
    Mean,

    /// <summary>The most frequent value.</summary>
    Mode,
    Zero,

    /// <summary>Drop the rows where the value is missing.</summary>
    DropRow,
}

/// <summary>A column's entry under <c>datasets.&lt;name&gt;.columns</c>.</summary>
public sealed record ColumnConfig
{
    public ColumnType? Type { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>The allowed labels of a category, spelled as they should be written.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>Values that stand for "missing" (-1, 999…).</summary>
    public IReadOnlyList<string> Sentinels { get; init; } = [];

    public ImputeStrategy? Impute { get; init; }

    /// <summary>Whether the column must be in the file (default true).</summary>
    public bool Required { get; init; } = true;
}

/// <summary>The split settings of a dataset.</summary>
public sealed record SplitConfig(double TestSize, bool Stratify, string? TimeColumn, ulong Seed);

/// <summary>The validation settings of a dataset.</summary>
public sealed record ValidationConfig(double MaxMissing, IReadOnlyList<string> Unique);

/// <summary>A feature computed from others in the processed data.</summary>
public sealed record DerivedFeature(string Name, string Expression);

/// <summary>
/// The training settings of a dataset (<c>datasets.&lt;name&gt;.train</c>): which algorithms, their settings, k-fold
/// cross-validation, and pinned model versions (a pipeline's declared outputs).
/// </summary>
public sealed record TrainConfig(
    IReadOnlyList<string> Algos,
    int Folds,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Settings,
    IReadOnlyDictionary<string, int> Versions)
{
    public static TrainConfig Default { get; } = new([], 0, new Dictionary<string, IReadOnlyDictionary<string, double>>(), new Dictionary<string, int>());
}

/// <summary>
/// A dataset's entry in <c>params.yaml</c>: where its raw file is, what its columns are, how to clean, derive
/// and split it. The schema is documented in docs/params.md; <see cref="DatasetCatalog"/> reads it.
/// </summary>
public sealed record DatasetConfig
{
    public required string Name { get; init; }

    /// <summary>The snapshot's date: every output of the pipeline is named with it, never with the clock.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>The raw file, relative to the project root.</summary>
    public required string RawPath { get; init; }

    public string? Target { get; init; }

    /// <summary>The task when declared; otherwise inferred from the target's type.</summary>
    public PredictionTask? Task { get; init; }

    public IReadOnlyList<string> Id { get; init; } = [];

    /// <summary>Columns dropped from the processed data (leaky or useless).</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];

    public IReadOnlySet<string> MissingTokens { get; init; } = Values.DefaultMissingTokens;

    public bool DecimalComma { get; init; }

    public IReadOnlyDictionary<string, ColumnConfig> Columns { get; init; } = new Dictionary<string, ColumnConfig>();

    /// <summary>The default imputation of numeric, category and boolean columns.</summary>
    public ImputeStrategy ImputeNumeric { get; init; } = ImputeStrategy.Median;

    public ImputeStrategy ImputeCategory { get; init; } = ImputeStrategy.Mode;

    public ImputeStrategy ImputeBoolean { get; init; } = ImputeStrategy.Mode;

    public IReadOnlyList<DerivedFeature> Derive { get; init; } = [];

    public required ValidationConfig Validate { get; init; }

    public required SplitConfig Split { get; init; }

    public TrainConfig Train { get; init; } = TrainConfig.Default;

    /// <summary>The seed of every random step of this dataset (params.yaml's top-level <c>seed</c>).</summary>
    public ulong Seed { get; init; } = 42;

    public DatasetFileName RawName => new(Name, DataPhase.Raw, Date);

    public DatasetFileName InterimName => new(Name, DataPhase.Interim, Date);

    public DatasetFileName ProcessedName => new(Name, DataPhase.Processed, Date);

    public ColumnConfig ColumnOrDefault(string column) => Columns.TryGetValue(column, out var config) ? config : new ColumnConfig();

    /// <summary>The declared types, for inference.</summary>
    public IReadOnlyDictionary<string, ColumnType> DeclaredTypes =>
        Columns.Where(c => c.Value.Type is not null).ToDictionary(c => c.Key, c => c.Value.Type!.Value, StringComparer.Ordinal);

    public InferenceOptions InferenceOptions => new()
    {
        MissingTokens = MissingTokens,
        Declared = DeclaredTypes,
        Sentinels = Columns.Where(c => c.Value.Sentinels.Count > 0).ToDictionary(c => c.Key, c => new SentinelSet(c.Value.Sentinels), StringComparer.Ordinal),
        DecimalComma = DecimalComma,
        DeclareHint = $"declare its type in params.yaml under datasets.{Name}.columns",
    };

    /// <summary>A dataset not in params.yaml, for the ad hoc commands: inferred types and the default cleaning.</summary>
    public static DatasetConfig AdHoc(string name, DateOnly date, string rawPath, string? target, IReadOnlyList<string> id, IReadOnlyList<string> drop, SplitConfig split) => new()
    {
        Name = name,
        Date = date,
        RawPath = rawPath,
        Target = target,
        Id = id,
        Drop = drop,
        Validate = new ValidationConfig(1, id),
        Split = split,
    };
}
