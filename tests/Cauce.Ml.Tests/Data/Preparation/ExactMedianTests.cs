using Cauce.Ml.Data.Preparation;

namespace Cauce.Ml.Tests.Data.Preparation;

public sealed class ExactMedianTests
{
    private static double? Median(IReadOnlyList<double> values)
    {
        var median = new ExactMedian();
        foreach (var value in values)
            median.AddFirstPass(value);
        median.EndFirstPass();
        foreach (var value in values)
            median.AddSecondPass(value);
        Assert.Equal(values.Count, median.Count);
        return median.Result();
    }

    /// <summary>The textbook median: sort, take the middle value, or the mean of the two middle ones.</summary>
    private static double SortedMedian(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Equal, or for the mean of two middle values, within the rounding of one operation.</summary>
    private static void AssertMedian(IReadOnlyList<double> values)
    {
        var expected = SortedMedian(values);
        var actual = Median(values);
        Assert.NotNull(actual);
        if (values.Count % 2 == 1)
            Assert.Equal(expected, actual.Value);
        else
            Assert.True(Math.Abs(expected - actual.Value) <= Math.Abs(expected) * 4e-16, $"expected {expected:R}, got {actual.Value:R}");
    }

    public static TheoryData<int, int> Sizes => new()
    {
        { 1, 1 }, { 2, 2 }, { 3, 3 }, { 10, 4 }, { 11, 5 }, { 1_000, 6 }, { 1_001, 7 }, { 20_000, 8 }, { 20_001, 9 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Equals_the_sorted_median_of_random_reals_of_both_signs(int count, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, count).Select(_ => (random.NextDouble() - 0.4) * Math.Pow(10, random.Next(-3, 7))).ToList();

        AssertMedian(values);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Equals_the_sorted_median_of_whole_numbers_with_many_duplicates(int count, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, count).Select(_ => (double)random.Next(-5, 6)).ToList();

        Assert.Equal(SortedMedian(values), Median(values));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Equals_the_sorted_median_of_close_values_that_share_a_bucket(int count, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, count).Select(_ => 1_000 + (random.Next(0, 1_000_000) * 1e-9)).ToList();

        AssertMedian(values);
    }

    [Fact]
    public void Equals_the_sorted_median_of_money_amounts()
    {
        var random = new Random(12);
        var values = Enumerable.Range(0, 4_000).Select(_ => Math.Round(random.NextDouble() * 8_000, 2)).ToList();

        Assert.Equal(SortedMedian(values), Median(values));
    }

    [Fact]
    public void A_single_value_is_its_own_median() => Assert.Equal(-42.5, Median([-42.5]));

    [Fact]
    public void Two_values_give_their_mean() => Assert.Equal(2.5, Median([3, 2]));

    [Fact]
    public void All_equal_values_give_that_value() => Assert.Equal(7, Median(Enumerable.Repeat(7.0, 1_000).ToList()));

    [Fact]
    public void Negative_zero_and_zero_are_the_same_value() => Assert.Equal(0, Median([-0.0, 0.0, -1, 1, -0.0]));

    [Fact]
    public void Extreme_magnitudes_are_ordered_right()
    {
        AssertMedian([double.MaxValue, -double.MaxValue, 1e-300, -1e-300, 5e-324, 1, -1]);
        AssertMedian([1e308, 1e307, -1e308, 3, 2, 1]);
    }

    [Fact]
    public void No_values_have_no_median() => Assert.Null(Median([]));

    [Fact]
    public void Input_order_does_not_matter()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 5_000).Select(_ => Math.Round(random.NextDouble() * 100, 1)).ToList();

        Assert.Equal(Median(values), Median([.. values.Order()]));
        Assert.Equal(Median(values), Median([.. values.OrderDescending()]));
    }
}
