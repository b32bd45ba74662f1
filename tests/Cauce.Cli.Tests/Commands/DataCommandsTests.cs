using System.Text.Json;
using Cauce.Cli.Tests.Harness;

namespace Cauce.Cli.Tests.Commands;

/// <summary>validate, prepare and split as a user runs them, on the repository's own params.yaml and sample data.</summary>
public sealed class DataCommandsTests : IDisposable
{
    private readonly TempFolder _project = new TempFolder().AsProject();

    public DataCommandsTests() =>
        File.Copy(Path.Combine(Requirements.RepositoryRoot, "params.yaml"), _project.Path("params.yaml"));

    public void Dispose() => _project.Dispose();

    private async Task SampleAsync(string dataset, int rows = 3000) =>
        Assert.Equal(0, (await CliRunner.RunAsync(_project.Root, "sample", dataset, "--rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--date", "20250930")).ExitCode);

    [Fact]
    public async Task Validate_prepare_split_run_the_worked_example_and_the_outputs_pass_check()
    {
        foreach (var dataset in new[] { "clientes", "ventas" })
        {
            await SampleAsync(dataset);

            var validate = await CliRunner.RunAsync(_project.Root, "validate", dataset);
            var prepare = await CliRunner.RunAsync(_project.Root, "prepare", dataset);
            var split = await CliRunner.RunAsync(_project.Root, "split", dataset);

            Assert.True(validate.ExitCode == 0, validate.ToString());
            Assert.True(prepare.ExitCode == 0, prepare.ToString());
            Assert.True(split.ExitCode == 0, split.ToString());
            Assert.True(_project.Exists($"data/processed/{dataset}-train_processed_20250930.csv"));
            Assert.True(_project.Exists($"reports/prepare_{dataset}_20250930.md"));
            Assert.True(_project.Exists($"reports/split_{dataset}_20250930.json"));
        }

        Assert.Equal(0, (await CliRunner.RunAsync(_project.Root, "check")).ExitCode);
    }

    [Fact]
    public async Task The_prepare_log_shows_the_planted_dirt_fixed()
    {
        await SampleAsync("clientes");

        await CliRunner.RunAsync(_project.Root, "prepare", "clientes");

        using var log = JsonDocument.Parse(_project.Read("reports/prepare_clientes_20250930.json"));
        Assert.True(log.RootElement.GetProperty("duplicates_dropped").GetInt64() > 0);
        var cleaning = log.RootElement.GetProperty("cleaning").EnumerateArray().ToDictionary(c => c.GetProperty("column").GetString()!);
        Assert.True(cleaning["cargo_total"].GetProperty("missing").GetInt64() > 0);
        Assert.True(cleaning["tipo_contrato"].GetProperty("respelled").GetInt64() > 0);
        Assert.True(cleaning["edad"].GetProperty("sentinels").GetInt64() > 0);
        var imputed = log.RootElement.GetProperty("imputed").EnumerateArray().ToDictionary(c => c.GetProperty("column").GetString()!);
        Assert.True(imputed["cargo_total"].GetProperty("filled").GetInt64() > 0);
    }

