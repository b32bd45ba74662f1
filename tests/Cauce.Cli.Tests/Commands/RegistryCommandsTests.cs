using System.Text.Json;
using Cauce.Cli.Tests.Harness;

namespace Cauce.Cli.Tests.Commands;

/// <summary>A project with two trained models, shared by the registry command tests (each test copies what it changes).</summary>
public sealed class TrainedProject : IDisposable
{
    public TrainedProject()
    {
        Folder = new TempFolder().AsProject();
        File.Copy(Path.Combine(Requirements.RepositoryRoot, "params.yaml"), Folder.Path("params.yaml"));
        foreach (var args in new[]
        {
            new[] { "sample", "clientes", "--rows", "2000", "--date", "20250930" },
            ["prepare", "clientes"],
            ["split", "clientes"],
            ["train", "clientes", "--algo", "lr,gbt"],
        })
        {
            var run = CliRunner.RunAsync(Folder.Root, args).GetAwaiter().GetResult();
            if (run.ExitCode != 0)
                throw new InvalidOperationException(run.ToString());
        }
    }

    public TempFolder Folder { get; }

    public void Dispose() => Folder.Dispose();
}

public sealed class RegistryCommandsTests(TrainedProject project) : IClassFixture<TrainedProject>
{
    private readonly TempFolder _project = project.Folder;

    [Fact]
    public async Task Evaluate_writes_metrics_and_figures_that_pass_check()
    {
        var run = await CliRunner.RunAsync(_project.Root, "evaluate", "lr_clientes_v1");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var metrics = JsonDocument.Parse(_project.Read("reports/metrics/lr_clientes_v1.json"));
        Assert.Equal("lr_clientes_v1", metrics.RootElement.GetProperty("model").GetString());
        Assert.InRange(metrics.RootElement.GetProperty("roc_auc").GetDouble(), 0.7, 1);
        foreach (var topic in new[] { "roc", "precision-recall", "confusion", "importancia" })
            Assert.True(_project.Exists($"reports/figures/{topic}-lr-v1_clientes_processed_20250930.png"), topic);
        Assert.Equal(0, (await CliRunner.RunAsync(_project.Root, "check")).ExitCode);
    }

    [Fact]
    public async Task Evaluate_gives_the_same_metrics_as_training_did_on_the_test_split()
    {
        using var card = JsonDocument.Parse(_project.Read("models/gbt_clientes_v1.json"));

        var run = await CliRunner.RunAsync(_project.Root, "evaluate", "gbt_clientes_v1", "--json");

        using var metrics = JsonDocument.Parse(run.Out);
        Assert.Equal(card.RootElement.GetProperty("metrics").GetProperty("roc_auc").GetDouble(), metrics.RootElement.GetProperty("roc_auc").GetDouble());
    }

    [Fact]
    public async Task Evaluating_a_dataset_compares_all_its_models_in_one_report()
    {
        var run = await CliRunner.RunAsync(_project.Root, "evaluate", "clientes");

        Assert.True(run.ExitCode == 0, run.ToString());
        var markdown = _project.Read("reports/models_clientes.md");
        Assert.StartsWith("# Models of clientes", markdown, StringComparison.Ordinal);
        Assert.Contains("| 1 | `", markdown, StringComparison.Ordinal);
        Assert.Contains("figures/comparacion_clientes_processed_20250930.png", markdown, StringComparison.Ordinal);
        Assert.True(_project.Exists("reports/figures/comparacion_clientes_processed_20250930.png"));
        Assert.DoesNotContain("src=\"figures/", _project.Read("reports/models_clientes.html"), StringComparison.Ordinal); // figures embedded
        Assert.Equal(0, (await CliRunner.RunAsync(_project.Root, "check")).ExitCode);
    }

