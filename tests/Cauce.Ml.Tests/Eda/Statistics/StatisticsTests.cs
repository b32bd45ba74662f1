using System.Globalization;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Eda.Statistics;

namespace Cauce.Ml.Tests.Eda.Statistics;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.05, 1.2)]
    [InlineData(0.25, 2.0)]
    [InlineData(0.5, 3.0)]
    [InlineData(0.95, 4.8)]
    [InlineData(1.0, 5.0)]
    public void Quantiles_interpolate_linearly_between_ranks_as_pandas_does(double probability, double expected)
    {
        Assert.Equal(expected, Quantiles.Of([1, 2, 3, 4, 5], probability), 12);
    }

    [Fact]
    public void Values_outside_the_fences_are_counted_strictly()
    {
        Assert.Equal(3, Quantiles.CountOutside([-5, 1, 2, 3, 10, 11], 1, 3));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-12")]
    [InlineData("1234.56")]
    [InlineData("0.1")]
    [InlineData("-0.005")]
    [InlineData("999999999999999")]
    [InlineData("123456789012345678")]
    [InlineData("1e5")]
    [InlineData("+3")]
    [InlineData("7.")]
    [InlineData(".5")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    public void The_fast_number_parser_agrees_with_the_general_one(string text)
    {
        var fast = FastNumber.TryParse(text, out var fastValue);
        var general = Values.TryNumber(text, out var generalValue);

        Assert.Equal(general, fast);
        if (general)
            Assert.Equal(generalValue.ToString("R", CultureInfo.InvariantCulture), fastValue.ToString("R", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_fast_number_parser_rounds_like_the_general_one_on_many_decimals()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var text = (random.NextDouble() * Math.Pow(10, random.Next(-3, 9))).ToString("F" + random.Next(0, 7).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            Assert.True(FastNumber.TryParse(text, out var fast));
            Assert.True(Values.TryNumber(text, out var general));
            Assert.Equal(general, fast);
        }
    }

    [Fact]
    public void The_distinct_estimate_is_within_a_few_percent()
    {
        var estimator = new DistinctEstimator();
        for (var i = 0; i < 100_000; i++)
            estimator.Add($"CLI-{i % 50_000:0000000}");

        Assert.InRange(estimator.Estimate(), 48_000, 52_000);
    }

    [Fact]
    public void The_hash_set_tells_new_hashes_from_seen_ones_while_it_grows()
    {
        var set = new Hash128Set(4);
        for (ulong i = 0; i < 1000; i++)
            Assert.True(set.Add(new UInt128(i * 0x9E3779B97F4A7C15, i)));
        for (ulong i = 0; i < 1000; i++)
        {
            Assert.False(set.Add(new UInt128(i * 0x9E3779B97F4A7C15, i)));
            Assert.True(set.Contains(new UInt128(i * 0x9E3779B97F4A7C15, i)));
        }

        Assert.Equal(1000, set.Count);
        Assert.False(set.Contains(new UInt128(1, 2)));
    }

    [Fact]
    public void Pearson_from_shifted_sums_is_exact_on_a_line_and_undefined_for_a_constant()
    {
        var line = new PairSums();
        var flat = new PairSums();
        for (var i = 0; i < 100; i++)
        {
            line.Add(i, 1_000_000 - (3.0 * i));
            flat.Add(i, 5);
        }

        Assert.Equal(-1, line.Correlation!.Value, 12);
        Assert.Null(flat.Correlation);
    }

    [Fact]
    public void The_reservoir_keeps_everything_under_its_capacity_and_a_fixed_sample_above()
    {
        var all = new ValueSample(10, 100, 1);
        for (var i = 0; i < 10; i++)
            all.Add(9 - i);
        Assert.False(all.IsSampled);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], all.Sorted());

        double[] Draw()
        {
            var sample = new ValueSample(10_000, 100, 42);
            for (var i = 0; i < 10_000; i++)
                sample.Add(i);
            return sample.Sorted();
        }

        var first = Draw();
        Assert.Equal(100, first.Length);
        Assert.Equal(first, Draw());
        Assert.True(first[^1] > 5_000, "later values reach the sample too");
    }
}
