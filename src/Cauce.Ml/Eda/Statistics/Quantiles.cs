namespace Cauce.Ml.Eda.Statistics;

/// <summary>Quantiles of sorted values by linear interpolation between closest ranks (numpy's and pandas' default).</summary>
internal static class Quantiles
{
    public static double Of(ReadOnlySpan<double> sorted, double probability)
    {
        if (sorted.IsEmpty)
            throw new ArgumentException("no values", nameof(sorted));
        var position = probability * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var fraction = position - below;
        return sorted[below] + ((sorted[above] - sorted[below]) * fraction);
    }

    /// <summary>How many sorted values lie strictly below <paramref name="low"/> or strictly above <paramref name="high"/>.</summary>
    public static long CountOutside(ReadOnlySpan<double> sorted, double low, double high)
    {
        var below = LowerBound(sorted, low);
        var atOrBelowHigh = UpperBound(sorted, high);
        return below + (sorted.Length - atOrBelowHigh);
    }

    /// <summary>The first index whose value is not less than <paramref name="value"/>.</summary>
    public static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
                lo = mid + 1;
            else
                hi = mid;
        }

        return lo;
    }

    /// <summary>The first index whose value is greater than <paramref name="value"/>.</summary>
    public static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
                lo = mid + 1;
            else
                hi = mid;
        }

        return lo;
    }
}
