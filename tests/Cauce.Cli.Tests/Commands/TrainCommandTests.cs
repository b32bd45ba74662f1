using System.Globalization;
using System.Text.Json;
using Cauce.Cli.Tests.Harness;

namespace Cauce.Cli.Tests.Commands;

/// <summary>
/// A project with the repository's params.yaml and 3,000-row samples of clientes and ventas, sampled, validated,
/// prepared and split through the CLI once; each test trains in a copy of it.
/// </summary>
public sealed class SplitSamplesProject : IDisposable
{
    public const int Rows = 3_000;

    public SplitSamplesProject()
    {
        Folder = new TempFolder().AsProject();
        File.Copy(Path.Combine(Requirements.RepositoryRoot, "params.yaml"), Folder.Path("params.yaml"));
        foreach (var dataset in new[] { "clientes", "ventas" })
        {
            foreach (var args in new[]
            {
                new[] { "sample", dataset, "--rows", Rows.ToString(CultureInfo.InvariantCulture), "--seed", "42", "--date", "20250930" },
                ["validate", dataset],
                ["prepare", dataset],
                ["split", dataset],
            })
            {
                // Off xunit's synchronisation context, so that blocking here cannot starve the continuations.
                var run = Task.Run(() => CliRunner.RunAsync(Folder.Root, args)).GetAwaiter().GetResult();
                if (run.ExitCode != 0)
                    throw new InvalidOperationException($"cauce {string.Join(' ', args)} failed: {run}");
            }
        }
    }

    public TempFolder Folder { get; }

    /// <summary>A copy of the project (its .dvc, params.yaml and data), for one test to train in.</summary>
    public TempFolder Copy() => Folder.Copy();

    public void Dispose() => Folder.Dispose();
}

public sealed class TrainCommandTests(SplitSamplesProject samples) : IClassFixture<SplitSamplesProject>, IDisposable
{
    private const string Train = "data/processed/clientes-train_processed_20250930.csv";
    private const string Test = "data/processed/clientes-test_processed_20250930.csv";
    private static readonly string[] Seven = ["rf", "xgb", "lgbm", "gbt", "lr", "linreg", "svm"];

    private readonly TempFolder _project = samples.Copy();

    public void Dispose() => _project.Dispose();

    private Task<CliRun> Cauce(params string[] args) => CliRunner.RunAsync(_project.Root, args);

