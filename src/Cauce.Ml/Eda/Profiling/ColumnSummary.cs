using System.Globalization;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Eda.Statistics;

namespace Cauce.Ml.Eda.Profiling;

/// <summary>Turns what the second pass saw in a column into its <see cref="ColumnProfile"/>.</summary>
internal static class ColumnSummary
{
    /// <summary>Integer columns with at most this many distinct values are listed value by value (and drawn as bars).</summary>
    public const int FewIntegers = 30;

    /// <summary>Outliers lie beyond this many interquartile ranges from the quartiles.</summary>
    public const double OutlierIqrs = 3;

    /// <summary>Values that exports use for "unknown" or "not measured".</summary>
    private static readonly double[] SentinelCodes = [-1, -9, -99, -999, -9999, -99999, 99, 999, 9999, 99999, 999999];

    public static ColumnProfile Build(ColumnScan scan, double[]? sorted, EdaOptions options)
    {
        var e = scan.Column.Evidence;
        var distinctEstimated = e.DistinctOverflow;
        long distinct = e.DistinctOverflow
            ? Math.Max(ColumnEvidence.DistinctCap + 1, scan.DistinctEstimator!.Estimate())
            : e.Distinct;
        var profile = new ColumnProfile
        {
            Name = scan.Name,
            Type = scan.Type,
            Present = scan.Present,
            Missing = new MissingCounts(scan.Blank + scan.WhitespaceOnly + scan.Tokens, scan.Blank, scan.WhitespaceOnly, scan.Tokens),
            Distinct = distinct,
            DistinctEstimated = distinctEstimated,
            Padded = scan.Padded,
            Mixed = Mixed(scan.Column),
        };

        switch (scan.Kind)
        {
            case ScanKind.Numeric:
                var numeric = Numeric(scan, sorted);
                profile = profile with
                {
                    Numeric = numeric,
                    TopValues = scan.Type == ColumnType.Integer && !e.DistinctOverflow && e.Distinct <= FewIntegers ? IntegerCounts(e) : [],
                    IdentifierLike = numeric is not null && LooksLikeRowNumber(scan, numeric),
                };
                break;
            case ScanKind.Labels:
                profile = profile with
                {
                    TopValues = [.. scan.LabelCounts.Take(options.TopValues)],
                    Labels = scan.Labels.Count,
                    SpellingVariants = [.. scan.Spellings!.Variants.Select(v => new SpellingVariant(v.Canonical, [.. v.Spellings.Select(s => new SpellingCount(s.Key, s.Value))]))],
                    TrueShare = scan.Type == ColumnType.Boolean && scan.Moments.Count > 0 ? Math.Round(scan.Moments.Mean, 6) : null,
                };
                break;
            case ScanKind.Date when scan.Extremes.MinCount > 0:
                profile = profile with
                {
                    Dates = new DateSummary(Values.FormatDate(DateTime.FromOADate(scan.Extremes.Min)), Values.FormatDate(DateTime.FromOADate(scan.Extremes.Max))),
                };
                break;
            case ScanKind.Text:
                profile = profile with
                {
                    TopValues = e.DistinctOverflow ? [] : RepeatedTexts(e, options.TopValues),
                    IdentifierLike = e.Present > 0 && (e.DistinctOverflow ? distinct >= 0.9 * e.Present : e.Distinct >= 0.95 * e.Present),
                };
                break;
        }

        return profile;
    }

