using System.Globalization;
using System.Text.Json;
using Cauce.Ml.Data.Preparation;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Data.Validation;
using Cauce.Ml.Reporting;
using Cauce.Ml.Tests.Data.Csv;

namespace Cauce.Ml.Tests.Data.Preparation;

/// <summary><c>cauce sample clientes --rows 5000 --seed 42</c> prepared once with the repository's params.yaml.</summary>
public sealed class PreparedClientes : IDisposable
{
    public const int Rows = 5_000;

    public PreparedClientes()
    {
        Project = DataProject.WithRepositoryParams();
        var config = Project.Config("clientes");
        RawBytes = Project.WriteSample("clientes", Rows, 42, config.RawPath);
        Validation = Project.Validate("clientes");
        Log = Project.Prepare("clientes");
        InterimBytes = File.ReadAllBytes(Project.Interim("clientes"));
        ProcessedBytes = File.ReadAllBytes(Project.Processed("clientes"));
        Raw = CsvFiles.ReadPlain(Project.Folder.Path(config.RawPath));
        Interim = CsvFiles.ReadPlain(Project.Interim("clientes"));
        Processed = CsvFiles.ReadPlain(Project.Processed("clientes"));
    }

    public DataProject Project { get; }

    public byte[] RawBytes { get; }

    public ValidationReport Validation { get; }

    public PrepareLog Log { get; }

    public byte[] InterimBytes { get; }

    public byte[] ProcessedBytes { get; }

    public (string[] Header, List<string[]> Rows) Raw { get; }

    public (string[] Header, List<string[]> Rows) Interim { get; }

    public (string[] Header, List<string[]> Rows) Processed { get; }

    public void Dispose() => Project.Dispose();
}

public sealed class PreparerClientesTests(PreparedClientes prepared) : IClassFixture<PreparedClientes>
{
    private static readonly Dictionary<string, string[]> DeclaredLabels = new()
    {
        ["servicio_internet"] = ["DSL", "Fibra", "Ninguno"],
        ["tipo_contrato"] = ["Mensual", "Anual", "Bianual"],
        ["region"] = ["Norte", "Sur", "Centro", "Este", "Oeste"],
    };

