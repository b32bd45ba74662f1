using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Eda;

/// <summary>What to profile and how much to keep: the target, the missing tokens, the sample sizes and the seed.</summary>
public sealed record EdaOptions
{
    /// <summary>The column to predict, or null for none.</summary>
    public string? Target { get; init; }

    public IReadOnlySet<string> MissingTokens { get; init; } = Values.DefaultMissingTokens;

    /// <summary>Quantiles are exact for a column with at most this many present values; beyond, a seeded sample of this size.</summary>
    public int QuantileSampleSize { get; init; } = 250_000;

    /// <summary>Rows kept (a seeded sample) to draw the target against features.</summary>
    public int RowSampleSize { get; init; } = 20_000;

    /// <summary>The seed of every sample: the same file and seed give the same profile and figures.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>At most this many numeric and boolean columns enter the correlation matrix (in file order, the target always).</summary>
    public int CorrelationColumnLimit { get; init; } = 30;

    /// <summary>
    /// Distinct rows remembered to count duplicates; past this the count is a lower bound. Each takes about 32 bytes
    /// (a 128-bit hash in a table at most half full), twice when identifier columns are also left out.
    /// </summary>
    public int DuplicateTrackingLimit { get; init; } = 4_000_000;

    /// <summary>Labels listed per category column.</summary>
    public int TopValues { get; init; } = 20;

    /// <summary>Features drawn against the target.</summary>
    public int RelatedFeatures { get; init; } = 4;
}
