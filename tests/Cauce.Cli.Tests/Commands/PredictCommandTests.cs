using System.Diagnostics;
using System.Text;
using Cauce.Cli.Tests.Harness;

namespace Cauce.Cli.Tests.Commands;

/// <summary>
/// The <see cref="SplitSamplesProject"/> (samples prepared and split through the CLI) with rf and lr models of
/// clientes trained in it, shared by the predict tests. Tests that write anything work on a copy (<see cref="Copy"/>).
/// </summary>
public sealed class PredictProject : IDisposable
{
    public const string TestSplit = "data/processed/clientes-test_processed_20250930.csv";
    public const string Predictions = "data/processed/clientes-predictions_processed_20250930.csv";

    private readonly SplitSamplesProject _samples = new();

    public PredictProject()
    {
        // Off xunit's synchronisation context, so that blocking here cannot starve the continuations.
        var train = Task.Run(() => CliRunner.RunAsync(Folder.Root, "train", "clientes", "--algo", "rf,lr")).GetAwaiter().GetResult();
        if (train.ExitCode != 0)
            throw new InvalidOperationException($"cauce train failed: {train}");
    }

    public TempFolder Folder => _samples.Folder;

    /// <summary>A fresh copy of the whole project, models included, for a test that changes it.</summary>
    public TempFolder Copy() => _samples.Copy();

    public void Dispose() => _samples.Dispose();
}

public sealed class PredictCommandTests(PredictProject project) : IClassFixture<PredictProject>
{
    private readonly TempFolder _project = project.Folder;

