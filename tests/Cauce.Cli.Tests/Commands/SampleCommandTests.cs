using Cauce.Cli.Tests.Harness;

namespace Cauce.Cli.Tests.Commands;

public sealed class SampleCommandTests : IDisposable
{
    private readonly TempFolder _project = new TempFolder().AsProject();

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task Without_output_the_sample_goes_to_data_raw_named_for_today()
    {
        var run = await CliRunner.RunAsync(_project.Root, "sample", "clientes", "--rows", "100");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote data/raw/clientes_raw_20261126.csv: 100 rows", run.Out, StringComparison.Ordinal);
        Assert.Equal(101, File.ReadAllLines(_project.Path("data/raw/clientes_raw_20261126.csv")).Length);
    }

    [Fact]
    public async Task The_date_option_names_the_snapshot()
    {
        var run = await CliRunner.RunAsync(_project.Root, "sample", "ventas", "--rows", "10", "--date", "20250930");

        Assert.Equal(0, run.ExitCode);
        Assert.True(_project.Exists("data/raw/ventas_raw_20250930.csv"));
    }

    [Fact]
    public async Task Same_seed_gives_the_same_bytes_and_another_seed_other_bytes()
    {
        await CliRunner.RunAsync(_project.Root, "sample", "ventas", "--rows", "500", "--seed", "7", "-o", "a.csv");
        await CliRunner.RunAsync(_project.Root, "sample", "ventas", "--rows", "500", "--seed", "7", "-o", "b.csv");
        await CliRunner.RunAsync(_project.Root, "sample", "ventas", "--rows", "500", "--seed", "8", "-o", "c.csv");

        Assert.Equal(File.ReadAllBytes(_project.Path("a.csv")), File.ReadAllBytes(_project.Path("b.csv")));
        Assert.NotEqual(File.ReadAllBytes(_project.Path("a.csv")), File.ReadAllBytes(_project.Path("c.csv")));
    }

    [Fact]
    public async Task An_existing_file_is_kept_unless_force()
    {
        _project.Write("out.csv", "precious");

        var refused = await CliRunner.RunAsync(_project.Root, "sample", "clientes", "--rows", "5", "-o", "out.csv");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("precious", _project.Read("out.csv"));
        Assert.Contains("hint: pass --force", refused.Err, StringComparison.Ordinal);

        var forced = await CliRunner.RunAsync(_project.Root, "sample", "clientes", "--rows", "5", "-o", "out.csv", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual("precious", _project.Read("out.csv"));
    }

    [Theory]
    [InlineData(new[] { "sample", "clientes", "--rows", "-5" }, "--rows must be 0 or more, got -5")]
    [InlineData(new[] { "sample", "clientes", "--rows", "many" }, "many")]
    [InlineData(new[] { "sample", "pedidos" }, "pedidos")]
    [InlineData(new[] { "sample" }, "dataset")]
    [InlineData(new[] { "sample", "clientes", "--date", "20250230" }, "--date '20250230' is not a date written YYYYMMDD")]
    public async Task Bad_arguments_give_one_error_line_and_exit_2(string[] args, string mention)
    {
        var run = await CliRunner.RunAsync(_project.Root, args);

        Assert.Equal(2, run.ExitCode);
        var lines = run.Err.TrimEnd().Split('\n');
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(mention, lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length <= 2, run.ToString());
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task An_unwritable_output_path_fails_cleanly_and_writes_nothing()
    {
        _project.Write("plain-file", "x");

        var run = await CliRunner.RunAsync(_project.Root, "sample", "clientes", "--rows", "5", "-o", "plain-file/out.csv");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: cannot write 'plain-file/out.csv'", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_a_project_the_default_output_needs_a_project_but_o_does_not()
    {
        using var plain = new TempFolder();

        var noProject = await CliRunner.RunAsync(plain.Root, "sample", "clientes", "--rows", "5");
        var explicitOutput = await CliRunner.RunAsync(plain.Root, "sample", "clientes", "--rows", "5", "-o", "x.csv");

        Assert.Equal(3, noProject.ExitCode);
        Assert.Equal(0, explicitOutput.ExitCode);
    }
}
