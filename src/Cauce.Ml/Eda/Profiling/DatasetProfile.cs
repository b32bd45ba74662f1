using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Eda.Profiling;

/// <summary>What exploratory analysis found in one CSV file: every column's profile, duplicates, correlations, the target, and the data-quality findings.</summary>
public sealed record DatasetProfile
{
    /// <summary>The file as messages and reports name it.</summary>
    public required string Source { get; init; }

    public required long Rows { get; init; }

    public required IReadOnlyList<ColumnProfile> Columns { get; init; }

    public required DuplicateRows Duplicates { get; init; }

    public required CorrelationMatrix Correlations { get; init; }

    public TargetProfile? Target { get; init; }

    /// <summary>The dirt, worst first within each column: what the report's "Data quality" section lists.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }

    public required ProfileSettings Settings { get; init; }

    public ColumnProfile Column(string name) => Columns.First(c => c.Name == name);
}

/// <summary>How the profile was computed, so a reader knows what is exact and what is sampled.</summary>
public sealed record ProfileSettings(int QuantileSampleSize, int RowSampleSize, ulong Seed, IReadOnlyList<string> MissingTokens, int CorrelationColumnLimit);

/// <summary>One column: its type, what is missing, how varied it is, and its statistics by type.</summary>
public sealed record ColumnProfile
{
    public required string Name { get; init; }

    public required ColumnType Type { get; init; }

    /// <summary>Values that are not missing.</summary>
    public required long Present { get; init; }

    public required MissingCounts Missing { get; init; }

    /// <summary>Distinct values as written (trimmed); an estimate when <see cref="DistinctEstimated"/>.</summary>
    public required long Distinct { get; init; }

    public bool DistinctEstimated { get; init; }

    /// <summary>Present values written with spaces at either end.</summary>
    public long Padded { get; init; }

    /// <summary>Integers and numbers: min, max, mean, std, quantiles, outliers, sentinels.</summary>
    public NumericSummary? Numeric { get; init; }

    /// <summary>Dates: the first and last.</summary>
    public DateSummary? Dates { get; init; }

    /// <summary>Booleans: the share of true values among the present ones.</summary>
    public double? TrueShare { get; init; }

    /// <summary>
    /// The most frequent values with their counts: the labels of categories and booleans (spellings merged), and every
    /// value of an integer column with few distinct values.
    /// </summary>
    public IReadOnlyList<LabelCount> TopValues { get; init; } = [];

    /// <summary>Labels once different spellings of one label are merged (categories and booleans).</summary>
    public int? Labels { get; init; }

    /// <summary>Labels written several ways (" Fibra", "FIBRA"), each with its spellings.</summary>
    public IReadOnlyList<SpellingVariant> SpellingVariants { get; init; } = [];

    /// <summary>Set when the column mixes numbers and text (or writes decimals with a comma).</summary>
    public MixedValues? Mixed { get; init; }

    /// <summary>A distinct value on (nearly) every row: an identifier, not a feature.</summary>
    public bool IdentifierLike { get; init; }

    public long Rows => Present + Missing.Total;
}

/// <summary>Missing values by how they were written: empty, only spaces, or a token such as NA.</summary>
public sealed record MissingCounts(long Total, long Blank, long WhitespaceOnly, long Tokens);

/// <summary>The statistics of a numeric column. Quantiles are exact unless <see cref="QuantilesSampled"/>.</summary>
public sealed record NumericSummary
{
    public required double Min { get; init; }

    public required double Max { get; init; }

    public required double Mean { get; init; }

    /// <summary>Sample standard deviation (n − 1); null with fewer than two values.</summary>
    public double? Std { get; init; }

    public required QuantileSet Quantiles { get; init; }

    /// <summary>True when quantiles, histogram and outlier count come from a seeded sample of the values.</summary>
    public bool QuantilesSampled { get; init; }

    /// <summary>Values beyond 3 interquartile ranges from the quartiles; estimated from the sample when sampled.</summary>
    public long Outliers { get; init; }

    public double? LowerFence { get; init; }

    public double? UpperFence { get; init; }

    /// <summary>Typical "no value" codes (-1, 999, -999…) at an end of the column, standing apart from the rest.</summary>
    public IReadOnlyList<Sentinel> Sentinels { get; init; } = [];

    /// <summary>Values that parsed as no number (only where the column mixes types).</summary>
    public long Unparsed { get; init; }
}

