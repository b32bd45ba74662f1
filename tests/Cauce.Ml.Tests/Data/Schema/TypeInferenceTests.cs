using System.Text;
using Cauce.Core.Errors;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Tests.Data.Csv;

namespace Cauce.Ml.Tests.Data.Schema;

public sealed class TypeInferenceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private InferredSchema Infer(string text, InferenceOptions? options = null) =>
        TypeInference.Run(CsvFiles.Open(CsvFiles.Write(_folder, "data.csv", text)), options ?? new InferenceOptions());

    /// <summary>A one-column file: the header then one line per value.</summary>
    private InferredColumn InferColumn(IEnumerable<string> values, InferenceOptions? options = null, string separator = ",")
    {
        var text = new StringBuilder("id" + separator + "v\n");
        var i = 0;
        foreach (var value in values)
            text.Append(++i).Append(separator).Append(value).Append('\n');
        return Infer(text.ToString(), options)["v"];
    }

    private static InferenceOptions Declared(ColumnType type) =>
        new() { Declared = new Dictionary<string, ColumnType> { ["v"] = type } };

    [Fact]
    public void Whole_numbers_are_integer()
    {
        var column = InferColumn(["1", "-20", "300", "+4"]);

        Assert.Equal(ColumnType.Integer, column.Type);
        Assert.False(column.Declared);
        Assert.Null(column.Conflict);
    }

    [Fact]
    public void Numbers_with_decimals_are_number()
    {
        var column = InferColumn(["1", "2.5", "-0.75", "1e3"]);

        Assert.Equal(ColumnType.Number, column.Type);
        Assert.Null(column.Conflict);
    }

    [Fact]
    public void Only_zeros_and_ones_are_boolean()
    {
        Assert.Equal(ColumnType.Boolean, InferColumn(["0", "1", "1", "0"]).Type);
        Assert.Equal(ColumnType.Integer, InferColumn(["0", "1", "2"]).Type);
    }

    [Theory]
    [InlineData("Si", "No")]
    [InlineData("Yes", "No")]
    [InlineData("sí", "NO")]
    [InlineData("true", "False")]
    public void Yes_no_words_are_boolean(string yes, string no) =>
        Assert.Equal(ColumnType.Boolean, InferColumn([yes, no, no, yes, no]).Type);

    [Fact]
    public void Iso_dates_are_date()
    {
        var column = InferColumn(["2025-01-31", "2025-02-01 10:30:00", "2024-02-29"]);

        Assert.Equal(ColumnType.Date, column.Type);
    }

    [Fact]
    public void A_few_labels_repeated_are_category_and_unique_identifiers_are_text()
    {
        var text = new StringBuilder("id,region\n");
        string[] regions = ["Norte", "Sur", "Centro"];
        for (var i = 0; i < 200; i++)
            text.Append($"CLI-{i:D5},{regions[i % 3]}\n");

        var schema = Infer(text.ToString());

        Assert.Equal(ColumnType.Text, schema["id"].Type);
        Assert.Equal(ColumnType.Category, schema["region"].Type);
        Assert.Equal(200, schema.Rows);
    }

    [Fact]
    public void Blanks_and_missing_tokens_are_ignored_when_deciding_the_type()
    {
        var column = InferColumn(["1", "", "  ", "NA", "null", "N/A", "3", "#N/A"]);

        Assert.Equal(ColumnType.Integer, column.Type);
        Assert.Null(column.Conflict);
        Assert.Equal(6, column.Evidence.Missing);
        Assert.Equal(2, column.Evidence.Present);
    }

    [Fact]
    public void The_dataset_missing_tokens_replace_the_defaults()
    {
        var options = new InferenceOptions { MissingTokens = new HashSet<string>(StringComparer.Ordinal) { "", "-", "?" } };

        var column = InferColumn(["1", "-", "?", "2"], options);

        Assert.Equal(ColumnType.Integer, column.Type);
        Assert.Equal(2, column.Evidence.Missing);
    }

    [Fact]
    public void An_all_missing_column_is_text_without_conflict()
    {
        var column = InferColumn(["", "NA", ""]);

        Assert.Equal(ColumnType.Text, column.Type);
        Assert.Null(column.Conflict);
    }

    [Fact]
    public void A_decimal_comma_column_is_a_conflict_at_the_line_of_its_first_comma_value()
    {
        var column = InferColumn(["10", "11", "12,5", "13,75"], separator: ";");

        Assert.Equal(ColumnType.Number, column.Type);
        Assert.NotNull(column.Conflict);
        Assert.Contains("decimal comma ('12,5')", column.Conflict, StringComparison.Ordinal);
        Assert.Equal(4, column.ConflictLine);
        Assert.Contains("decimal", column.ConflictHint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_decimal_comma_option_reads_such_a_column_as_number()
    {
        var column = InferColumn(["10", "12,5", "1.234,5"], new InferenceOptions { DecimalComma = true }, separator: ";");

        Assert.Equal(ColumnType.Number, column.Type);
        Assert.Null(column.Conflict);
    }

    [Fact]
    public void A_declared_number_with_the_decimal_comma_option_is_not_a_conflict()
    {
        var options = Declared(ColumnType.Number) with { DecimalComma = true };

        var column = InferColumn(["12,5", "3"], options, separator: ";");

        Assert.Null(column.Conflict);
    }

    [Fact]
    public void A_column_that_flips_from_numbers_to_text_is_a_numeric_conflict_naming_the_first_text_and_its_line()
    {
        var values = Enumerable.Range(1, 300).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        values[199] = "sin dato";
        values[249] = "otro";

        var column = InferColumn(values);

        Assert.Equal(ColumnType.Integer, column.Type);
        Assert.NotNull(column.Conflict);
        Assert.Contains("'sin dato'", column.Conflict, StringComparison.Ordinal);
        Assert.Contains("'1' on line 2", column.Conflict, StringComparison.Ordinal);
        Assert.Equal(201, column.ConflictLine);
    }

    [Fact]
    public void ThrowOnConflict_raises_the_first_conflict_with_file_line_and_column()
    {
        var schema = Infer("id,importe\n1,10.5\n2,11\n3,doce\n4,13\n");

        var error = Assert.Throws<DataFileException>(() => schema.ThrowOnConflict("data/raw/x_raw_20250930.csv"));

        Assert.Equal(4, error.Line);
        Assert.Equal("importe", error.Column);
        Assert.Equal(ColumnType.Number, schema["importe"].Type);
        Assert.Contains("data/raw/x_raw_20250930.csv, line 4, column 'importe'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'doce'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_mostly_words_with_a_few_numbers_is_category_not_a_conflict()
    {
        var column = InferColumn(["Norte", "Sur", "Norte", "3", "Sur"]);

        Assert.Equal(ColumnType.Category, column.Type);
        Assert.Null(column.Conflict);
    }

    [Fact]
    public void A_declared_integer_broken_by_a_decimal_is_a_conflict_with_that_value_and_line()
    {
        var column = InferColumn(["1", "2", "2.5", "x"], Declared(ColumnType.Integer));

        Assert.Equal(ColumnType.Integer, column.Type);
        Assert.True(column.Declared);
        Assert.Contains("is declared integer but holds '2.5'", column.Conflict, StringComparison.Ordinal);
        Assert.Equal(4, column.ConflictLine);
    }

    [Fact]
    public void A_declared_boolean_broken_by_a_word_is_a_conflict_with_that_value_and_line()
    {
        var column = InferColumn(["Si", "No", "1", "0", "quizá", "No"], Declared(ColumnType.Boolean));

        Assert.Contains("is declared boolean but holds 'quizá'", column.Conflict, StringComparison.Ordinal);
        Assert.Equal(6, column.ConflictLine);
    }

    [Fact]
    public void A_declared_date_broken_by_another_format_is_a_conflict_with_that_value_and_line()
    {
        var column = InferColumn(["2025-01-01", "2025-01-02", "03/01/2025"], Declared(ColumnType.Date));

        Assert.Contains("is declared date but holds '03/01/2025'", column.Conflict, StringComparison.Ordinal);
        Assert.Equal(4, column.ConflictLine);
    }

    [Fact]
    public void A_declared_number_broken_by_text_is_a_conflict_with_that_value_and_line()
    {
        var column = InferColumn(["1.5", "", "n.d.", "2"], Declared(ColumnType.Number));

        Assert.Contains("is declared number but holds 'n.d.'", column.Conflict, StringComparison.Ordinal);
        Assert.Equal(4, column.ConflictLine);
    }

    [Fact]
    public void A_declared_type_wins_over_inference_when_the_values_fit_it()
    {
        var asNumber = InferColumn(["1", "2", "3"], Declared(ColumnType.Number));
        var asCategory = InferColumn(["1", "2", "3"], Declared(ColumnType.Category));

        Assert.Equal(ColumnType.Number, asNumber.Type);
        Assert.Null(asNumber.Conflict);
        Assert.Equal(ColumnType.Category, asCategory.Type);
        Assert.Null(asCategory.Conflict);
    }

    [Fact]
    public void Evidence_counts_spellings_after_trimming_and_padded_values()
    {
        var column = InferColumn([" Fibra", "Fibra", "FIBRA ", "DSL"]);

        Assert.Equal(3, column.Evidence.Distinct);
        Assert.Equal(2, column.Evidence.Spellings["Fibra"]);
        Assert.Equal(1, column.Evidence.Spellings["FIBRA"]);
        Assert.Equal(2, column.Evidence.Padded);
    }
}
