using System.Globalization;
using System.Text;
using Cauce.Core.Errors;
using Cauce.Ml.Data.Splitting;
using Cauce.Ml.Tests.Data.Csv;

namespace Cauce.Ml.Tests.Data.Splitting;

public sealed class SplitterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string text) => CsvFiles.Write(_folder, "data/processed/x_processed_20250930.csv", text);

    private SplitTargets Targets(string tag = "") => new(
        _folder.Path($"out{tag}/x-train_processed_20250930.csv"), "x-train_processed_20250930.csv",
        _folder.Path($"out{tag}/x-test_processed_20250930.csv"), "x-test_processed_20250930.csv");

    private static SplitOptions Options(string target = "y", double testSize = 0.2, ulong seed = 42, bool stratify = true, string? time = null, PredictionTask? task = null) =>
        new("x", target, task, testSize, stratify, time, seed);

    private SplitReport Split(string path, SplitOptions options, string tag = "") =>
        Splitter.Split(CsvFiles.Open(path), options, Targets(tag));

    /// <summary>A file of rows numbered n = 1.. (in file order) with a label y drawn from <paramref name="labels"/> by a fixed shuffle.</summary>
    private string Classes(params (string Label, int Count)[] labels)
    {
        var all = labels.SelectMany(l => Enumerable.Repeat(l.Label, l.Count)).ToArray();
        new Random(5).Shuffle(all);
        var text = new StringBuilder("n,x,y\n");
        for (var i = 0; i < all.Length; i++)
            text.Append(CultureInfo.InvariantCulture, $"{i + 1},{(i * 7) % 13},{all[i]}\n");
        return Write(text.ToString());
    }

    private static (string[] Header, List<string[]> Rows) Read(string path) => CsvFiles.ReadPlain(path);

    private static List<string[]> TrainRows(SplitTargets targets) => Read(targets.TrainPath).Rows;

    private static List<string[]> TestRows(SplitTargets targets) => Read(targets.TestPath).Rows;

    [Fact]
    public void A_stratified_split_gives_the_ceiling_of_the_test_share_and_each_class_within_one_of_its_share()
    {
        var path = Classes(("a", 517), ("b", 301), ("c", 182));

        var report = Split(path, Options());

        var test = TestRows(Targets());
        var train = TrainRows(Targets());
        Assert.Equal("stratified", report.Method);
        Assert.Equal(200, test.Count);
        Assert.Equal(800, train.Count);
        Assert.Equal(200, report.Test.Rows);
        Assert.Equal(800, report.Train.Rows);
        foreach (var (label, count) in new[] { ("a", 517), ("b", 301), ("c", 182) })
        {
            var inTest = test.Count(r => r[2] == label);
            Assert.InRange(inTest, (count * 0.2) - 1, (count * 0.2) + 1);
            Assert.Equal(count - inTest, train.Count(r => r[2] == label));
            var balance = Assert.Single(report.Balance, b => b.Label == label);
            Assert.Equal(inTest, balance.Test);
            Assert.Equal(count - inTest, balance.Train);
        }

        Assert.Empty(report.Warnings);
        Assert.Null(report.Spread);
    }

    [Theory]
    [InlineData(999, 0.25, 250)]
    [InlineData(10, 0.2, 2)]
    [InlineData(11, 0.2, 3)]
    [InlineData(7, 0.01, 1)]
    public void The_test_side_has_the_ceiling_of_test_size_times_rows(int rows, double testSize, int expected)
    {
        var path = Classes(("si", rows / 2), ("no", rows - (rows / 2)));

        var report = Split(path, Options(testSize: testSize));

        Assert.Equal(expected, report.Test.Rows);
        Assert.Equal(expected, TestRows(Targets()).Count);
        Assert.Equal(rows - expected, report.Train.Rows);
    }

    [Fact]
    public void The_same_seed_gives_identical_files_and_another_seed_different_ones()
    {
        var path = Classes(("a", 600), ("b", 400));

        Split(path, Options(seed: 7), "1");
        Split(path, Options(seed: 7), "2");
        Split(path, Options(seed: 8), "3");

        Assert.Equal(File.ReadAllBytes(Targets("1").TrainPath), File.ReadAllBytes(Targets("2").TrainPath));
        Assert.Equal(File.ReadAllBytes(Targets("1").TestPath), File.ReadAllBytes(Targets("2").TestPath));
        Assert.NotEqual(File.ReadAllBytes(Targets("1").TestPath), File.ReadAllBytes(Targets("3").TestPath));
    }

    [Fact]
    public void Both_sides_keep_the_file_order_and_together_hold_every_row_once()
    {
        var path = Classes(("a", 300), ("b", 300), ("c", 400));
        var original = Read(path);

        Split(path, Options());

        var train = TrainRows(Targets());
        var test = TestRows(Targets());
        Assert.Equal(original.Header, Read(Targets().TrainPath).Header);
        Assert.Equal(original.Header, Read(Targets().TestPath).Header);
        foreach (var side in new[] { train, test })
        {
            var numbers = side.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(numbers.Order(), numbers);
        }

        Assert.Equal(
            original.Rows.Select(r => string.Join(",", r)).Order(StringComparer.Ordinal),
            train.Concat(test).Select(r => string.Join(",", r)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_rows_are_copied_byte_for_byte()
    {
        var path = Write("n,y,nota\n1,a,\"con, coma\"\n2,b,x\n3,a,\n4,b,y\n5,a,z\n6,b,w\n");

        Split(path, Options(testSize: 0.5));

        var lines = File.ReadAllText(Targets().TrainPath).Split('\n').Concat(File.ReadAllText(Targets().TestPath).Split('\n')).ToList();
        Assert.Contains("1,a,\"con, coma\"", lines);
        Assert.Contains("3,a,", lines);
    }

    [Fact]
    public void A_numeric_target_with_many_values_is_split_at_random_with_its_spread_reported()
    {
        var random = new Random(9);
        var text = new StringBuilder("n,y\n");
        for (var i = 1; i <= 1_000; i++)
            text.Append(CultureInfo.InvariantCulture, $"{i},{Math.Round(50 + (random.NextDouble() * 100), 3)}\n");
        var path = Write(text.ToString());

        var report = Split(path, Options());

        Assert.Equal("random", report.Method);
        Assert.Empty(report.Balance);
        Assert.Equal(200, report.Test.Rows);
        var spread = Assert.IsType<TargetSpread>(report.Spread);
        var train = TrainRows(Targets()).Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToList();
        var test = TestRows(Targets()).Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(train.Average(), spread.TrainMean, 9);
        Assert.Equal(test.Average(), spread.TestMean, 9);
        Assert.Equal(StandardDeviation(train), spread.TrainStd, 9);
        Assert.Equal(StandardDeviation(test), spread.TestStd, 9);
        Assert.InRange(spread.TestMean, 90, 110);
        Assert.InRange(spread.TrainStd, 20, 40);
    }

    private static double StandardDeviation(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    [Fact]
    public void Stratify_false_gives_a_random_split_of_a_classification_target()
    {
        var path = Classes(("a", 500), ("b", 500));

        var report = Split(path, Options(stratify: false));

        Assert.Equal("random", report.Method);
        Assert.Equal(200, report.Test.Rows);
        Assert.Equal(2, report.Balance.Count);
    }

    [Fact]
    public void A_time_split_sends_the_latest_whole_dates_to_test_and_reports_the_cutoff()
    {
        var text = new StringBuilder("fecha,tienda,y\n");
        var start = new DateOnly(2025, 1, 1);
        for (var day = 0; day < 10; day++)
        {
            for (var store = 1; store <= 100; store++)
                text.Append(CultureInfo.InvariantCulture, $"{start.AddDays(day):yyyy-MM-dd},T{store:D3},{(store * day) % 17}\n");
        }

        var path = Write(text.ToString());

        var report = Split(path, Options(time: "fecha", task: PredictionTask.Regression));

        Assert.Equal("time", report.Method);
        Assert.Equal("2025-01-09", report.Cutoff);
        Assert.Equal("fecha", report.TimeColumn);
        Assert.All(TestRows(Targets()), r => Assert.True(string.CompareOrdinal(r[0], "2025-01-09") >= 0));
        Assert.All(TrainRows(Targets()), r => Assert.True(string.CompareOrdinal(r[0], "2025-01-09") < 0));
        Assert.Equal(200, report.Test.Rows);
    }

    [Fact]
    public void A_time_split_never_cuts_a_date_in_two_and_takes_the_share_closest_to_the_target()
    {
        // 5 dates of 100, 100, 100, 100, 300 rows: 20% is 140 rows; the last date alone (300) is the only whole-date choice.
        var text = new StringBuilder("fecha,y\n");
        int[] counts = [100, 100, 100, 100, 300];
        for (var day = 0; day < counts.Length; day++)
        {
            for (var i = 0; i < counts[day]; i++)
                text.Append(CultureInfo.InvariantCulture, $"2025-03-0{day + 1},{i % 30}\n");
        }

        var report = Split(Write(text.ToString()), Options(time: "fecha", task: PredictionTask.Regression));

        Assert.Equal("2025-03-05", report.Cutoff);
        Assert.Equal(300, report.Test.Rows);
        Assert.Equal(400, report.Train.Rows);
    }

    [Fact]
    public void A_time_split_with_dates_out_of_order_still_sends_the_latest_to_test_and_keeps_file_order()
    {
        var text = new StringBuilder("n,fecha,y\n");
        string[] dates = ["2025-01-03", "2025-01-01", "2025-01-05", "2025-01-02", "2025-01-04"];
        for (var i = 0; i < 50; i++)
            text.Append(CultureInfo.InvariantCulture, $"{i},{dates[i % 5]},{i % 2}\n");

        var report = Split(Write(text.ToString()), Options(time: "fecha"));

        Assert.Equal("2025-01-05", report.Cutoff);
        var test = TestRows(Targets());
        Assert.All(test, r => Assert.Equal("2025-01-05", r[1]));
        Assert.Equal(test.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)).Order(), test.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_class_of_one_row_goes_to_train_with_a_warning()
    {
        var path = Classes(("a", 600), ("b", 399), ("rara", 1));

        var report = Split(path, Options());

        Assert.Equal(200, report.Test.Rows);
        Assert.DoesNotContain(TestRows(Targets()), r => r[2] == "rara");
        Assert.Single(TrainRows(Targets()), r => r[2] == "rara");
        var warning = Assert.Single(report.Warnings);
        Assert.Contains("class 'rara' has 1 row", warning, StringComparison.Ordinal);
        Assert.Equal(new ClassBalance("rara", 1, 0), Assert.Single(report.Balance, b => b.Label == "rara"));
    }

    [Fact]
    public void Rare_single_row_classes_do_not_shrink_the_test_side()
    {
        // Ten classes of one row stay in train; the big class must give the test side all ⌈0.2 × 100⌉ = 20 rows.
        var labels = Enumerable.Range(0, 10).Select(i => ($"r{i}", 1)).Append(("a", 90)).ToArray();
        var path = Classes(labels);

        var report = Split(path, Options(task: PredictionTask.Multiclass));

        Assert.Equal(20, report.Test.Rows);
        Assert.Equal(10, report.Warnings.Count);
    }

    [Fact]
    public void A_target_with_one_class_is_an_error()
    {
        var path = Classes(("si", 50));

        var error = Assert.Throws<DataFileException>(() => Split(path, Options()));

        Assert.Contains("has one label ('si')", error.Message, StringComparison.Ordinal);
        Assert.Empty(CsvFiles.FilesUnder(_folder.Path("out")));
    }

    [Fact]
    public void A_missing_target_value_is_an_error_naming_its_line()
    {
        var path = Write("n,y\n1,a\n2,b\n3, \n4,a\n");

        var error = Assert.Throws<DataFileException>(() => Split(path, Options()));

        Assert.Equal(4, error.Line);
        Assert.Equal("y", error.Column);
        Assert.Contains("has no target value", error.Message, StringComparison.Ordinal);
        Assert.Contains("cauce prepare", error.Hint, StringComparison.Ordinal);
        Assert.Empty(CsvFiles.FilesUnder(_folder.Path("out")));
    }

    [Fact]
    public void A_bad_date_in_the_time_column_is_an_error_naming_its_line()
    {
        var path = Write("fecha,y\n2025-01-01,1\n2025-01-02,2\n02/01/2025,3\n2025-01-03,4\n");

        var error = Assert.Throws<DataFileException>(() => Split(path, Options(time: "fecha")));

        Assert.Equal(4, error.Line);
        Assert.Equal("fecha", error.Column);
        Assert.Contains("'02/01/2025' is not a date", error.Message, StringComparison.Ordinal);
        Assert.Empty(CsvFiles.FilesUnder(_folder.Path("out")));
    }

    [Fact]
    public void A_time_split_over_a_single_date_is_an_error()
    {
        var path = Write("fecha,y\n2025-01-01,1\n2025-01-01,2\n2025-01-01,3\n");

        var error = Assert.Throws<CauceException>(() => Split(path, Options(time: "fecha")));

        Assert.Contains("at least two different dates", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_target_or_time_column_is_an_error_listing_the_columns()
    {
        var path = Write("n,y\n1,a\n2,b\n");

        var target = Assert.Throws<DataFileException>(() => Split(path, Options(target: "abandono")));
        var time = Assert.Throws<DataFileException>(() => Split(path, Options(time: "fecha")));

        Assert.Contains("has no target column 'abandono'", target.Message, StringComparison.Ordinal);
        Assert.Contains("has no time column 'fecha'", time.Message, StringComparison.Ordinal);
        Assert.Equal("its columns are: n, y", time.Hint);
    }

    [Fact]
    public void Fewer_than_two_rows_cannot_be_split()
    {
        var error = Assert.Throws<DataFileException>(() => Split(Write("n,y\n1,a\n"), Options()));

        Assert.Contains("one data row", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Allocate_sums_to_the_test_rows_and_keeps_each_class_within_one_of_its_share(int seed)
    {
        var random = new Random(seed);
        var classes = Enumerable.Range(0, random.Next(2, 12)).ToDictionary(i => $"c{i}", _ => (long)random.Next(2, 400));
        var rows = classes.Values.Sum();
        var testRows = (long)Math.Ceiling((0.05 + (random.NextDouble() * 0.45)) * rows);

        var quotas = Splitter.Allocate(classes, rows, testRows, []);

        Assert.Equal(testRows, quotas.Values.Sum());
        foreach (var (label, count) in classes)
        {
            var exact = (double)count * testRows / rows;
            Assert.InRange(quotas[label], Math.Floor(exact), Math.Ceiling(exact));
            Assert.InRange(quotas[label], 0, count - 1);
        }
    }

    [Fact]
    public void Allocate_gives_leftover_rows_to_the_largest_remainders()
    {
        var quotas = Splitter.Allocate(new Dictionary<string, long> { ["a"] = 517, ["b"] = 301, ["c"] = 182 }, 1_000, 200, []);

        // Exact shares 103.4, 60.2, 36.4: the one row left goes to the larger of the two .4 remainders.
        Assert.Equal(104, quotas["a"]);
        Assert.Equal(60, quotas["b"]);
        Assert.Equal(36, quotas["c"]);
    }

    [Fact]
    public void Allocate_with_single_row_classes_still_sums_to_the_test_rows()
    {
        var classes = Enumerable.Range(0, 10).ToDictionary(i => $"r{i}", _ => 1L);
        classes["a"] = 90;
        var warnings = new List<string>();

        var quotas = Splitter.Allocate(classes, 100, 20, warnings);

        Assert.Equal(20, quotas.Values.Sum());
        Assert.Equal(20, quotas["a"]);
        Assert.Equal(10, warnings.Count);
    }

    [Fact]
    public void Allocate_with_a_large_test_size_still_sums_to_the_test_rows()
    {
        // test_size may go up to 0.99: small classes keep one train row each, the big class gives the rest.
        var classes = new Dictionary<string, long> { ["a"] = 2, ["b"] = 2, ["c"] = 2, ["d"] = 94 };

        var quotas = Splitter.Allocate(classes, 100, 90, []);

        Assert.Equal(90, quotas.Values.Sum());
        Assert.All(classes, c => Assert.True(quotas[c.Key] <= c.Value - 1));
    }
}
