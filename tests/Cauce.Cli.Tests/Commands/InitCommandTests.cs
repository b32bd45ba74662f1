using Cauce.Cli.Tests.Harness;

namespace Cauce.Cli.Tests.Commands;

public sealed class InitCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Init_makes_a_project_that_passes_check()
    {
        var init = await CliRunner.RunAsync(_folder.Root, "init", "mi-proyecto");
        var check = await CliRunner.RunAsync(_folder.Path("mi-proyecto"), "check");

        Assert.Equal(0, init.ExitCode);
        Assert.Contains("initialised a Cauce project in mi-proyecto", init.Out, StringComparison.Ordinal);
        Assert.Equal(0, check.ExitCode);
    }

    [Fact]
    public async Task Init_twice_is_refused_and_force_keeps_the_users_files()
    {
        await CliRunner.RunAsync(_folder.Root, "init");
        _folder.Write("params.yaml", "seed: 7\n");

        var again = await CliRunner.RunAsync(_folder.Root, "init");
        var forced = await CliRunner.RunAsync(_folder.Root, "init", "--force");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("hint: run 'cauce init --force'", again.Err, StringComparison.Ordinal);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("kept as they were:", forced.Out, StringComparison.Ordinal);
        Assert.Equal("seed: 7\n", _folder.Read("params.yaml"));
    }
}