/// <summary>The 5th, 25th, 50th, 75th and 95th percentiles.</summary>
public sealed record QuantileSet(double P5, double P25, double P50, double P75, double P95)
{
    public double Iqr => P75 - P25;
}

/// <summary>A likely sentinel: <paramref name="Value"/> occurs <paramref name="Count"/> times at the <paramref name="Side"/> end, the nearest other value being <paramref name="NearestOther"/>.</summary>
public sealed record Sentinel(double Value, long Count, string Side, double NearestOther);

/// <summary>The first and last date, ISO-written.</summary>
public sealed record DateSummary(string Min, string Max);

/// <summary>A value and how often it occurs; <paramref name="OtherSpellings"/> of those are written another way than <paramref name="Label"/>.</summary>
public sealed record LabelCount(string Label, long Count, long OtherSpellings = 0);

/// <summary>One label and the ways it is written, most frequent first.</summary>
public sealed record SpellingVariant(string Label, IReadOnlyList<SpellingCount> Spellings);

public sealed record SpellingCount(string Spelling, long Count);

/// <summary>A column that holds both numbers and text, or numbers with a decimal comma.</summary>
public sealed record MixedValues(long Numbers, long Others, string Problem, long? Line);

/// <summary>
/// Rows that repeat an earlier row exactly, and rows that do once identifier-like columns are left out.
/// <see cref="LowerBound"/> when the file had more distinct rows than are tracked.
/// </summary>
public sealed record DuplicateRows(long Exact, long IgnoringIdentifiers, IReadOnlyList<string> IdentifierColumns, bool LowerBound);

/// <summary>Pearson correlations among numeric and boolean columns, each pair over the rows where both are present.</summary>
public sealed record CorrelationMatrix(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<double?>> R, IReadOnlyList<CorrelationPair> Strongest, IReadOnlyList<string> LeftOut)
{
    public static CorrelationMatrix Empty { get; } = new([], [], [], []);

    public double? Get(string a, string b)
    {
        var i = IndexOf(a);
        var j = IndexOf(b);
        return i < 0 || j < 0 ? null : R[i][j];
    }

    private int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
                return i;
        }

        return -1;
    }
}

public sealed record CorrelationPair(string A, string B, double R, long Rows);

/// <summary>Whether the target holds classes (category, boolean) or numbers.</summary>
public enum TargetKind
{
    Classes,
    Numeric,
}

/// <summary>The target: its class balance or distribution, and the features most related to it.</summary>
public sealed record TargetProfile
{
    public required string Column { get; init; }

    public required TargetKind Kind { get; init; }

    public required long Missing { get; init; }

    /// <summary>Classes by count, with their share of the rows where the target is present.</summary>
    public IReadOnlyList<ClassShare> Classes { get; init; } = [];

    /// <summary>For two classes: the one a model would predict (true, yes, the minority).</summary>
    public string? PositiveClass { get; init; }

    /// <summary>Features ranked by strength of relation to the target, strongest first.</summary>
    public required IReadOnlyList<FeatureRelation> Related { get; init; }
}

public sealed record ClassShare(string Label, long Count, double Share);

/// <summary>
/// How strongly a feature goes with the target: Pearson's r (numbers with numbers), the correlation ratio η
/// (numbers against classes) or Cramér's V (classes against classes). <see cref="Strength"/> is in [0, 1].
/// </summary>
public sealed record FeatureRelation(string Feature, string Measure, double Value, long Rows)
{
    public double Strength => Math.Abs(Value);
}

/// <summary>One data-quality problem: what kind, in which column (null for the whole file), said in a sentence.</summary>
public sealed record Finding(string Kind, string? Column, string Message, long? Count = null);

/// <summary>The kinds of <see cref="Finding"/>, as they appear in the JSON profile.</summary>
public static class FindingKinds
{
    public const string Missing = "missing";
    public const string Duplicates = "duplicates";
    public const string Spellings = "spellings";
    public const string Padded = "padded";
    public const string Sentinel = "sentinel";
    public const string Outliers = "outliers";
    public const string Mixed = "mixed-types";
    public const string Constant = "constant";
    public const string Empty = "empty-column";
    public const string Identifier = "identifier";
    public const string FlagEncodings = "flag-encodings";
    public const string Leakage = "possible-leakage";
    public const string TargetMissing = "target-missing";
}
