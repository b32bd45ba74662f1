using System.Text.Json;
using Cauce.Cli.Tests.Harness;

namespace Cauce.Cli.Tests.Commands;

public sealed class CheckCommandTests : IDisposable
{
    private readonly TempFolder _project = new TempFolder().AsProject();

    public void Dispose() => _project.Dispose();

    [Fact]
    public async Task A_clean_project_exits_0()
    {
        _project.Write("data/raw/clientes_raw_20250930.csv");

        var run = await CliRunner.RunAsync(_project.Root, "check");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ok: 1 file checked", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Violations_are_listed_with_rule_and_suggestion_and_exit_1()
    {
        _project.Write("data/raw/Clientes_RAW_2025-09-30.csv").Write("models/rf_clientes_v0.zip");

        var run = await CliRunner.RunAsync(_project.Root, "check");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("data/raw/Clientes_RAW_2025-09-30.csv\n  dataset-name: ", run.Out, StringComparison.Ordinal);
        Assert.Contains("  suggestion: data/raw/clientes_raw_20250930.csv", run.Out, StringComparison.Ordinal);
        Assert.Contains("model-name: field 3 (version) 'v0': versions start at v1", run.Out, StringComparison.Ordinal);
        Assert.Contains("2 naming problems in 2 files checked", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_an_array_of_path_rule_message_suggestion()
    {
        _project.Write("notebooks/1_eda_jv.ipynb").Write("notebooks/notes.txt");

        var run = await CliRunner.RunAsync(_project.Root, "check", "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var items = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(["path", "rule", "message", "suggestion"], items[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("notebooks/01_eda_jv.ipynb", items[0].GetProperty("suggestion").GetString());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("suggestion").ValueKind);
    }

    [Fact]
    public async Task Json_of_a_clean_project_is_an_empty_array()
    {
        var run = await CliRunner.RunAsync(_project.Root, "check", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("[]", run.Out.Trim());
    }

    [Fact]
    public async Task A_path_limits_the_check_and_a_missing_path_is_a_usage_error()
    {
        _project.Write("data/raw/BAD.csv").Write("models/BAD.zip");

        var scoped = await CliRunner.RunAsync(_project.Root, "check", "models");
        var missing = await CliRunner.RunAsync(_project.Root, "check", "nowhere");

        Assert.Contains("models/BAD.zip", scoped.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("data/raw/BAD.csv", scoped.Out, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("error: 'nowhere' does not exist", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_a_project_check_exits_3_with_a_hint()
    {
        using var plain = new TempFolder();

        var run = await CliRunner.RunAsync(plain.Root, "check");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error: not inside a Cauce project", run.Err, StringComparison.Ordinal);
        Assert.Contains("hint: run 'cauce init'", run.Err, StringComparison.Ordinal);
    }
}
