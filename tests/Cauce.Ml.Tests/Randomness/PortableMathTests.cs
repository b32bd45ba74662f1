using Cauce.Ml.Randomness;

namespace Cauce.Ml.Tests.Randomness;

public sealed class PortableMathTests
{
    [Theory]
    [InlineData(-700.0)]
    [InlineData(-20.5)]
    [InlineData(-1.0)]
    [InlineData(-1e-9)]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(7.25)]
    [InlineData(300.0)]
    public void Exp_agrees_with_the_platform_to_a_few_ulps(double x) =>
        Assert.Equal(Math.Exp(x), PortableMath.Exp(x), Math.Abs(Math.Exp(x)) * 1e-14);

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-5)]
    [InlineData(0.1)]
    [InlineData(0.7071)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(2.0)]
    [InlineData(21_000.0)]
    [InlineData(1e300)]
    public void Log_agrees_with_the_platform_to_a_few_ulps(double x) =>
        Assert.Equal(Math.Log(x), PortableMath.Log(x), Math.Max(Math.Abs(Math.Log(x)) * 1e-14, 1e-15));

    [Fact]
    public void Log_and_exp_agree_over_a_sweep()
    {
        for (var x = 0.001; x < 1_000; x *= 1.01)
        {
            Assert.Equal(Math.Log(x), PortableMath.Log(x), Math.Max(Math.Abs(Math.Log(x)) * 1e-14, 1e-15));
            Assert.Equal(Math.Exp(Math.Log(x)), PortableMath.Exp(Math.Log(x)), x * 1e-14);
        }
    }

    [Fact]
    public void Edge_values_follow_the_usual_conventions()
    {
        Assert.Equal(double.NegativeInfinity, PortableMath.Log(0));
        Assert.True(double.IsNaN(PortableMath.Log(-1)));
        Assert.Equal(double.PositiveInfinity, PortableMath.Exp(1_000));
        Assert.Equal(0, PortableMath.Exp(-1_000));
        Assert.Equal(Math.Log(double.Epsilon), PortableMath.Log(double.Epsilon), 1e-12);
        Assert.Equal(0.5, PortableMath.Logistic(0));
        Assert.Equal(Math.Pow(1.03, 7), PortableMath.Pow(1.03, 7), 1e-14);
    }
}
