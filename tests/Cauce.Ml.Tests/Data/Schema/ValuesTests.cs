using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Tests.Data.Schema;

public sealed class ValuesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("NA")]
    [InlineData("N/A")]
    [InlineData("n/a")]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("NULL")]
    [InlineData("null")]
    [InlineData("None")]
    [InlineData("#N/A")]
    public void The_default_missing_tokens_mean_missing(string token) =>
        Assert.True(Values.IsMissing(token, Values.DefaultMissingTokens));

    [Theory]
    [InlineData("0")]
    [InlineData("-")]
    [InlineData("Nada")]
    [InlineData("na ")]
    [InlineData("NAN")]
    [InlineData("Norte")]
    public void Other_values_are_present(string value) =>
        Assert.False(Values.IsMissing(value, Values.DefaultMissingTokens));

    [Fact]
    public void Clean_trims_spaces_tabs_and_non_breaking_spaces() =>
        Assert.Equal("Fibra", Values.Clean(" \t\u00A0Fibra \u00A0").ToString());

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("+3", 3L)]
    public void Integers_parse(string text, long expected)
    {
        Assert.True(Values.TryInteger(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1,000")]
    [InlineData("1e3")]
    [InlineData(" 1")]
    [InlineData("uno")]
    public void Non_integers_do_not_parse_as_integers(string text) =>
        Assert.False(Values.TryInteger(text, out _));

    [Theory]
    [InlineData("12.5", 12.5)]
    [InlineData("-0.25", -0.25)]
    [InlineData("3", 3.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData(".5", 0.5)]
    public void Numbers_parse_with_a_point(string text, double expected)
    {
        Assert.True(Values.TryNumber(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("12,5")]
    [InlineData("1,234.5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    [InlineData("€12")]
    public void Decimal_commas_thousands_separators_and_non_finite_values_are_not_numbers(string text) =>
        Assert.False(Values.TryNumber(text, out _));

    [Theory]
    [InlineData("12,5", true)]
    [InlineData("-3,75", true)]
    [InlineData("1.234,5", true)]
    [InlineData("1,", false)]
    [InlineData(",5", false)]
    [InlineData("Madrid, España", false)]
    [InlineData("12.5", false)]
    public void Decimal_commas_are_recognised(string text, bool expected) =>
        Assert.Equal(expected, Values.LooksLikeDecimalComma(text));

    [Theory]
    [InlineData("12,5", 12.5)]
    [InlineData("1.234,5", 1234.5)]
    [InlineData("-0,25", -0.25)]
    public void Decimal_comma_numbers_read_as_numbers(string text, double expected)
    {
        Assert.True(Values.TryDecimalComma(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("Si", true)]
    [InlineData("SI", true)]
    [InlineData("sí", true)]
    [InlineData("Sí", true)]
    [InlineData("SÍ", true)]
    [InlineData("Yes", true)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("No", false)]
    [InlineData("NO", false)]
    [InlineData("False", false)]
    [InlineData("f", false)]
    public void Yes_no_words_in_english_and_spanish_are_booleans(string text, bool expected)
    {
        Assert.True(Values.TryBooleanWord(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("quizá")]
    [InlineData("2")]
    public void Zero_one_and_other_words_are_not_boolean_words(string text) =>
        Assert.False(Values.TryBooleanWord(text, out _));

    [Fact]
    public void Zero_and_one_are_booleans_only_through_TryZeroOne_or_TryBoolean()
    {
        Assert.True(Values.TryZeroOne("1", out var one) && one);
        Assert.True(Values.TryZeroOne("0", out var zero) && !zero);
        Assert.False(Values.TryZeroOne("2", out _));
        Assert.False(Values.TryZeroOne("1.0", out _));
        Assert.True(Values.TryBoolean("1", out var b) && b);
        Assert.True(Values.TryBoolean("no", out var n) && !n);
    }

    [Theory]
    [InlineData("2025-09-30", "2025-09-30")]
    [InlineData("2024-02-29", "2024-02-29")]
    [InlineData("2025-09-30 14:05:00", "2025-09-30T14:05:00")]
    [InlineData("2025-09-30T14:05:00", "2025-09-30T14:05:00")]
    [InlineData("2025-09-30 14:05", "2025-09-30T14:05:00")]
    [InlineData("2025-09-30T14:05:00Z", "2025-09-30T14:05:00")]
    public void Iso_dates_parse_and_are_written_back_canonically(string text, string canonical)
    {
        Assert.True(Values.TryDate(text, out var date));
        Assert.Equal(canonical, Values.FormatDate(date));
    }

    [Theory]
    [InlineData("30/09/2025")]
    [InlineData("2025-02-30")]
    [InlineData("2025-9-30")]
    [InlineData("20250930")]
    [InlineData("2023-02-29")]
    public void Other_date_forms_and_impossible_dates_do_not_parse(string text) =>
        Assert.False(Values.TryDate(text, out _));

    [Fact]
    public void Values_are_formatted_in_the_invariant_culture()
    {
        Assert.Equal("1.5", Values.FormatNumber(1.50));
        Assert.Equal("0.1", Values.FormatNumber(0.1));
        Assert.Equal("-12", Values.FormatInteger(-12));
        Assert.Equal("true", Values.FormatBoolean(true));
        Assert.Equal("false", Values.FormatBoolean(false));
    }

    [Theory]
    [InlineData("12", ColumnType.Integer, false, true)]
    [InlineData("12.5", ColumnType.Integer, false, false)]
    [InlineData("12,5", ColumnType.Number, false, false)]
    [InlineData("12,5", ColumnType.Number, true, true)]
    [InlineData("Si", ColumnType.Boolean, false, true)]
    [InlineData("quizá", ColumnType.Boolean, false, false)]
    [InlineData("2025-13-01", ColumnType.Date, false, false)]
    [InlineData("cualquier cosa", ColumnType.Category, false, true)]
    [InlineData("cualquier cosa", ColumnType.Text, false, true)]
    public void Conforms_says_whether_a_value_fits_a_type(string text, ColumnType type, bool decimalComma, bool expected) =>
        Assert.Equal(expected, Values.Conforms(text, type, decimalComma));
}
