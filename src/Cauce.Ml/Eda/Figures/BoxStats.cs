using Cauce.Ml.Eda.Statistics;

namespace Cauce.Ml.Eda.Figures;

/// <summary>A box plot's numbers: quartiles, median, and Tukey's whiskers (the furthest values within 1.5 IQR).</summary>
internal sealed record BoxStats(double Q1, double Median, double Q3, double WhiskerLow, double WhiskerHigh, int Count)
{
    /// <summary>From sorted values; null when there are none.</summary>
    public static BoxStats? From(ReadOnlySpan<double> sorted)
    {
        if (sorted.IsEmpty)
            return null;
        var q1 = Quantiles.Of(sorted, 0.25);
        var median = Quantiles.Of(sorted, 0.5);
        var q3 = Quantiles.Of(sorted, 0.75);
        var reach = 1.5 * (q3 - q1);
        var low = sorted[Quantiles.LowerBound(sorted, q1 - reach)];
        var high = sorted[Math.Max(0, Quantiles.UpperBound(sorted, q3 + reach) - 1)];
        return new BoxStats(q1, median, q3, Math.Min(low, q1), Math.Max(high, q3), sorted.Length);
    }
}
