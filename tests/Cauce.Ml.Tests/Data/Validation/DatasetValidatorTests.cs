using System.Globalization;
using System.Text;
using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Data.Validation;
using Cauce.Ml.Tests.Data.Csv;

namespace Cauce.Ml.Tests.Data.Validation;

public sealed class DatasetValidatorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static DatasetConfig Config(
        string? target = null,
        IReadOnlyDictionary<string, ColumnConfig>? columns = null,
        IReadOnlyList<string>? id = null,
        double maxMissing = 1,
        IReadOnlyList<string>? unique = null) => new()
    {
        Name = "clientes",
        Date = new DateOnly(2025, 9, 30),
        RawPath = "data/raw/clientes_raw_20250930.csv",
        Target = target,
        Id = id ?? [],
        Columns = columns ?? new Dictionary<string, ColumnConfig>(),
        Validate = new ValidationConfig(maxMissing, unique ?? id ?? []),
        Split = new SplitConfig(0.2, true, null, 42),
    };

    private ValidationReport Validate(string csv, DatasetConfig config) =>
        DatasetValidator.Validate(CsvFiles.Open(CsvFiles.Write(_folder, "clientes_raw_20250930.csv", csv)), config);

    /// <summary>A two-column file (id, v): one line per value, the first value on line 2.</summary>
    private static string Column(string name, IEnumerable<string> values)
    {
        var text = new StringBuilder($"id,{name}\n");
        var i = 0;
        foreach (var value in values)
            text.Append(CultureInfo.InvariantCulture, $"{++i},{value}\n");
        return text.ToString();
    }

    private static ValidationFinding Single(ValidationReport report, string rule, string? column = null) =>
        Assert.Single(report.Findings, f => f.Rule == rule && (column is null || f.Column == column));

    [Fact]
    public void A_clean_file_passes_with_no_findings()
    {
        var config = Config("abandono", new Dictionary<string, ColumnConfig>
        {
            ["edad"] = new() { Type = ColumnType.Integer, Min = 18, Max = 100 },
            ["region"] = new() { Type = ColumnType.Category, Values = ["Norte", "Sur"] },
        }, id: ["id"]);

        var report = Validate("id,edad,region,abandono\n1,30,Norte,Si\n2,45,Sur,No\n3,18,Sur,No\n", config);

        Assert.True(report.Passed);
        Assert.Empty(report.Findings);
        Assert.Equal(3, report.Rows);
        Assert.Equal("clientes", report.Dataset);
        Assert.Equal("clientes_raw_20250930.csv", report.File);
    }

    [Fact]
    public void A_missing_declared_column_is_an_error_listing_the_columns_there_are()
    {
        var config = Config(columns: new Dictionary<string, ColumnConfig> { ["edad"] = new() { Type = ColumnType.Integer } });

        var report = Validate("id,region\n1,Norte\n", config);

        var finding = Single(report, ValidationRules.MissingColumn, "edad");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("'edad' is not in the file (its columns: id, region)", finding.Message, StringComparison.Ordinal);
        Assert.False(report.Passed);
    }

    [Fact]
    public void A_missing_target_id_or_time_column_is_an_error_too()
    {
        var config = Config("abandono", id: ["id_cliente"]) with { Split = new SplitConfig(0.2, true, "fecha", 42) };

        var report = Validate("id,region\n1,Norte\n", config);

        Assert.Equal(["abandono", "fecha", "id_cliente"], report.Findings.Where(f => f.Rule == ValidationRules.MissingColumn).Select(f => f.Column).Order(StringComparer.Ordinal));
        Assert.Contains(report.Findings, f => f.Message.Contains("target column 'abandono'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_column_declared_not_required_may_be_absent()
    {
        var config = Config(columns: new Dictionary<string, ColumnConfig> { ["edad"] = new() { Type = ColumnType.Integer, Required = false } });

        Assert.True(Validate("id,region\n1,Norte\n", config).Passed);
    }

    [Fact]
    public void A_column_missing_in_two_roles_is_reported_once()
    {
        // As in the repository's ventas entry: the target is also a declared column.
        var config = Config("unidades", new Dictionary<string, ColumnConfig> { ["unidades"] = new() { Type = ColumnType.Integer, Min = 0 } });

        var report = Validate("id,region\n1,Norte\n", config);

        Single(report, ValidationRules.MissingColumn, "unidades");
    }

    [Fact]
    public void Values_below_and_above_the_range_are_errors_with_their_first_five_lines_and_count()
    {
        var values = new[] { "30", "17", "40", "5", "101", "16", "0", "15", "200", "14", "50", "-3" };
        var config = Config(columns: new Dictionary<string, ColumnConfig> { ["edad"] = new() { Type = ColumnType.Integer, Min = 18, Max = 100 } });

        var report = Validate(Column("edad", values), config);

        var range = report.Findings.Where(f => f.Rule == ValidationRules.Range && f.Column == "edad").ToList();
        Assert.Equal(2, range.Count);
        var below = Assert.Single(range, f => f.Message.Contains("below", StringComparison.Ordinal));
        Assert.Equal(7, below.Count);
        Assert.Equal([3L, 5L, 7L, 8L, 9L], below.Lines);
        Assert.Contains("7 values are below the minimum 18 (first: 17)", below.Message, StringComparison.Ordinal);
        var above = Assert.Single(range, f => f.Message.Contains("above", StringComparison.Ordinal));
        Assert.Equal(2, above.Count);
        Assert.Equal([6L, 10L], above.Lines);
        Assert.Contains("above the maximum 100 (first: 101)", above.Message, StringComparison.Ordinal);
        Assert.All(range, f => Assert.Equal(Severity.Error, f.Severity));
        Assert.False(report.Passed);
    }

    [Fact]
    public void The_range_bounds_themselves_are_allowed()
    {
        var config = Config(columns: new Dictionary<string, ColumnConfig> { ["descuento"] = new() { Type = ColumnType.Number, Min = 0, Max = 1 } });

        Assert.True(Validate(Column("descuento", ["0", "1", "0.5", "1.0"]), config).Passed);
    }

    [Fact]
    public void A_label_not_allowed_is_an_error_but_case_and_space_variants_of_allowed_labels_are_not()
    {
        var config = Config(columns: new Dictionary<string, ColumnConfig> { ["region"] = new() { Type = ColumnType.Category, Values = ["Norte", "Sur"] } });

        var report = Validate(Column("region", ["Norte", " Sur", "NORTE", "sur ", "Este", "Norte", "Oeste", "Norte"]), config);

        var category = Single(report, ValidationRules.Category, "region");
        Assert.Equal(Severity.Error, category.Severity);
        Assert.Equal(2, category.Count);
        Assert.Equal([6L, 8L], category.Lines);
        Assert.Contains("not among the allowed labels Norte, Sur (first: 'Este')", category.Message, StringComparison.Ordinal);
        var spelling = Single(report, ValidationRules.Spelling, "region");
        Assert.Equal(Severity.Warning, spelling.Severity);
        Assert.Equal(2, spelling.Count); // NORTE and sur; " Sur" only needed trimming
    }

    [Fact]
    public void Sentinels_are_missing_values_not_out_of_range_ones()
    {
        var values = new[] { "30", "-1", "999", "45", "999.0", "60", "70", "80", "90", "20" };
        var config = Config(columns: new Dictionary<string, ColumnConfig> { ["edad"] = new() { Type = ColumnType.Integer, Min = 18, Max = 100, Sentinels = ["-1", "999"] } }, maxMissing: 0.2);

        var report = Validate(Column("edad", values), config);

        Assert.DoesNotContain(report.Findings, f => f.Rule == ValidationRules.Range);
        var missing = Single(report, ValidationRules.MissingShare, "edad");
        Assert.Equal(3, missing.Count);
        Assert.Equal([3L, 4L, 6L], missing.Lines);
        Assert.Contains("30.0", missing.Message, StringComparison.Ordinal);
        Assert.Contains("more than the 20", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_sentinel_on_a_numeric_column_is_a_missing_value_not_a_type_error()
    {
        var config = Config(columns: new Dictionary<string, ColumnConfig> { ["edad"] = new() { Type = ColumnType.Integer, Sentinels = ["desconocido"] } });

        var report = Validate(Column("edad", ["30", "desconocido", "40"]), config);

        Assert.True(report.Passed);
        Assert.DoesNotContain(report.Findings, f => f.Rule == ValidationRules.Type);
    }

    [Fact]
    public void A_share_missing_over_max_missing_is_an_error_and_at_or_under_it_is_not()
    {
        var values = Enumerable.Range(1, 20).Select(i => i % 10 == 0 ? "" : "5").ToList();
        var column = new Dictionary<string, ColumnConfig> { ["n"] = new() { Type = ColumnType.Integer } };

        var over = Validate(Column("n", values), Config(columns: column, maxMissing: 0.05));
        var at = Validate(Column("n", values), Config(columns: column, maxMissing: 0.1));
        var under = Validate(Column("n", values), Config(columns: column, maxMissing: 0.2));

        var finding = Single(over, ValidationRules.MissingShare, "n");
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal(2, finding.Count);
        Assert.Equal([11L, 21L], finding.Lines);
        Assert.False(over.Passed);
        Assert.True(at.Passed);
        Assert.True(under.Passed);
    }

    [Fact]
    public void Missing_tokens_count_as_missing_values()
    {
        var report = Validate(Column("n", ["1", "NA", "null", "2"]), Config(maxMissing: 0.25));

        Assert.Equal(2, Single(report, ValidationRules.MissingShare, "n").Count);
    }

    [Fact]
    public void A_repeated_id_is_an_error_only_on_rows_that_are_not_exact_duplicates()
    {
        var csv = "id_cliente,edad,region\n" +
                  "C1,30,Norte\n" +   // line 2
                  "C2,40,Sur\n" +     // line 3
                  "C1,30,Norte\n" +   // line 4: exact duplicate of line 2
                  "C1,31,Norte\n" +   // line 5: same id, other data
                  "C3,50,Sur\n" +     // line 6
                  "C2,40,Sur\n" +     // line 7: exact duplicate of line 3
                  " C3,55,Sur\n";     // line 8: same id once trimmed
        var report = Validate(csv, Config(id: ["id_cliente"]));

        var unique = Single(report, ValidationRules.Unique, "id_cliente");
        Assert.Equal(Severity.Error, unique.Severity);
        Assert.Equal(2, unique.Count);
        Assert.Equal([5L, 8L], unique.Lines);
        Assert.Contains("first: 'C1'", unique.Message, StringComparison.Ordinal);
        var duplicates = Single(report, ValidationRules.DuplicateRows);
        Assert.Equal(Severity.Warning, duplicates.Severity);
        Assert.Null(duplicates.Column);
        Assert.Equal(2, duplicates.Count);
        Assert.Equal([4L, 7L], duplicates.Lines);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Exact_duplicate_rows_alone_are_a_warning_and_the_file_passes()
    {
        var report = Validate("id_cliente,edad\nC1,30\nC1,30\nC2,40\n", Config(id: ["id_cliente"]));

        Assert.True(report.Passed);
        Assert.Equal(1, report.Warnings);
        Assert.Equal([3L], Single(report, ValidationRules.DuplicateRows).Lines);
    }

    [Fact]
    public void A_unique_column_named_in_validate_is_checked_like_an_id()
    {
        var report = Validate("codigo,n\nA,1\nB,2\nA,3\n", Config(unique: ["codigo"]));

        Assert.Equal([4L], Single(report, ValidationRules.Unique, "codigo").Lines);
    }

    [Fact]
    public void A_unique_column_that_is_not_in_the_file_is_reported()
    {
        // A uniqueness rule on a column the file does not have must not pass silently.
        var report = Validate("id,n\n1,1\n2,2\n", Config(unique: ["codigo"]));

        Assert.False(report.Passed);
        Assert.Contains(report.Findings, f => f.Column == "codigo" && f.Severity == Severity.Error);
    }

    [Fact]
    public void Rows_without_a_target_are_a_warning_whatever_their_share()
    {
        var report = Validate("id,abandono\n1,Si\n2,\n3,No\n4,NA\n", Config("abandono", maxMissing: 0.05));

        var finding = Single(report, ValidationRules.TargetMissing, "abandono");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(2, finding.Count);
        Assert.Equal([3L, 5L], finding.Lines);
        Assert.DoesNotContain(report.Findings, f => f.Rule == ValidationRules.MissingShare);
        Assert.True(report.Passed);
    }

    [Fact]
    public void Labels_written_several_ways_are_a_spelling_warning()
    {
        var report = Validate(Column("servicio", ["Fibra", " Fibra", "FIBRA", "DSL", "dsl", "Fibra"]), Config());

        var finding = Single(report, ValidationRules.Spelling, "servicio");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(2, finding.Count); // FIBRA and dsl; " Fibra" only needed trimming
        Assert.Contains("2 labels written several ways", finding.Message, StringComparison.Ordinal);
        Assert.True(report.Passed);
    }

    [Fact]
    public void A_declared_type_broken_by_values_is_a_type_error_with_their_lines()
    {
        var config = Config(columns: new Dictionary<string, ColumnConfig> { ["edad"] = new() { Type = ColumnType.Integer } });

        var report = Validate(Column("edad", ["30", "treinta", "40", "41.5", "", "50"]), config);

        var type = Single(report, ValidationRules.Type, "edad");
        Assert.Equal(Severity.Error, type.Severity);
        Assert.Equal(2, type.Count);
        Assert.Equal([3L, 5L], type.Lines);
        Assert.Contains("2 values are not integer (first: 'treinta')", type.Message, StringComparison.Ordinal);
        Assert.False(report.Passed);
    }

    [Fact]
    public void A_column_that_flips_from_numbers_to_text_is_a_type_error_with_the_lines_of_the_text()
    {
        var values = Enumerable.Range(1, 40).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        values[24] = "error";
        values[30] = "#¡VALOR!";

        var report = Validate(Column("llamadas", values), Config());

        var type = Single(report, ValidationRules.Type, "llamadas");
        Assert.Equal(2, type.Count);
        Assert.Equal([26L, 32L], type.Lines);
        Assert.Contains("(first: 'error')", type.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal_commas_are_a_type_error_unless_the_dataset_says_decimal_comma()
    {
        var csv = "id;precio\n1;12,5\n2;3\n3;7,25\n";
        var column = new Dictionary<string, ColumnConfig> { ["precio"] = new() { Type = ColumnType.Number, Min = 0, Max = 10 } };

        var points = Validate(csv, Config(columns: column));
        var commas = Validate(csv, Config(columns: column) with { DecimalComma = true });

        Assert.Equal([2L, 4L], Single(points, ValidationRules.Type, "precio").Lines);
        Assert.DoesNotContain(commas.Findings, f => f.Rule == ValidationRules.Type);
        var above = Single(commas, ValidationRules.Range, "precio");
        Assert.Equal([2L], above.Lines);
    }

    [Fact]
    public void Every_problem_is_reported_in_one_run_and_passed_means_no_errors()
    {
        var config = Config("abandono", new Dictionary<string, ColumnConfig>
        {
            ["edad"] = new() { Type = ColumnType.Integer, Min = 18, Max = 100 },
            ["region"] = new() { Type = ColumnType.Category, Values = ["Norte", "Sur"] },
            ["ingresos"] = new() { Type = ColumnType.Integer },
        }, id: ["id"]);

        var report = Validate("id,edad,region,abandono\n1,10,Este,Si\n2,30,NORTE,\n2,30,NORTE,\n", config);

        // Errors first, then warnings; within each, by column: the order the report is read in.
        Assert.Equal(
            [
                (Severity.Error, ValidationRules.Range, "edad"),
                (Severity.Error, ValidationRules.MissingColumn, "ingresos"),
                (Severity.Error, ValidationRules.Category, "region"),
                (Severity.Warning, ValidationRules.DuplicateRows, (string?)null),
                (Severity.Warning, ValidationRules.TargetMissing, "abandono"),
                (Severity.Warning, ValidationRules.Spelling, "region"),
            ],
            report.Findings.Select(f => (f.Severity, f.Rule, f.Column)));
        Assert.Equal(3, report.Errors);
        Assert.Equal(3, report.Warnings);
        Assert.False(report.Passed);
    }
}