    private string[] Models() =>
        Directory.Exists(_project.Path("models")) ? [.. Directory.EnumerateFiles(_project.Path("models")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!] : [];

    [Fact]
    public async Task Train_a_dataset_prints_the_table_and_the_best_and_writes_each_model_with_its_card()
    {
        var run = await Cauce("train", "clientes", "--algo", "rf,lr");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("roc_auc", run.Out, StringComparison.Ordinal);
        Assert.Contains("rf_clientes_v1", run.Out, StringComparison.Ordinal);
        Assert.Contains("lr_clientes_v1", run.Out, StringComparison.Ordinal);
        Assert.Contains("best: ", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"best: (rf|lr)_clientes_v1 \(roc_auc 0\.\d{4} on data/processed/clientes-test_processed_20250930\.csv\)", run.Out);
        Assert.Equal(["lr_clientes_v1.json", "lr_clientes_v1.zip", "rf_clientes_v1.json", "rf_clientes_v1.zip"], Models());
        using var card = JsonDocument.Parse(_project.Read("models/rf_clientes_v1.json"));
        Assert.Equal("rf", card.RootElement.GetProperty("algo").GetString());
        Assert.Equal(Train, card.RootElement.GetProperty("train").GetProperty("path").GetString());
        Assert.Equal("2026-11-26T10:00:00Z", card.RootElement.GetProperty("created").GetString());
        Assert.True(_project.Exists(".cauce/runs.db"));
    }

    [Fact]
    public async Task The_models_a_training_writes_pass_check()
    {
        Assert.Equal(0, (await Cauce("train", "clientes", "--algo", "rf,lr")).ExitCode);
        Assert.Equal(0, (await Cauce("train", "ventas", "--algo", "gbt")).ExitCode);

        var check = await Cauce("check");

        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public async Task Train_json_prints_an_array_of_the_model_cards_and_nothing_else()
    {
        var run = await Cauce("train", "clientes", "--algo", "lr,gbt", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var cards = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["lr_clientes_v1", "gbt_clientes_v1"], cards.Select(c => c.GetProperty("name").GetString()));
        Assert.All(cards, c =>
        {
            Assert.Equal("clientes", c.GetProperty("dataset").GetString());
            Assert.Equal(1, c.GetProperty("version").GetInt32());
            Assert.True(c.GetProperty("metrics").GetProperty("roc_auc").GetDouble() > 0.7);
            Assert.Equal(32, c.GetProperty("train").GetProperty("md5").GetString()!.Length);
        });
        using var onDisk = JsonDocument.Parse(_project.Read("models/lr_clientes_v1.json"));
        Assert.True(JsonElement.DeepEquals(onDisk.RootElement, cards[0]), "the printed card is the card on disk");
    }

    [Fact]
    public async Task Cross_validation_prints_a_mean_and_std_per_metric()
    {
        var run = await Cauce("train", "clientes", "--algo", "lr", "--folds", "3");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"lr_clientes_v1 cross-validation: .*roc_auc 0\.\d{4} ± 0\.\d{4}", run.Out);
        using var card = JsonDocument.Parse(_project.Read("models/lr_clientes_v1.json"));
        Assert.Equal(JsonValueKind.Object, card.RootElement.GetProperty("cross_validation").ValueKind);
    }

    [Fact]
    public async Task An_unknown_algorithm_exits_2_with_the_catalog_in_the_hint()
    {
        var run = await Cauce("train", "clientes", "--algo", "knn");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: unknown algorithm 'knn'", run.Err, StringComparison.Ordinal);
        var hint = run.Err.Split('\n').Single(l => l.StartsWith("hint: ", StringComparison.Ordinal));
        Assert.All(Seven, algo => Assert.Contains($"{algo} (", hint, StringComparison.Ordinal));
        Assert.Empty(Models());
    }

    [Fact]
    public async Task Lr_on_a_regression_dataset_exits_2_pointing_to_linreg()
    {
        var run = await Cauce("train", "ventas", "--algo", "lr");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: lr (logistic regression (L-BFGS)) does not do regression tasks", run.Err, StringComparison.Ordinal);
        Assert.Contains("hint: lr is logistic regression, a classifier: use linreg for a numeric target", run.Err, StringComparison.Ordinal);
        Assert.Empty(Models());
    }

    [Fact]
    public async Task Train_before_split_says_to_run_prepare_and_split_first()
    {
        using var fresh = new TempFolder().AsProject();
        File.Copy(Path.Combine(Requirements.RepositoryRoot, "params.yaml"), fresh.Path("params.yaml"));

        var run = await CliRunner.RunAsync(fresh.Root, "train", "clientes", "--algo", "lr");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: {Train} does not exist yet", run.Err, StringComparison.Ordinal);
        Assert.Contains("hint: run 'cauce prepare clientes' and 'cauce split clientes' first", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ad_hoc_training_names_the_models_after_name()
    {
        var run = await Cauce("train", "--train", Train, "--test", Test, "--target", "abandono", "--name", "otro", "--algo", "lr");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["lr_otro_v1.json", "lr_otro_v1.zip"], Models());
        using var card = JsonDocument.Parse(_project.Read("models/lr_otro_v1.json"));
        Assert.Equal("otro", card.RootElement.GetProperty("dataset").GetString());
        Assert.Equal("binary", card.RootElement.GetProperty("task").GetString());
        Assert.Equal(Test, card.RootElement.GetProperty("test").GetProperty("path").GetString());
    }

    [Fact]
    public async Task Ad_hoc_training_without_name_takes_the_dataset_from_the_file_name()
    {
        var run = await Cauce("train", "--train", Train, "--test", Test, "--target", "abandono", "--algo", "lr");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["lr_clientes_v1.json", "lr_clientes_v1.zip"], Models());
    }

    [Fact]
    public async Task Train_with_neither_a_dataset_nor_train_is_a_usage_error()
    {
        var run = await Cauce("train", "--algo", "lr");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Err, StringComparison.Ordinal);
        Assert.Contains("hint: ", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dataset_and_ad_hoc_files_together_are_a_usage_error()
    {
        var run = await Cauce("train", "clientes", "--train", Train, "--algo", "lr");

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(Models());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("101")]
    public async Task Folds_outside_2_to_100_are_a_usage_error(string folds)
    {
        var run = await Cauce("train", "clientes", "--algo", "lr", "--folds", folds);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--folds must be from 2 to 100, got {folds}", run.Err, StringComparison.Ordinal);
        Assert.Empty(Models());
    }

    [Fact]
    public async Task An_unknown_task_is_a_usage_error()
    {
        var run = await Cauce("train", "--train", Train, "--test", Test, "--target", "abandono", "--name", "otro", "--algo", "lr", "--task", "ranking");

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Training_again_writes_v2_beside_v1()
    {
        Assert.Equal(0, (await Cauce("train", "clientes", "--algo", "lr")).ExitCode);

        var again = await Cauce("train", "clientes", "--algo", "lr");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(["lr_clientes_v1.json", "lr_clientes_v1.zip", "lr_clientes_v2.json", "lr_clientes_v2.zip"], Models());
    }
}