    /// <summary>The error contract of DESIGN.md: one <c>error:</c> line mentioning <paramref name="mention"/>, a hint, no stack trace.</summary>
    private static void AssertError(CliRun run, int exit, string mention)
    {
        Assert.True(run.ExitCode == exit, run.ToString());
        Assert.StartsWith("error: ", run.Err, StringComparison.Ordinal);
        Assert.Single(run.Err.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains(mention, run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Err, StringComparison.Ordinal);
    }

    private static string[] DataFiles(TempFolder folder) =>
        [.. Directory.EnumerateFiles(folder.Path("data/processed")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Predict_without_input_scores_the_test_split_into_predictions_as_data_that_pass_check()
    {
        using var copy = project.Copy();
        var testRows = File.ReadLines(copy.Path(PredictProject.TestSplit)).Count() - 1;

        var run = await CliRunner.RunAsync(copy.Root, "predict", "--model", "rf_clientes_v1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(PredictProject.Predictions, run.Out, StringComparison.Ordinal);
        var lines = File.ReadAllLines(copy.Path(PredictProject.Predictions));
        Assert.Equal("row,abandono,prediction,probability", lines[0]);
        Assert.Equal(testRows, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^\d+,(true|false),(true|false),[0-9.eE-]+$", l));
        var check = await CliRunner.RunAsync(copy.Root, "check");
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public async Task Predict_with_alias_production_scores_with_the_promoted_model()
    {
        using var copy = project.Copy();
        var promote = await CliRunner.RunAsync(copy.Root, "models", "promote", "lr_clientes_v1", "--alias", "production");

        var byAlias = await CliRunner.RunAsync(copy.Root, "predict", "--alias", "production", "--input", PredictProject.TestSplit, "--output", "alias.csv");
        var byName = await CliRunner.RunAsync(copy.Root, "predict", "--model", "lr_clientes_v1", "--input", PredictProject.TestSplit, "--output", "name.csv");
        var other = await CliRunner.RunAsync(copy.Root, "predict", "--model", "rf_clientes_v1", "--input", PredictProject.TestSplit, "--output", "rf.csv");

        Assert.True(promote.ExitCode == 0, promote.ToString());
        Assert.True(byAlias.ExitCode == 0, byAlias.ToString());
        Assert.Contains("lr_clientes_v1", byAlias.Out, StringComparison.Ordinal);
        Assert.Equal(copy.Read("name.csv"), copy.Read("alias.csv"));
        Assert.NotEqual(copy.Read("rf.csv"), copy.Read("alias.csv"));
    }

    [Fact]
    public async Task A_missing_alias_is_a_clear_error_that_writes_nothing()
    {
        var run = await CliRunner.RunAsync(_project.Root, "predict", "--alias", "production");

        AssertError(run, 1, "error: no model is production");
        Assert.Contains("hint: promote one first: cauce models promote", run.Err, StringComparison.Ordinal);
        Assert.False(_project.Exists(PredictProject.Predictions));
    }

    [Fact]
    public async Task A_missing_model_is_a_clear_error()
    {
        var run = await CliRunner.RunAsync(_project.Root, "predict", "--model", "rf_clientes_v7");

        AssertError(run, 1, "there is no model models/rf_clientes_v7.zip");
        Assert.Contains("lr_clientes_v1", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("neither", new[] { "predict" })]
    [InlineData("both", new[] { "predict", "--model", "rf_clientes_v1", "--alias", "production" })]
    [InlineData("neither, with files", new[] { "predict", "--input", PredictProject.TestSplit, "--output", "x.csv" })]
    public async Task Naming_the_model_with_both_or_neither_of_model_and_alias_is_a_usage_error(string given, string[] args)
    {
        var run = await CliRunner.RunAsync(_project.Root, args);

        Assert.True(run.ExitCode == 2, $"{given}: {run}");
        AssertError(run, 2, "name the model with --model or --alias");
        Assert.False(_project.Exists("x.csv"));
    }

    [Fact]
    public async Task Input_without_output_is_a_usage_error()
    {
        var run = await CliRunner.RunAsync(_project.Root, "predict", "--model", "rf_clientes_v1", "--input", PredictProject.TestSplit);

        AssertError(run, 2, "--output");
    }

    [Theory]
    [InlineData(PredictProject.TestSplit)]
    [InlineData("./data/processed/../processed/clientes-test_processed_20250930.csv")]
    public async Task Output_naming_the_input_file_is_refused_and_the_input_kept(string output)
    {
        var before = _project.Read(PredictProject.TestSplit);

        var run = await CliRunner.RunAsync(_project.Root, "predict", "--model", "rf_clientes_v1", "--input", PredictProject.TestSplit, "--output", output);

        AssertError(run, 2, "--output is the file being scored");
        Assert.Equal(before, _project.Read(PredictProject.TestSplit));
    }

    [Fact]
    public async Task Output_naming_the_test_split_scored_by_default_is_refused_and_the_split_kept()
    {
        using var copy = project.Copy();
        var before = copy.Read(PredictProject.TestSplit);

        var run = await CliRunner.RunAsync(copy.Root, "predict", "--model", "rf_clientes_v1", "--output", PredictProject.TestSplit);

        Assert.Equal(before, copy.Read(PredictProject.TestSplit));
        AssertError(run, 2, "--output");
    }

    [Theory]
    [InlineData("models/rf_clientes_v1.zip")]
    [InlineData("models/rf_clientes_v1.json")]
    public async Task Output_naming_the_model_or_its_card_is_refused_and_the_model_kept(string output)
    {
        using var copy = project.Copy();
        var before = File.ReadAllBytes(copy.Path(output));

        var run = await CliRunner.RunAsync(copy.Root, "predict", "--model", "rf_clientes_v1", "-i", PredictProject.TestSplit, "-o", output);

        Assert.Equal(before, File.ReadAllBytes(copy.Path(output)));
        AssertError(run, 2, "--output");
    }

    [Fact]
    public async Task A_model_file_that_is_not_a_model_is_refused_and_writes_nothing()
    {
        using var copy = project.Copy();
        File.Copy(copy.Path("models/rf_clientes_v1.json"), copy.Path("models/rf_clientes_v9.json"));
        copy.Write("models/rf_clientes_v9.zip", "PK\u0003\u0004 this is not a model");
        var before = DataFiles(copy);

        var byDefault = await CliRunner.RunAsync(copy.Root, "predict", "--model", "rf_clientes_v9");
        var withFiles = await CliRunner.RunAsync(copy.Root, "predict", "--model", "rf_clientes_v9", "--input", PredictProject.TestSplit, "--output", "out/p.csv");

        AssertError(byDefault, 1, "models/rf_clientes_v9.zip: is not a model Cauce can load");
        AssertError(withFiles, 1, "models/rf_clientes_v9.zip: is not a model Cauce can load");
        Assert.Equal(before, DataFiles(copy));
        Assert.False(copy.Exists("out"));
    }

    [Fact]
    public async Task A_column_the_model_does_not_know_is_refused_naming_the_file_unless_allowed()
    {
        using var copy = project.Copy();
        var lines = File.ReadAllLines(copy.Path(PredictProject.TestSplit));
        File.WriteAllLines(copy.Path("nuevos.csv"), lines.Select((l, i) => l + (i == 0 ? ",color" : ",azul")));

        var refused = await CliRunner.RunAsync(copy.Root, "predict", "--model", "rf_clientes_v1", "--input", "nuevos.csv", "--output", "p.csv");
        var allowed = await CliRunner.RunAsync(copy.Root, "predict", "--model", "rf_clientes_v1", "--input", "nuevos.csv", "--output", "p.csv", "--allow-extra");

        AssertError(refused, 1, "error: nuevos.csv: has column the model rf_clientes_v1 does not know: 'color'");
        Assert.Contains("hint: ", refused.Err, StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Equal("row,abandono,prediction,probability", File.ReadLines(copy.Path("p.csv")).First());
    }

    [Fact]
    public async Task A_bad_value_names_file_line_and_column_and_leaves_an_existing_output_untouched()
    {
        using var copy = project.Copy();
        var lines = File.ReadAllLines(copy.Path(PredictProject.TestSplit));
        var edad = Array.IndexOf(lines[0].Split(','), "edad");
        var fields = lines[7].Split(',');
        fields[edad] = "treinta";
        lines[7] = string.Join(',', fields);
        File.WriteAllLines(copy.Path("nuevos.csv"), lines);
        copy.Write("p.csv", "old predictions\n");

        var run = await CliRunner.RunAsync(copy.Root, "predict", "--model", "lr_clientes_v1", "-i", "nuevos.csv", "-o", "p.csv");

        AssertError(run, 1, "error: nuevos.csv, line 8, column 'edad': expected a number, got 'treinta'");
        Assert.Equal("old predictions\n", copy.Read("p.csv"));
        Assert.DoesNotContain(Directory.EnumerateFiles(copy.Root), f => Path.GetFileName(f).StartsWith(".cauce-tmp-", StringComparison.Ordinal));

        // Into a folder that did not exist: no folder is left behind either.
        run = await CliRunner.RunAsync(copy.Root, "predict", "--model", "lr_clientes_v1", "-i", "nuevos.csv", "-o", "salida/nueva/p.csv");

        AssertError(run, 1, "error: nuevos.csv, line 8, column 'edad': expected a number, got 'treinta'");
        Assert.False(Directory.Exists(copy.Path("salida")));
    }

    [Fact]
    public async Task Id_columns_given_with_id_are_copied_beside_each_prediction()
    {
        using var copy = project.Copy();

        var run = await CliRunner.RunAsync(copy.Root, "predict", "--model", "lr_clientes_v1", "-i", PredictProject.TestSplit, "-o", "p.csv", "--id", "region", "--id", "genero");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("region,genero,abandono,prediction,probability", File.ReadLines(copy.Path("p.csv")).First());
    }

    [Fact]
    public async Task Predict_outside_a_project_exits_3()
    {
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync(folder.Root, "predict", "--model", "rf_clientes_v1");

        AssertError(run, 3, "not inside a Cauce project");
    }

    [Fact]
    public async Task The_real_executable_reports_a_bad_input_with_exit_1_and_no_stack_trace()
    {
        using var copy = project.Copy();
        File.WriteAllLines(copy.Path("nuevos.csv"), File.ReadLines(copy.Path(PredictProject.TestSplit)).Take(1));

        var run = await CliRunner.RunProcessAsync(copy.Root, "predict", "--model", "lr_clientes_v1", "-i", "nuevos.csv", "-o", "p.csv");

        AssertError(run, 1, "nuevos.csv: has a header but no data rows");
        Assert.False(copy.Exists("p.csv"));
    }

    /// <summary>
    /// Flat memory, checked without timing: the real <c>cauce</c> scores 200,000 rows (25 MB of CSV, 50 MB as .NET
    /// text, far more as one string per value) with its GC heap capped at 16 MB (DOTNET_GCHeapHardLimit), so a
    /// version that held the file, or kept anything per row, runs out of memory instead of passing. (It needs about
    /// 8 MB today; a 4 MB cap makes it fail, which shows the cap is applied.)
    /// </summary>
    [Fact]
    public async Task Scoring_200000_rows_fits_in_a_16_mb_heap()
    {
        const int Rows = 200_000;
        const long HeapLimit = 16L << 20;
        using var copy = project.Copy();
        var lines = File.ReadAllLines(copy.Path(PredictProject.TestSplit));
        using (var writer = new StreamWriter(copy.Path("grande.csv"), false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            writer.WriteLine(lines[0]);
            for (var i = 0; i < Rows; i++)
                writer.WriteLine(lines[1 + (i % (lines.Length - 1))]);
        }

        var asText = new FileInfo(copy.Path("grande.csv")).Length * sizeof(char);
        Assert.True(asText > 5 * HeapLimit / 2, $"the file is {asText:N0} bytes as .NET text (before any per-value object): it must be far larger than the heap limit");

        var run = await RunWithHeapLimitAsync(copy.Root, HeapLimit, "predict", "--model", "lr_clientes_v1", "-i", "grande.csv", "-o", "p.csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Rows + 1, File.ReadLines(copy.Path("p.csv")).Count());
    }

    private static async Task<CliRun> RunWithHeapLimitAsync(string workingDirectory, long heapLimit, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["DOTNET_GCHeapHardLimit"] = heapLimit.ToString("X", System.Globalization.CultureInfo.InvariantCulture) },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cauce.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await stdout, await stderr);
    }
}