    [ChromiumFact]
    public async Task The_comparison_report_renders_in_headless_chromium()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_project.Root, "evaluate", "clientes")).ExitCode);

        var page = await HeadlessChromium.RenderAsync(_project.Path("reports/models_clientes.html"));

        Assert.True(page.InkShare > 0.03, $"only {page.InkShare:P1} of the page has ink: blank?");
        Assert.True(page.Colours > 20, $"only {page.Colours} colours: the figures did not render?");
    }

    [Fact]
    public async Task Models_list_show_and_promote_keep_aliases_in_a_tracked_file()
    {
        var promote = await CliRunner.RunAsync(_project.Root, "models", "promote", "lr_clientes_v1", "--alias", "staging");
        var again = await CliRunner.RunAsync(_project.Root, "models", "promote", "gbt_clientes_v1", "--alias", "staging");
        var list = await CliRunner.RunAsync(_project.Root, "models", "list", "--json");
        var show = await CliRunner.RunAsync(_project.Root, "models", "show", "gbt_clientes_v1");

        Assert.Equal(0, promote.ExitCode);
        Assert.Contains("(it was lr_clientes_v1)", again.Out, StringComparison.Ordinal);
        Assert.Contains("staging: gbt_clientes_v1", _project.Read("models/aliases.yaml"), StringComparison.Ordinal);
        using var models = JsonDocument.Parse(list.Out);
        var gbt = models.RootElement.EnumerateArray().Single(m => m.GetProperty("model").GetString() == "gbt_clientes_v1");
        Assert.Equal(["staging"], gbt.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        using var card = JsonDocument.Parse(show.Out);
        Assert.Matches("^[0-9a-f]{32}$", card.RootElement.GetProperty("train").GetProperty("md5").GetString());
        Assert.Equal(0, (await CliRunner.RunAsync(_project.Root, "check")).ExitCode);
    }

    [Fact]
    public async Task Runs_lists_every_training_run_with_its_data_md5()
    {
        var run = await CliRunner.RunAsync(_project.Root, "runs", "--dataset", "clientes", "--json");

        using var runs = JsonDocument.Parse(run.Out);
        var models = runs.RootElement.EnumerateArray().Select(r => r.GetProperty("model").GetString()).ToList();
        Assert.Contains("lr_clientes_v1", models);
        Assert.Contains("gbt_clientes_v1", models);
        Assert.All(runs.RootElement.EnumerateArray(), r => Assert.Matches("^[0-9a-f]{32}$", r.GetProperty("train_md5").GetString()));
    }

    [Fact]
    public async Task Metrics_diff_compares_two_evaluated_models()
    {
        await CliRunner.RunAsync(_project.Root, "evaluate", "lr_clientes_v1");
        await CliRunner.RunAsync(_project.Root, "evaluate", "gbt_clientes_v1");

        var run = await CliRunner.RunAsync(_project.Root, "metrics", "diff", "lr_clientes_v1", "gbt_clientes_v1", "--json");

        Assert.Equal(0, run.ExitCode);
        using var diff = JsonDocument.Parse(run.Out);
        var auc = diff.RootElement.GetProperty("roc_auc");
        Assert.Equal(auc.GetProperty("new").GetDouble() - auc.GetProperty("old").GetDouble(), auc.GetProperty("change").GetDouble(), 12);
        Assert.False(diff.RootElement.TryGetProperty("rows", out _));
    }

    [Theory]
    [InlineData(new[] { "evaluate", "rf_clientes_v9" }, 1, "there is no model models/rf_clientes_v9.zip")]
    [InlineData(new[] { "evaluate", "not_a_model" }, 2, "is not a model name")]
    [InlineData(new[] { "evaluate", "pedidos" }, 1, "there is no model of 'pedidos'")]
    [InlineData(new[] { "models", "show", "knn_clientes_v1" }, 2, "not in the catalog")]
    [InlineData(new[] { "metrics", "diff", "lr_clientes_v1", "svm_clientes_v1" }, 1, "no metrics for")]
    public async Task Unknown_models_get_a_clear_error(string[] args, int exit, string mention)
    {
        var run = await CliRunner.RunAsync(_project.Root, args);

        Assert.Equal(exit, run.ExitCode);
        Assert.Contains(mention, run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_file_that_is_not_a_model_is_refused_and_cannot_be_promoted()
    {
        using var copy = new TempFolder().AsProject();
        Directory.CreateDirectory(copy.Path("models"));
        File.Copy(_project.Path("models/lr_clientes_v1.json"), copy.Path("models/lr_clientes_v2.json"));
        copy.Write("models/lr_clientes_v2.zip", "this is not a zip");

        var evaluate = await CliRunner.RunAsync(copy.Root, "evaluate", "lr_clientes_v2", "--data", _project.Path("data/processed/clientes-test_processed_20250930.csv"));
        var promote = await CliRunner.RunAsync(copy.Root, "models", "promote", "lr_clientes_v2");

        Assert.Equal(1, evaluate.ExitCode);
        Assert.Contains("models/lr_clientes_v2.zip: is not a model Cauce can load", evaluate.Err, StringComparison.Ordinal);
        Assert.Equal(1, promote.ExitCode);
        Assert.False(copy.Exists("models/aliases.yaml"));
    }
}