    private static NumericSummary? Numeric(ColumnScan scan, double[]? sorted)
    {
        var moments = scan.Moments;
        if (moments.Count == 0 || sorted is null || sorted.Length == 0)
            return null;
        var quantiles = new QuantileSet(
            Quantiles.Of(sorted, 0.05), Quantiles.Of(sorted, 0.25), Quantiles.Of(sorted, 0.50), Quantiles.Of(sorted, 0.75), Quantiles.Of(sorted, 0.95));
        double? low = null, high = null;
        long outliers = 0;
        var sampled = scan.Sample!.IsSampled;
        if (quantiles.Iqr > 0)
        {
            low = quantiles.P25 - (OutlierIqrs * quantiles.Iqr);
            high = quantiles.P75 + (OutlierIqrs * quantiles.Iqr);
            var outside = Quantiles.CountOutside(sorted, low.Value, high.Value);
            outliers = sampled ? (long)Math.Round((double)outside * moments.Count / sorted.Length) : outside;
        }

        return new NumericSummary
        {
            Min = scan.Extremes.Min,
            Max = scan.Extremes.Max,
            Mean = moments.Mean,
            Std = moments.StandardDeviation,
            Quantiles = quantiles,
            QuantilesSampled = sampled,
            Outliers = outliers,
            LowerFence = low,
            UpperFence = high,
            Sentinels = Sentinels(scan.Extremes, moments.Count, scan.Type == ColumnType.Integer),
            Unparsed = scan.Unparsed,
        };
    }

    /// <summary>
    /// A typical code at the low or high end that stands apart: the gap to the next value is more than a tenth of
    /// the range the other values span (-1 below ages 18–95; 999 above them; -999 below temperatures), and in a
    /// column of whole numbers more than 1 (-1 just below 0, 1, 2… may be data).
    /// </summary>
    internal static IReadOnlyList<Sentinel> Sentinels(Extremes x, long count, bool integers)
    {
        var found = new List<Sentinel>();
        if (double.IsInfinity(x.NextAboveMin) || count < 3)
            return found;
        var lowIsCode = IsCode(x.Min);
        var highIsCode = IsCode(x.Max);
        var restLow = lowIsCode ? x.NextAboveMin : x.Min;
        var restHigh = highIsCode && x.NextBelowMax > restLow ? x.NextBelowMax : x.Max;
        var span = restHigh - restLow;
        if (lowIsCode && x.MinCount * 2 <= count && Apart(x.NextAboveMin - x.Min, span))
            found.Add(new Sentinel(x.Min, x.MinCount, "low", x.NextAboveMin));
        if (highIsCode && x.MaxCount * 2 <= count && x.NextBelowMax > double.NegativeInfinity && Apart(x.Max - x.NextBelowMax, span))
            found.Add(new Sentinel(x.Max, x.MaxCount, "high", x.NextBelowMax));
        return found;

        static bool IsCode(double value) => Array.IndexOf(SentinelCodes, value) >= 0;
        bool Apart(double gap, double span) => gap > (integers ? 1 : 0) && (span <= 0 || gap > 0.1 * span);
    }

    /// <summary>Whole numbers rising row after row, with (almost) no gaps: a row number or sequential id.</summary>
    private static bool LooksLikeRowNumber(ColumnScan scan, NumericSummary numeric)
    {
        if (scan.Type != ColumnType.Integer || scan.Present < 100 || !scan.StrictlyAscending)
            return false;
        var span = numeric.Max - numeric.Min + 1;
        return numeric.Min >= 0 && span <= scan.Present * 1.01;
    }

    private static List<LabelCount> IntegerCounts(ColumnEvidence e)
    {
        var byValue = new SortedDictionary<long, long>();
        foreach (var (spelling, count) in e.Spellings)
        {
            if (Values.TryInteger(spelling, out var value))
                byValue[value] = byValue.GetValueOrDefault(value) + count;
        }

        return [.. byValue.Select(p => new LabelCount(p.Key.ToString(CultureInfo.InvariantCulture), p.Value))];
    }

    private static List<LabelCount> RepeatedTexts(ColumnEvidence e, int top) =>
        [.. e.Spellings.Where(s => s.Value > 1).OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(top).Select(s => new LabelCount(s.Key, s.Value))];

    private static MixedValues? Mixed(InferredColumn column)
    {
        if (column.Conflict is null)
            return null;
        var e = column.Evidence;
        var others = column.Type == ColumnType.Number && e.DecimalCommas > 0 ? e.DecimalCommas : e.Present - e.Numbers;
        return new MixedValues(e.Numbers, others, column.Conflict, column.ConflictLine);
    }
}
