namespace Cauce.Ml.Tests.Modeling.Evaluation;

/// <summary>Comparisons against scikit-learn's reference values: equal to about 1e-12, relative.</summary>
internal static class Close
{
    public static void Equal(double expected, double actual, string what = "")
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual:R}");
            return;
        }

        var tolerance = Math.Max(Math.Abs(expected) * 1e-12, 1e-15);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }

    /// <summary>Every key in order, each value close to the reference.</summary>
    public static void Metrics(IReadOnlyList<string> keys, double[] expected, IReadOnlyDictionary<string, double> actual)
    {
        Assert.Equal(keys, actual.Keys);
        for (var i = 0; i < keys.Count; i++)
            Equal(expected[i], actual[keys[i]], keys[i]);
    }
}
