using Cauce.Cli.Tests.Harness;

namespace Cauce.Cli.Tests.EndToEnd;

/// <summary>The real <c>cauce</c> executable in temporary projects, as a user runs it.</summary>
public sealed class CauceProcessTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Init_sample_check_works_from_a_shell()
    {
        var init = await CliRunner.RunProcessAsync(_folder.Root, "init", "proyecto");
        var project = _folder.Path("proyecto");
        var clientes = await CliRunner.RunProcessAsync(project, "sample", "clientes", "--rows", "2000", "--date", "20250930");
        var ventas = await CliRunner.RunProcessAsync(project, "sample", "ventas", "--rows", "2000", "--date", "20250930");
        var check = await CliRunner.RunProcessAsync(project, "check");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.True(clientes.ExitCode == 0, clientes.ToString());
        Assert.True(ventas.ExitCode == 0, ventas.ToString());
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.True(File.Exists(Path.Combine(project, "data/raw/clientes_raw_20250930.csv")));
    }

    [Fact]
    public async Task A_bad_name_makes_check_exit_1_and_the_fix_makes_it_exit_0()
    {
        await CliRunner.RunProcessAsync(_folder.Root, "init");
        _folder.Write("data/raw/Clientes_RAW_2025-09-30.csv", "a,b\n1,2\n");

        var bad = await CliRunner.RunProcessAsync(_folder.Root, "check", "--json");
        File.Move(_folder.Path("data/raw/Clientes_RAW_2025-09-30.csv"), _folder.Path("data/raw/clientes_raw_20250930.csv"));
        var fixedRun = await CliRunner.RunProcessAsync(_folder.Root, "check");

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("\"suggestion\": \"data/raw/clientes_raw_20250930.csv\"", bad.Out, StringComparison.Ordinal);
        Assert.Equal(0, fixedRun.ExitCode);
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var run = await CliRunner.RunProcessAsync(_folder.Root, "--version");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("0.1.0", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_runs_the_worked_example_offline()
    {
        var run = await CliRunner.RunProcessAsync(_folder.Root, "demo", "ejemplo", "--rows", "1000");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("==> cauce check", run.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(_folder.Path("ejemplo/data/raw/ventas_raw_20250930.csv")));
        foreach (var (dataset, header) in new[] { ("clientes", "row,abandono,prediction,probability"), ("ventas", "row,unidades_vendidas,prediction") })
        {
            Assert.Contains($"best {dataset} model: ", run.Out, StringComparison.Ordinal);
            var predictions = File.ReadAllLines(_folder.Path($"ejemplo/data/processed/{dataset}-predictions_processed_20250930.csv"));
            var test = File.ReadAllLines(_folder.Path($"ejemplo/data/processed/{dataset}-test_processed_20250930.csv"));
            Assert.Equal(header, predictions[0]);
            Assert.Equal(test.Length, predictions.Length);
        }

        var aliases = File.ReadAllText(_folder.Path("ejemplo/models/aliases.yaml"));
        Assert.Contains("clientes:\n  production: ", aliases, StringComparison.Ordinal);
        Assert.Contains("ventas:\n  production: ", aliases, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_to_a_pipe_has_no_colour_codes()
    {
        var run = await CliRunner.RunProcessAsync(_folder.Root, "check");

        Assert.Equal(3, run.ExitCode);
        Assert.DoesNotContain("\u001b[", run.Err, StringComparison.Ordinal);
    }
}
