using Cauce.Cli.Tests.Harness;

namespace Cauce.Cli.Tests.Commands;

public sealed class CommandShellTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_unknown_command_is_a_usage_error_with_a_hint()
    {
        var run = await CliRunner.RunAsync(_folder.Root, "frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: Unrecognized command or argument 'frobnicate'.\nhint: run 'cauce --help' to see what it takes\n", run.Err);
    }

    [Fact]
    public async Task No_command_is_a_usage_error()
    {
        var run = await CliRunner.RunAsync(_folder.Root);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("check")]
    [InlineData("sample")]
    [InlineData("demo")]
    public async Task Every_command_has_help(string command)
    {
        var run = await CliRunner.RunAsync(_folder.Root, command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.Contains($"cauce {command}", run.Out.Replace("testhost", "cauce", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace_and_only_then()
    {
        _folder.Write("f", "x");

        var plain = await CliRunner.RunAsync(_folder.Root, "sample", "clientes", "-n", "1", "-o", "f/x.csv");
        var verbose = await CliRunner.RunAsync(_folder.Root, "sample", "clientes", "-n", "1", "-o", "f/x.csv", "--verbose");

        Assert.DoesNotContain("   at ", plain.Err, StringComparison.Ordinal);
        Assert.Contains("   at ", verbose.Err, StringComparison.Ordinal);
    }
}