    [Fact]
    public async Task Validate_json_lists_findings_and_a_broken_range_exits_1()
    {
        _project.Write("data/raw/clientes_raw_20250930.csv",
            "id_cliente,genero,edad,es_mayor,tiene_pareja,tiene_dependientes,antiguedad_meses,servicio_internet,tipo_contrato,metodo_pago,factura_electronica,cargo_mensual,cargo_total,llamadas_soporte,region,ingresos_anuales,abandono\n" +
            "C1,F,30,0,Si,No,5,DSL,Mensual,Cheque,Si,50,250,0,Sur,1000,No\n" +
            "C2,M,140,0,Si,No,5,DSL,Semanal,Cheque,Si,50,250,0,Sur,1000,Si\n");

        var run = await CliRunner.RunAsync(_project.Root, "validate", "clientes", "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var range = Assert.Single(findings, f => f.GetProperty("rule").GetString() == "range");
        Assert.Equal("edad", range.GetProperty("column").GetString());
        Assert.Equal([3L], range.GetProperty("lines").EnumerateArray().Select(l => l.GetInt64()));
        Assert.Contains(findings, f => f.GetProperty("rule").GetString() == "category" && f.GetProperty("column").GetString() == "tipo_contrato");
    }

    [Fact]
    public async Task The_ad_hoc_forms_prepare_and_split_any_csv()
    {
        _project.Write("externo/Mis Datos.csv", "id,x,y\n1,1.5,si\n2,2.5,no\n3,, si\n4,4.5,no\n5,5.5,si\n6,6.5,no\n");

        var prepare = await CliRunner.RunAsync(_project.Root, "prepare", "--input", "externo/Mis Datos.csv", "--name", "datos", "--target", "y", "--id", "id", "--date", "20251001");
        var split = await CliRunner.RunAsync(_project.Root, "split", "--input", "data/processed/datos_processed_20251001.csv", "--target", "y", "--test-size", "0.5");

        Assert.True(prepare.ExitCode == 0, prepare.ToString());
        Assert.True(split.ExitCode == 0, split.ToString());
        Assert.Equal("x,y\n1.5,true\n2.5,false\n4.5,true\n4.5,false\n5.5,true\n6.5,false\n", _project.Read("data/processed/datos_processed_20251001.csv"));
        Assert.True(_project.Exists("data/processed/datos-test_processed_20251001.csv"));
    }

    [Theory]
    [InlineData("prepare")]
    [InlineData("split")]
    [InlineData("validate")]
    public async Task An_unknown_dataset_names_the_known_ones(string command)
    {
        var run = await CliRunner.RunAsync(_project.Root, command, "pedidos");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: params.yaml has no dataset 'pedidos' (it declares clientes, ventas)", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_needs_a_dataset_or_an_input_but_not_both()
    {
        var neither = await CliRunner.RunAsync(_project.Root, "prepare");
        var both = await CliRunner.RunAsync(_project.Root, "prepare", "clientes", "--input", "x.csv");

        Assert.Equal(2, neither.ExitCode);
        Assert.Equal(2, both.ExitCode);
    }

    [Fact]
    public async Task Split_before_prepare_says_to_prepare_first()
    {
        var run = await CliRunner.RunAsync(_project.Root, "split", "clientes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("hint: run 'cauce prepare clientes' first", run.Err, StringComparison.Ordinal);
    }

    private const string ClientesHeader = "id_cliente,genero,edad,es_mayor,tiene_pareja,tiene_dependientes,antiguedad_meses,servicio_internet,tipo_contrato,metodo_pago,factura_electronica,cargo_mensual,cargo_total,llamadas_soporte,region,ingresos_anuales,abandono\n";
    private const string ClientesRow = "C1,F,30,0,Si,No,5,DSL,Mensual,Cheque,Si,50,250,0,Sur,1000,No\n";

    [Theory]
    [InlineData("empty", "", "is empty")]
    [InlineData("header only", ClientesHeader, "has a header but no data rows")]
    [InlineData("not csv", "\u0000\u0001binary", "holds binary data")]
    [InlineData("ragged", ClientesHeader + ClientesRow + "C2,M,30\n", "line 3: has 3 fields where the header has 17")]
    [InlineData("missing target", "id_cliente,edad\n1,2\n", "has no columns 'abandono', 'es_mayor'")]
    public async Task Bad_raw_files_fail_cleanly_and_write_nothing_to_data(string _, string content, string mention)
    {
        _project.Write("data/raw/clientes_raw_20250930.csv", content);

        var run = await CliRunner.RunAsync(_project.Root, "prepare", "clientes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(mention, run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_project.Path("data/processed")) && Directory.EnumerateFileSystemEntries(_project.Path("data/processed")).Any());
        Assert.False(Directory.Exists(_project.Path("data/interim")) && Directory.EnumerateFileSystemEntries(_project.Path("data/interim")).Any());
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_with_its_line()
    {
        _project.Write("data/raw/clientes_raw_20250930.csv", ClientesHeader + ClientesRow);
        File.AppendAllBytes(_project.Path("data/raw/clientes_raw_20250930.csv"), [.. "C2,M,30,0,Si,No,5,DSL,Mensual,Cr"u8, 0xE9, .. "dito,Si,50,250,0,Sur,1000,No\n"u8]);

        var run = await CliRunner.RunAsync(_project.Root, "prepare", "clientes");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: data/raw/clientes_raw_20250930.csv, line 3: byte 33 of the line (0xE9) is not UTF-8 text", run.Err, StringComparison.Ordinal);
        Assert.Contains("hint: save the file as UTF-8", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_that_flips_mid_file_is_refused_with_its_line()
    {
        var rows = string.Concat(Enumerable.Range(1, 50).Select(i => $"{i},{i * 2}\n"));
        _project.Write("nums.csv", "a,b\n" + rows + "51,dos\n");

        var run = await CliRunner.RunAsync(_project.Root, "prepare", "--input", "nums.csv", "--name", "nums");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: nums.csv, line 52, column 'b': starts as numbers", run.Err, StringComparison.Ordinal);
        Assert.False(_project.Exists("data/processed/nums_processed_20261126.csv"));
    }

    [Fact]
    public async Task A_bad_params_file_names_line_and_key()
    {
        _project.Write("params.yaml", "datasets:\n  clientes:\n    date: '20250930'\n    tagret: abandono\n    split: {test_size: 1.5}\n");

        var run = await CliRunner.RunAsync(_project.Root, "prepare", "clientes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("params.yaml:4:5: datasets.clientes.tagret: unknown key (did you mean 'target'?)", run.Err, StringComparison.Ordinal);
        Assert.Contains("datasets.clientes.split.test_size: expected a number from 0.01 to 0.99, got 1.5", run.Err, StringComparison.Ordinal);
    }
}
