using System.Text;
using System.Text.Json;
using Cauce.Cli.Tests.Harness;
using Cauce.Core.Conventions;

namespace Cauce.Cli.Tests.Commands;

public sealed class EdaCommandTests : IDisposable
{
    private const string Raw = "data/raw/clientes_raw_20250930.csv";
    private const string Stem = "reports/eda_clientes_raw_20250930";

    private readonly TempFolder _project = new TempFolder().AsProject();

    public void Dispose() => _project.Dispose();

    private async Task SampleAsync(int rows = 3000) =>
        Assert.Equal(0, (await CliRunner.RunAsync(_project.Root, "sample", "clientes", "--rows", rows.ToString(System.Globalization.CultureInfo.InvariantCulture), "--date", "20250930")).ExitCode);

    private string[] ReportFiles() =>
        Directory.Exists(_project.Path("reports"))
            ? [.. Directory.EnumerateFiles(_project.Path("reports"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_project.Root, f).Replace('\\', '/')).Order()]
            : [];

    [Fact]
    public async Task Eda_of_a_sample_writes_the_report_three_ways_and_figures_that_pass_check()
    {
        await SampleAsync(2000);

        var run = await CliRunner.RunAsync(_project.Root, "eda", Raw, "--target", "abandono");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("explored data/raw/clientes_raw_20250930.csv: 2,000 rows, 17 columns", run.Out, StringComparison.Ordinal);
        Assert.Contains($"report: {Stem}.md, {Stem}.html, {Stem}.json", run.Out, StringComparison.Ordinal);
        Assert.Contains("cargo_total:", run.Out, StringComparison.Ordinal);
        foreach (var extension in new[] { ".md", ".html", ".json" })
            Assert.True(_project.Exists(Stem + extension), Stem + extension);
        var figures = Directory.GetFiles(_project.Path("reports/figures"), "*.png");
        Assert.True(figures.Length >= 20, $"{figures.Length} figures");
        Assert.Contains(_project.Path("reports/figures/faltantes_clientes_raw_20250930.png"), figures);
        var check = ConventionChecker.Check(_project.Root);
        Assert.True(check.IsClean, string.Join("\n", check.Violations.Select(v => $"{v.Path}: {v.Message}")));
        Assert.Equal(0, (await CliRunner.RunAsync(_project.Root, "check")).ExitCode);
    }