    private static string[] Column((string[] Header, List<string[]> Rows) file, string name)
    {
        var index = Array.IndexOf(file.Header, name);
        Assert.True(index >= 0, $"no column '{name}' in {string.Join(",", file.Header)}");
        return [.. file.Rows.Select(r => r[index])];
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The median the textbook way: sort, take the middle value or the mean of the two middle values.</summary>
    private static double SortedMedian(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        Assert.NotEmpty(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    [Fact]
    public void The_sample_validates_with_only_warnings_prepare_fixes()
    {
        var report = prepared.Validation;

        Assert.True(report.Passed, string.Join("\n", report.Findings.Select(f => f.Message)));
        Assert.Equal(PreparedClientes.Rows, report.Rows);
        Assert.Contains(report.Findings, f => f.Rule == ValidationRules.DuplicateRows);
        Assert.Contains(report.Findings, f => f.Rule == ValidationRules.Spelling && f.Column == "region");
    }

    [Fact]
    public void Interim_has_no_exact_duplicate_rows_and_as_many_were_dropped_as_validate_reports()
    {
        var lines = prepared.Interim.Rows.Select(r => string.Join(",", r)).ToList();
        var validated = Assert.Single(prepared.Validation.Findings, f => f.Rule == ValidationRules.DuplicateRows).Count;

        Assert.Equal(lines.Count, lines.Distinct(StringComparer.Ordinal).Count());
        Assert.True(validated > 0);
        Assert.Equal(validated, prepared.Log.DuplicatesDropped);
        Assert.Equal(PreparedClientes.Rows - validated, prepared.Interim.Rows.Count);
    }

    [Fact]
    public void Interim_keeps_the_raw_columns_in_their_order()
    {
        Assert.Equal(prepared.Raw.Header, prepared.Interim.Header);
    }

    [Fact]
    public void Each_declared_category_in_interim_holds_exactly_its_declared_labels()
    {
        foreach (var (column, labels) in DeclaredLabels)
        {
            Assert.True(Column(prepared.Raw, column).Distinct().Count() > labels.Length, $"the raw {column} should hold misspellings");
            Assert.Equal(labels.Order(StringComparer.Ordinal), Column(prepared.Interim, column).Distinct().Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Every_category_in_interim_is_written_one_way_per_label()
    {
        foreach (var cleaning in prepared.Log.Cleaning.Where(c => c.Type == "category"))
        {
            var values = Column(prepared.Interim, cleaning.Column).Where(v => v.Length > 0).Distinct().ToList();
            Assert.Equal(values.Count, values.Select(v => CategorySpellings.Key(v)).Distinct().Count());
            Assert.All(values, v => Assert.Equal(v.Trim(), v));
        }

        Assert.Contains(prepared.Log.Cleaning, c => c.Column == "metodo_pago" && c.Type == "category");
    }

    [Fact]
    public void Booleans_are_written_true_or_false_whatever_the_raw_spelling()
    {
        foreach (var column in new[] { "es_mayor", "tiene_pareja", "factura_electronica", "abandono" })
        {
            Assert.Equal(["false", "true"], Column(prepared.Interim, column).Distinct().Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Edad_sentinels_are_missing_in_interim()
    {
        var raw = Column(prepared.Raw, "edad");
        var interim = Column(prepared.Interim, "edad");

        Assert.Contains("-1", raw);
        Assert.Contains("999", raw);
        Assert.DoesNotContain("-1", interim);
        Assert.DoesNotContain("999", interim);
        Assert.Contains("", interim);
        Assert.All(interim.Where(v => v.Length > 0), v => Assert.InRange(int.Parse(v, CultureInfo.InvariantCulture), 18, 100));
    }

    [Fact]
    public void Edad_is_imputed_with_the_exact_median_of_the_interim_values_present()
    {
        var interim = Column(prepared.Interim, "edad");
        var processed = Column(prepared.Processed, "edad");
        var median = SortedMedian(interim.Where(v => v.Length > 0).Select(Number));
        var fill = Math.Round(median, MidpointRounding.ToEven).ToString(CultureInfo.InvariantCulture);

        Assert.DoesNotContain("", processed);
        Assert.Equal(interim.Length, processed.Length);
        for (var i = 0; i < interim.Length; i++)
            Assert.Equal(interim[i].Length > 0 ? interim[i] : fill, processed[i]);
        var imputation = Assert.Single(prepared.Log.Imputed, m => m.Column == "edad");
        Assert.Equal("median", imputation.Strategy);
        Assert.Equal(fill, imputation.Value);
        Assert.Equal(interim.Count(v => v.Length == 0), imputation.Filled);
    }

    [Theory]
    [InlineData("cargo_total")]
    [InlineData("ingresos_anuales")]
    public void Blank_amounts_are_imputed_with_the_median_of_the_interim_values_present(string column)
    {
        var raw = Column(prepared.Raw, column);
        var interim = Column(prepared.Interim, column);
        var processed = Column(prepared.Processed, column);
        var median = SortedMedian(interim.Where(v => v.Length > 0).Select(Number));
        var fill = column == "ingresos_anuales"
            ? Math.Round(median, MidpointRounding.ToEven).ToString(CultureInfo.InvariantCulture)
            : median.ToString("R", CultureInfo.InvariantCulture);

        Assert.Contains(raw, v => v.Trim().Length == 0);
        Assert.DoesNotContain("", processed);
        for (var i = 0; i < interim.Length; i++)
            Assert.Equal(interim[i].Length > 0 ? interim[i] : fill, processed[i]);
        Assert.Equal(fill, Assert.Single(prepared.Log.Imputed, m => m.Column == column).Value);
    }

    [Fact]
    public void Processed_leaves_out_the_id_and_appends_the_derived_features()
    {
        string[] expected = [.. prepared.Raw.Header.Where(c => c != "id_cliente"), "cargo_por_mes", "cliente_nuevo"];

        Assert.Equal(expected, prepared.Processed.Header);
        Assert.Equal([new DroppedColumn("id_cliente", "id")], prepared.Log.DroppedColumns);
    }

    [Fact]
    public void Processed_has_no_missing_value_outside_the_derived_features()
    {
        var derived = new HashSet<string> { "cargo_por_mes", "cliente_nuevo" };
        for (var c = 0; c < prepared.Processed.Header.Length; c++)
        {
            if (derived.Contains(prepared.Processed.Header[c]))
                continue;
            Assert.DoesNotContain(prepared.Processed.Rows, r => r[c].Length == 0);
        }
    }

    [Fact]
    public void Cargo_por_mes_is_cargo_total_over_tenure_and_missing_for_new_customers()
    {
        var total = Column(prepared.Processed, "cargo_total");
        var tenure = Column(prepared.Processed, "antiguedad_meses");
        var perMonth = Column(prepared.Processed, "cargo_por_mes");
        var newCustomer = Column(prepared.Processed, "cliente_nuevo");

        Assert.Contains("0", tenure);
        for (var i = 0; i < total.Length; i++)
        {
            var months = Number(tenure[i]);
            if (months == 0)
                Assert.Equal("", perMonth[i]);
            else
                Assert.Equal(Number(total[i]) / months, Number(perMonth[i]));
            Assert.Equal(months < 6 ? "1" : "0", newCustomer[i]);
        }

        var derivation = Assert.Single(prepared.Log.Derived, d => d.Column == "cargo_por_mes");
        Assert.Equal("cargo_total / antiguedad_meses", derivation.Expression);
        Assert.Equal(tenure.Count(t => t == "0"), derivation.Missing);
        Assert.Equal(0, Assert.Single(prepared.Log.Derived, d => d.Column == "cliente_nuevo").Missing);
    }

    [Fact]
    public void The_log_numbers_match_the_files()
    {
        var log = prepared.Log;

        Assert.Equal("clientes", log.Dataset);
        Assert.Equal("20250930", log.Date);
        Assert.Equal("abandono", log.Target);
        Assert.Equal("binary", log.Task);
        Assert.Equal(new FileSummary("data/raw/clientes_raw_20250930.csv", PreparedClientes.Rows, prepared.Raw.Header.Length), log.Raw);
        Assert.Equal(new FileSummary("data/interim/clientes_interim_20250930.csv", prepared.Interim.Rows.Count, prepared.Interim.Header.Length), log.Interim);
        Assert.Equal(new FileSummary("data/processed/clientes_processed_20250930.csv", prepared.Processed.Rows.Count, prepared.Processed.Header.Length), log.Processed);
        Assert.Equal(0, log.RowsWithoutTarget);
        Assert.Equal(0, log.RowsDroppedForMissing);
        Assert.Equal(log.Interim.Rows, log.Processed.Rows);

        foreach (var imputation in log.Imputed)
            Assert.Equal(Column(prepared.Interim, imputation.Column).Count(v => v.Length == 0), imputation.Filled);
        Assert.Equal(prepared.Raw.Header.Length, log.Cleaning.Count);

        // Cleaning counts what it changed in every raw row it read, the dropped duplicates included.
        var edad = Assert.Single(log.Cleaning, c => c.Column == "edad");
        Assert.Equal("integer", edad.Type);
        Assert.Equal(Column(prepared.Raw, "edad").Count(v => v is "-1" or "999"), edad.Sentinels);
        var cargo = Assert.Single(log.Cleaning, c => c.Column == "cargo_total");
        Assert.Equal(Column(prepared.Raw, "cargo_total").Count(v => v.Trim().Length == 0), cargo.Missing);
        var region = Assert.Single(log.Cleaning, c => c.Column == "region");
        Assert.Equal(Column(prepared.Raw, "region").Count(v => v != v.Trim()), region.Trimmed);
        Assert.Equal(Column(prepared.Raw, "region").Count(v => !DeclaredLabels["region"].Contains(v.Trim())), region.Respelled);
    }

    [Fact]
    public void The_markdown_log_states_the_same_numbers()
    {
        var markdown = DataReports.PrepareMarkdown(prepared.Log);

        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"exact duplicate rows dropped: **{prepared.Log.DuplicatesDropped:N0}**"), markdown, StringComparison.Ordinal);
        Assert.Contains("| `edad` | median |", markdown, StringComparison.Ordinal);
        Assert.Contains("column `id_cliente` left out: id", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_log_says_duplicates_dropped_as_validate_counts_them()
    {
        var written = DataReports.Write(prepared.Project.Root, prepared.Log);

        Assert.Equal(["reports/prepare_clientes_20250930.md", "reports/prepare_clientes_20250930.json"], written);
        using var json = JsonDocument.Parse(File.ReadAllText(prepared.Project.Folder.Path("reports/prepare_clientes_20250930.json")));
        var root = json.RootElement;
        var validated = Assert.Single(prepared.Validation.Findings, f => f.Rule == ValidationRules.DuplicateRows).Count;
        Assert.Equal(validated, root.GetProperty("duplicates_dropped").GetInt64());
        Assert.Equal(prepared.Interim.Rows.Count, root.GetProperty("interim").GetProperty("rows").GetInt64());
        Assert.Equal(prepared.Processed.Rows.Count, root.GetProperty("processed").GetProperty("rows").GetInt64());
        var edad = root.GetProperty("imputed").EnumerateArray().Single(i => i.GetProperty("column").GetString() == "edad");
        Assert.Equal(Column(prepared.Interim, "edad").Count(v => v.Length == 0), edad.GetProperty("filled").GetInt64());
    }

    [Fact]
    public void Preparing_again_gives_byte_identical_interim_and_processed_files()
    {
        prepared.Project.Prepare("clientes");

        Assert.Equal(prepared.InterimBytes, File.ReadAllBytes(prepared.Project.Interim("clientes")));
        Assert.Equal(prepared.ProcessedBytes, File.ReadAllBytes(prepared.Project.Processed("clientes")));
        Assert.Equal(2, prepared.Project.Outputs().Length);

        using var other = DataProject.WithRepositoryParams();
        other.WriteBytes("data/raw/clientes_raw_20250930.csv", prepared.RawBytes);
        other.Prepare("clientes");
        Assert.Equal(prepared.InterimBytes, File.ReadAllBytes(other.Interim("clientes")));
        Assert.Equal(prepared.ProcessedBytes, File.ReadAllBytes(other.Processed("clientes")));
    }
}
