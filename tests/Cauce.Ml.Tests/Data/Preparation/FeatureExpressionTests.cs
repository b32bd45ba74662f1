using Cauce.Core.Errors;
using Cauce.Ml.Data.Preparation;
using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Tests.Data.Preparation;

public sealed class FeatureExpressionTests
{
    private const string Where = "datasets.ventas.derive.f";

    private static readonly (string Name, ColumnType Type)[] Columns =
    [
        ("a", ColumnType.Integer),
        ("b", ColumnType.Number),
        ("promo", ColumnType.Boolean),
        ("fecha", ColumnType.Date),
        ("region", ColumnType.Category),
        ("nota", ColumnType.Text),
        ("precio unitario", ColumnType.Number),
    ];

    /// <summary>Evaluates <paramref name="formula"/> on one row given as column → cleaned value (absent = missing).</summary>
    private static double Eval(string formula, params (string Column, string Value)[] values)
    {
        var row = Columns.Select(c => values.FirstOrDefault(v => v.Column == c.Name).Value).ToArray();
        return FeatureExpression.Compile(formula, Columns, Where).Evaluate(row);
    }

    private static CauceException CompileFails(string formula) =>
        Assert.Throws<CauceException>(() => FeatureExpression.Compile(formula, Columns, Where));

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("8 / 4 / 2", 1)]
    [InlineData("2 ^ 3 ^ 2", 512)]
    [InlineData("-2 ^ 2", -4)]
    [InlineData("2 * -3", -6)]
    [InlineData("2 ^ -1", 0.5)]
    [InlineData("1 + 2 * 3 ^ 2", 19)]
    [InlineData("1.5e3 + .5", 1500.5)]
    [InlineData("  4*(2+  1)  ", 12)]
    public void Arithmetic_follows_the_usual_precedence(string formula, double expected) =>
        Assert.Equal(expected, Eval(formula));

    [Fact]
    public void Scientific_notation_with_a_signed_exponent_is_a_number()
    {
        Assert.Equal(0.002, Eval("2e-3"));
        Assert.Equal(2000, Eval("2e+3"));
    }

    [Fact]
    public void Columns_read_their_numbers_and_booleans_as_one_and_zero()
    {
        Assert.Equal(12.5, Eval("a * b", ("a", "5"), ("b", "2.5")));
        Assert.Equal(90, Eval("if(promo, b * 0.9, b)", ("promo", "true"), ("b", "100")));
        Assert.Equal(100, Eval("if(promo, b * 0.9, b)", ("promo", "false"), ("b", "100")));
        Assert.Equal(1, Eval("promo + 0", ("promo", "true")));
        Assert.Equal(3, Eval("`precio unitario` + 1", ("precio unitario", "2")));
    }

    [Theory]
    [InlineData("1 / 0")]
    [InlineData("a / (b - 2)")]
    [InlineData("0 / 0")]
    public void Division_by_zero_is_missing(string formula) =>
        Assert.True(double.IsNaN(Eval(formula, ("a", "3"), ("b", "2"))));

    [Fact]
    public void Division_by_a_zero_column_is_missing() =>
        Assert.True(double.IsNaN(Eval("a / b", ("a", "3"), ("b", "0"))));

    [Fact]
    public void A_missing_input_makes_the_result_missing()
    {
        Assert.True(double.IsNaN(Eval("a + 1")));
        Assert.True(double.IsNaN(Eval("a < 6")));
        Assert.True(double.IsNaN(Eval("promo * 2")));
        Assert.True(double.IsNaN(Eval("min(a, 3)", ("b", "1"))));
        Assert.True(double.IsNaN(Eval("if(promo, 1, 2)")));
    }

    [Theory]
    [InlineData("a < 6", 5, 1)]
    [InlineData("a < 6", 6, 0)]
    [InlineData("a <= 6", 6, 1)]
    [InlineData("a > 6", 7, 1)]
    [InlineData("a >= 6", 5, 0)]
    [InlineData("a == 6", 6, 1)]
    [InlineData("a != 6", 6, 0)]
    [InlineData("a + 1 == 7", 6, 1)]
    [InlineData("a<-1", -2, 1)]
    public void Comparisons_give_one_or_zero(string formula, int a, double expected) =>
        Assert.Equal(expected, Eval(formula, ("a", a.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    [Theory]
    [InlineData("log(1)", 0)]
    [InlineData("log1p(0)", 0)]
    [InlineData("exp(0)", 1)]
    [InlineData("sqrt(16)", 4)]
    [InlineData("abs(-3)", 3)]
    [InlineData("round(2.5)", 2)]
    [InlineData("round(3.5)", 4)]
    [InlineData("round(3.14159, 2)", 3.14)]
    [InlineData("floor(-1.5)", -2)]
    [InlineData("ceil(1.2)", 2)]
    [InlineData("min(3, 1, 2)", 1)]
    [InlineData("max(3, 1, 2)", 3)]
    [InlineData("if(1 > 2, 10, 20)", 20)]
    [InlineData("if(2, 10, 20)", 10)]
    public void Functions_compute_what_their_names_say(string formula, double expected) =>
        Assert.Equal(expected, Eval(formula), 12);

    [Theory]
    [InlineData("log(0)")]
    [InlineData("log(-5)")]
    [InlineData("log1p(-1)")]
    [InlineData("sqrt(-1)")]
    [InlineData("exp(1000)")]
    [InlineData("10 ^ 400")]
    public void Results_that_are_not_finite_numbers_are_missing(string formula) =>
        Assert.True(double.IsNaN(Eval(formula)));

    [Fact]
    public void Is_missing_works_on_any_column_and_is_never_missing_itself()
    {
        Assert.Equal(1, Eval("is_missing(region)"));
        Assert.Equal(0, Eval("is_missing(region)", ("region", "Norte")));
        Assert.Equal(1, Eval("is_missing(b)"));
        Assert.Equal(0, Eval("is_missing(fecha)", ("fecha", "2025-01-01")));
    }

    [Theory]
    [InlineData("2025-09-29", 2025, 9, 29, 1)] // Monday
    [InlineData("2025-10-04", 2025, 10, 4, 6)] // Saturday
    [InlineData("2025-10-05", 2025, 10, 5, 7)] // Sunday
    [InlineData("2024-02-29", 2024, 2, 29, 4)] // Thursday
    public void Date_parts_come_from_a_date_column_with_monday_one_and_sunday_seven(string date, int year, int month, int day, int weekday)
    {
        Assert.Equal(year, Eval("year(fecha)", ("fecha", date)));
        Assert.Equal(month, Eval("month(fecha)", ("fecha", date)));
        Assert.Equal(day, Eval("day(fecha)", ("fecha", date)));
        Assert.Equal(weekday, Eval("weekday(fecha)", ("fecha", date)));
        Assert.Equal(weekday >= 6 ? 1 : 0, Eval("weekday(fecha) >= 6", ("fecha", date)));
    }

    [Fact]
    public void Hour_reads_the_time_of_a_date()
    {
        Assert.Equal(14, Eval("hour(fecha)", ("fecha", "2025-09-30T14:05:00")));
        Assert.Equal(0, Eval("hour(fecha)", ("fecha", "2025-09-30")));
        Assert.True(double.IsNaN(Eval("year(fecha)")));
    }

    [Fact]
    public void The_inputs_are_the_columns_the_formula_reads()
    {
        var expression = FeatureExpression.Compile("if(promo, b * (1 - a), b) + year(fecha)", Columns, Where);

        Assert.Equal(["a", "b", "fecha", "promo"], expression.Inputs);
        Assert.Equal("if(promo, b * (1 - a), b) + year(fecha)", expression.Text);
    }

    [Theory]
    [InlineData("precio * 2", "there is no column 'precio'")]
    [InlineData("region * 2", "column 'region' is category")]
    [InlineData("nota + 1", "column 'nota' is text")]
    [InlineData("fecha + 1", "use year(), month(), day(), weekday() or hour() on a date")]
    [InlineData("year(a)", "year() takes a date column; 'a' is integer")]
    [InlineData("a +", "the formula ends where a value was expected")]
    [InlineData("(a + 1", "a '(' is never closed")]
    [InlineData("a + 1)", "unexpected ')'")]
    [InlineData("a = 1", "unexpected '='")]
    [InlineData("a < 1 < 2", "unexpected '<'")]
    [InlineData("min(a)", "min() takes 2 to 8 arguments, got 1")]
    [InlineData("log(a, b)", "log() takes 1 arguments, got 2")]
    [InlineData("if(a, b)", "if() takes 3 arguments, got 2")]
    [InlineData("sin(a)", "there is no function 'sin'")]
    [InlineData("a $ b", "unexpected '$'")]
    [InlineData("", "the formula ends where a value was expected")]
    [InlineData("1.2.3", "'1.2.3' is not a number")]
    [InlineData("`a", "a '`' is never closed")]
    public void A_formula_that_cannot_compile_names_the_key_the_formula_and_the_problem(string formula, string problem)
    {
        var error = CompileFails(formula);

        Assert.Contains($"params.yaml: {Where}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains($"in '{formula}'", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }
}
