using Cauce.Core.Errors;
using Cauce.Ml.Data.Config;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Preparation;
using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Tests.Data.Preparation;

/// <summary>Prepare's cleaning and imputation rules, one at a time, on small hand-written files.</summary>
public sealed class PreparerRulesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static DatasetConfig Config(string? target = "y", Dictionary<string, ColumnConfig>? columns = null) => new()
    {
        Name = "x",
        Date = new DateOnly(2025, 9, 30),
        RawPath = "x.csv",
        Target = target,
        Columns = columns ?? [],
        Validate = new ValidationConfig(1, []),
        Split = new SplitConfig(0.2, true, null, 42),
    };

    private (PrepareLog Log, string Interim, string Processed) Prepare(string csv, DatasetConfig config)
    {
        _folder.Write("x.csv", csv);
        var targets = new PrepareTargets(_folder.Path("interim.csv"), "interim.csv", _folder.Path("processed.csv"), "processed.csv");
        var log = Preparer.Prepare(CsvInput.Open(_folder.Path("x.csv"), "x.csv"), config, targets);
        return (log, _folder.Read("interim.csv"), _folder.Read("processed.csv"));
    }

    [Fact]
    public void Interim_is_trimmed_typed_and_written_canonically_from_a_semicolon_file()
    {
        var csv = "id;precio;promo;fecha;region\n1; 12.50 ;Si;2025-01-05;Norte\n2;3;no;2025-01-06 00:00:00; norte\n3;NA;SÍ;2025-01-07T10:30:00;Norte\n";

        var (_, interim, _) = Prepare(csv, Config(target: null));

        Assert.Equal("id,precio,promo,fecha,region\n1,12.5,true,2025-01-05,Norte\n2,3,false,2025-01-06,Norte\n3,,true,2025-01-07T10:30:00,Norte\n", interim);
    }

    [Fact]
    public void The_header_keeps_its_names_untrimmed()
    {
        var (_, interim, _) = Prepare("a, b\n1,2\n", Config(target: null));

        Assert.StartsWith("a, b\n", interim, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal_commas_are_written_with_a_point()
    {
        var config = Config(target: null) with { DecimalComma = true };

        var (log, interim, _) = Prepare("id;precio\n1;12,5\n2;1.234,75\n3;7\n", config);

        Assert.Equal("id,precio\n1,12.5\n2,1234.75\n3,7\n", interim);
        Assert.Equal(2, Assert.Single(log.Cleaning, c => c.Column == "precio").Reformatted);
    }

    [Fact]
    public void Rows_equal_once_cleaned_are_duplicates_too()
    {
        var (log, interim, _) = Prepare("id,region,y\n1,Norte,Si\n1, Norte ,Si\n1,NORTE,si\n2,Sur,No\n", Config());

        Assert.Equal(2, log.DuplicatesDropped);
        Assert.Equal("id,region,y\n1,Norte,true\n2,Sur,false\n", interim);
    }

    [Fact]
    public void Rows_without_a_target_stay_in_interim_leave_processed_and_do_not_feed_the_statistics()
    {
        var csv = "n,y\n1,a\n100,\n3,b\n,a\n5,b\n";

        var (log, interim, processed) = Prepare(csv, Config());

        Assert.Equal(5, log.Interim.Rows);
        Assert.Equal(1, log.RowsWithoutTarget);
        Assert.Equal(4, log.Processed.Rows);
        Assert.Contains("100,\n", interim, StringComparison.Ordinal);
        // The median of 1, 3, 5 (the row without a target does not count) is 3.
        Assert.Equal("n,y\n1,a\n3,b\n3,a\n5,b\n", processed);
    }

    [Theory]
    [InlineData(ImputeStrategy.Median, "n,y\n1,a\n2,b\n10,a\n2,b\n")]
    [InlineData(ImputeStrategy.Mean, "n,y\n1,a\n2,b\n10,a\n4.333333333333333,b\n")]
    [InlineData(ImputeStrategy.Zero, "n,y\n1,a\n2,b\n10,a\n0,b\n")]
    [InlineData(ImputeStrategy.None, "n,y\n1,a\n2,b\n10,a\n,b\n")]
    [InlineData(ImputeStrategy.DropRow, "n,y\n1,a\n2,b\n10,a\n")]
    public void A_numeric_column_is_imputed_as_declared(ImputeStrategy strategy, string expected)
    {
        var config = Config(columns: new() { ["n"] = new() { Type = ColumnType.Number, Impute = strategy } });

        var (log, _, processed) = Prepare("n,y\n1,a\n2,b\n10,a\n,b\n", config);

        Assert.Equal(expected, processed);
        Assert.Equal(strategy == ImputeStrategy.DropRow ? 1 : 0, log.RowsDroppedForMissing);
    }

    [Fact]
    public void An_integer_median_between_two_values_is_rounded_to_even()
    {
        var (log, _, processed) = Prepare("n,y\n1,a\n4,b\n,a\n2,b\n7,a\n", Config());

        // Median of 1, 2, 4, 7 is 3: exact. Then of 1, 2 → 1.5 → 2.
        Assert.Equal("3", Assert.Single(log.Imputed, i => i.Column == "n").Value);
        Assert.Contains("\n3,a\n", processed, StringComparison.Ordinal);
        var (log2, _, _) = Prepare("n,y\n1,a\n,b\n2,a\n", Config());
        Assert.Equal("2", Assert.Single(log2.Imputed, i => i.Column == "n").Value);
    }

    [Fact]
    public void Categories_and_booleans_are_imputed_with_their_most_frequent_value()
    {
        var csv = "region,activo,y\nSur,Si,a\nNorte,No,b\nSur,No,a\n,,b\n";

        var (log, _, processed) = Prepare(csv, Config());

        Assert.Equal("region,activo,y\nSur,true,a\nNorte,false,b\nSur,false,a\nSur,false,b\n", processed);
        Assert.Equal("mode", Assert.Single(log.Imputed, i => i.Column == "region").Strategy);
    }

    [Fact]
    public void Text_and_date_columns_are_not_imputed()
    {
        var csv = "nota,fecha,y\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"texto {i},2025-01-{(i % 28) + 1:D2},a\n")) + ",,b\n";

        var (_, _, processed) = Prepare(csv, Config());

        Assert.EndsWith("\n,,b\n", processed, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_and_dropped_columns_leave_processed_with_their_reasons()
    {
        var config = Config() with { Id = ["id"], Drop = ["fuga"] };

        var (log, _, processed) = Prepare("id,fuga,n,y\n1,9,5,a\n2,8,6,b\n", config);

        Assert.Equal("n,y\n5,a\n6,b\n", processed);
        Assert.Equal([new DroppedColumn("id", "id"), new DroppedColumn("fuga", "drop (declared leaky or unused)")], log.DroppedColumns);
    }

    [Fact]
    public void Every_missing_column_params_yaml_names_is_listed_at_once()
    {
        var config = Config("abandono") with { Id = ["id_cliente"] };

        var error = Assert.Throws<DataFileException>(() => Prepare("a,b\n1,2\n", config));

        Assert.Contains("has no columns 'abandono', 'id_cliente' that params.yaml names for dataset 'x'", error.Message, StringComparison.Ordinal);
        Assert.Equal("its columns are: a, b", error.Hint);
    }

    [Fact]
    public void A_derived_feature_named_like_a_column_is_refused()
    {
        var config = Config() with { Derive = [new DerivedFeature("n", "n * 2")] };

        var error = Assert.Throws<CauceException>(() => Prepare("n,y\n1,a\n2,b\n", config));

        Assert.Contains("datasets.x.derive.n: a column 'n' exists already", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n,y\n1,Si\n2,No\n", null, "binary")]
    [InlineData("n,y\n1,0\n2,1\n", null, "binary")]
    [InlineData("n,y\n1,a\n2,b\n3,c\n", null, "multiclass")]
    [InlineData("n,y\n1,1.5\n2,2.5\n3,7\n", null, "regression")]
    [InlineData("n,y\n1,3\n2,4\n3,9\n", null, "regression")]
    [InlineData("n,y\n1,3\n2,4\n3,9\n", PredictionTask.Multiclass, "multiclass")]
    public void The_task_is_read_from_the_target_unless_declared(string csv, PredictionTask? declared, string expected)
    {
        var (log, _, _) = Prepare(csv, Config() with { Task = declared });

        Assert.Equal(expected, log.Task);
    }

    [Theory]
    [InlineData("n,y\n1,a\n2,b\n3,c\n", PredictionTask.Binary, "has 3 labels, but the task is binary")]
    [InlineData("n,y\n1,a\n2,b\n", PredictionTask.Regression, "is category, but the task is regression")]
    [InlineData("n,y\n1,a\n2,a\n", null, "has 1 label")]
    public void A_target_that_cannot_serve_the_task_is_refused_before_writing(string csv, PredictionTask? declared, string message)
    {
        var error = Assert.Throws<DataFileException>(() => Prepare(csv, Config() with { Task = declared }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(_folder.Exists("interim.csv"));
        Assert.False(_folder.Exists("processed.csv"));
    }
}