    [Fact]
    public async Task The_report_shows_the_dirt_the_generator_planted()
    {
        await SampleAsync();

        await CliRunner.RunAsync(_project.Root, "eda", Raw);

        var md = _project.Read(Stem + ".md");
        var quality = md[md.IndexOf("## Data quality", StringComparison.Ordinal)..md.IndexOf("## Overview", StringComparison.Ordinal)];
        Assert.Contains("exact copies of an earlier row", quality, StringComparison.Ordinal);
        Assert.Contains("`cargo_total`: ", quality, StringComparison.Ordinal);
        Assert.Contains("in a number column", quality, StringComparison.Ordinal);
        Assert.Contains("`tipo_contrato`: 3 labels are written", quality, StringComparison.Ordinal);
        Assert.Contains("have spaces at either end", quality, StringComparison.Ordinal);
        Assert.Contains("`edad`: `-1` on", quality, StringComparison.Ordinal);
        Assert.Contains("possible sentinel", quality, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_prints_the_profile_on_stdout_and_the_summary_on_stderr()
    {
        await SampleAsync(500);

        var run = await CliRunner.RunAsync(_project.Root, "eda", Raw, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(500, json.RootElement.GetProperty("profile").GetProperty("rows").GetInt64());
        Assert.Equal(_project.Read(Stem + ".json"), run.Out);
        Assert.Contains("explored ", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_file_gives_the_same_bytes_every_run()
    {
        await SampleAsync(1000);
        await CliRunner.RunAsync(_project.Root, "eda", Raw, "--target", "abandono");
        var first = ReportFiles().ToDictionary(f => f, f => File.ReadAllBytes(_project.Path(f)));

        await CliRunner.RunAsync(_project.Root, "eda", Raw, "--target", "abandono");

        Assert.Equal(first.Keys, ReportFiles());
        foreach (var (file, bytes) in first)
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(_project.Path(file))), $"{file} changed");
    }

    [Fact]
    public async Task A_file_outside_the_convention_is_named_by_its_stem_and_today()
    {
        _project.Write("Mis Datos.csv", "a,b\n1,x\n2,y\n3,x\n");

        var run = await CliRunner.RunAsync(_project.Root, "eda", "Mis Datos.csv");

        Assert.Equal(0, run.ExitCode);
        Assert.True(_project.Exists("reports/eda_mis-datos_20261126.md"), run.ToString());
        Assert.True(_project.Exists("reports/figures/distribucion-a_mis-datos_20261126.png"));
        Assert.True(ConventionChecker.Check(_project.Root).IsClean);
    }

    [Fact]
    public async Task A_column_whose_type_flips_is_reported_in_data_quality_not_refused()
    {
        _project.Write("data/raw/mixto_raw_20250930.csv", "id,importe\n1,10\n2,12\n3,15\n4,n/d\n5,18\n");

        var run = await CliRunner.RunAsync(_project.Root, "eda", "data/raw/mixto_raw_20250930.csv");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("importe starts as numbers", run.Out, StringComparison.Ordinal);
        Assert.Contains("'n/d' (line 5)", _project.Read("reports/eda_mixto_raw_20250930.md"), StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string[], string> BadInputs => new()
    {
        { "empty", [], [], "is empty" },
        { "header only", "a,b,c\n"u8.ToArray(), [], "has a header but no data rows" },
        { "ragged", "a,b\n1,2\n3,4,5\n"u8.ToArray(), [], "line 3: has 3 fields where the header has 2" },
        { "binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], [], "binary data" },
        { "latin-1", [.. "nombre,ciudad\nJos"u8, 0xE9, .. ",Sevilla\n"u8], [], "is not UTF-8" },
        { "missing target", "a,b\n1,2\n3,4\n"u8.ToArray(), ["--target", "churn"], "has no target column 'churn'" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_an_error_on_one_line_and_writes_nothing(string what, byte[] content, string[] options, string message)
    {
        var path = _project.Path("data/raw/malo_raw_20250930.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);

        var run = await CliRunner.RunAsync(_project.Root, ["eda", "data/raw/malo_raw_20250930.csv", .. options]);

        Assert.True(run.ExitCode == 1, $"{what}: {run}");
        Assert.StartsWith("error: data/raw/malo_raw_20250930.csv", run.Err, StringComparison.Ordinal);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        Assert.Empty(ReportFiles());
    }

    [Fact]
    public async Task A_missing_target_names_the_columns_there_are()
    {
        _project.Write("datos.csv", "edad,ciudad\n30,Sevilla\n40,Bilbao\n");

        var run = await CliRunner.RunAsync(_project.Root, "eda", "datos.csv", "--target", "churn");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("hint: its columns are: edad, ciudad", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_a_project_it_exits_3()
    {
        using var folder = new TempFolder();
        folder.Write("datos.csv", "a\n1\n");

        var run = await CliRunner.RunAsync(folder.Root, "eda", "datos.csv");

        Assert.Equal(3, run.ExitCode);
        Assert.False(folder.Exists("reports"));
    }

    [Fact]
    public async Task A_bad_name_is_a_usage_error()
    {
        _project.Write("datos.csv", "a\n1\n");

        var run = await CliRunner.RunAsync(_project.Root, "eda", "datos.csv", "--name", "Mis_Datos");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --name 'Mis_Datos'", run.Err, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task The_html_report_renders_in_headless_chromium()
    {
        await SampleAsync(2000);
        Assert.Equal(0, (await CliRunner.RunAsync(_project.Root, "eda", Raw, "--target", "abandono")).ExitCode);
        var page = await HeadlessChromium.RenderAsync(_project.Path(Stem + ".html"));

        Assert.Equal((1280, 2400), (page.Width, page.Height));
        Assert.True(page.InkShare > 0.03, $"only {page.InkShare:P1} of the page has ink: blank?");
        Assert.True(page.Colours > 20, $"only {page.Colours} colours: the figures did not render?");
    }
}
