using System.Text.Json;
using Cauce.Cli.Tests.Harness;
using Cauce.Ml.Modeling.XgBoost;
using Microsoft.ML.OnnxRuntime;

namespace Cauce.Cli.Tests.Commands;

/// <summary>A small project (800 rows of clientes) with an lr model, and an xgb one where XGBoost is installed.</summary>
public sealed class ExportProject : IDisposable
{
    public ExportProject()
    {
        Folder = new TempFolder().AsProject();
        File.Copy(Path.Combine(Requirements.RepositoryRoot, "params.yaml"), Folder.Path("params.yaml"));
        foreach (var args in new[]
        {
            new[] { "sample", "clientes", "--rows", "800", "--seed", "42", "--date", "20250930" },
            ["prepare", "clientes"],
            ["split", "clientes"],
            ["train", "clientes", "--algo", XgbBooster.IsAvailable ? "lr,xgb" : "lr"],
        })
        {
            // Off xunit's synchronisation context, so that blocking here cannot starve the continuations.
            var run = Task.Run(() => CliRunner.RunAsync(Folder.Root, args)).GetAwaiter().GetResult();
            if (run.ExitCode != 0)
                throw new InvalidOperationException($"cauce {string.Join(' ', args)} failed: {run}");
        }
    }

    public TempFolder Folder { get; }

    public void Dispose() => Folder.Dispose();
}

public sealed class ExportCommandTests(ExportProject project) : IClassFixture<ExportProject>
{
    private readonly TempFolder _project = project.Folder;

    private Task<CliRun> Cauce(params string[] args) => CliRunner.RunAsync(_project.Root, args);

    [Fact]
    public async Task Export_onnx_writes_models_stem_onnx_prints_one_line_and_check_stays_clean()
    {
        var run = await Cauce("export", "onnx", "lr_clientes_v1");

        Assert.True(run.ExitCode == 0, run.ToString());
        var line = Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("exported lr_clientes_v1 → models/lr_clientes_v1.onnx (", line, StringComparison.Ordinal);
        Assert.Contains("inputs [N,1] named like the features (", line, StringComparison.Ordinal);
        Assert.EndsWith("read Probability.output [N,1], the probability that abandono is true (Cauce predicts it above 0.5)", line, StringComparison.Ordinal);
        using var card = JsonDocument.Parse(_project.Read("models/lr_clientes_v1.json"));
        using var session = new InferenceSession(_project.Path("models/lr_clientes_v1.onnx"), new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR });
        Assert.Equal(card.RootElement.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("name").GetString()), session.InputMetadata.Keys);
        Assert.Equal("lr_clientes_v1", session.ModelMetadata.CustomMetadataMap["cauce.model"]);
        var check = await Cauce("check");
        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public async Task Export_by_alias_writes_the_same_bytes_as_export_by_name()
    {
        Assert.Equal(0, (await Cauce("export", "onnx", "models/lr_clientes_v1.zip")).ExitCode);
        var byName = File.ReadAllBytes(_project.Path("models/lr_clientes_v1.onnx"));
        Assert.Equal(0, (await Cauce("models", "promote", "lr_clientes_v1", "--alias", "staging")).ExitCode);

        var run = await Cauce("export", "onnx", "--alias", "staging", "--dataset", "clientes");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(byName, File.ReadAllBytes(_project.Path("models/lr_clientes_v1.onnx")));
    }

    [XgboostInstalledFact]
    public async Task Exporting_an_xgb_model_is_refused_with_the_algorithms_that_export_and_writes_nothing()
    {
        var run = await Cauce("export", "onnx", "xgb_clientes_v1");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: xgb_clientes_v1 cannot be exported to ONNX: xgb models are scored by XGBoost's own library", run.Err, StringComparison.Ordinal);
        Assert.Contains("hint: ONNX export works for rf, lgbm, gbt, lr, linreg, svm models", run.Err, StringComparison.Ordinal);
        Assert.False(_project.Exists("models/xgb_clientes_v1.onnx"));
    }

    [Fact]
    public async Task Exporting_a_model_that_does_not_exist_fails_naming_the_models_there_are()
    {
        var run = await Cauce("export", "onnx", "rf_clientes_v9");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: there is no model models/rf_clientes_v9.zip", run.Err, StringComparison.Ordinal);
        Assert.Contains("hint: the models are: ", run.Err, StringComparison.Ordinal);
        Assert.False(_project.Exists("models/rf_clientes_v9.onnx"));
    }

    [Theory]
    [InlineData("export", "onnx")]
    [InlineData("export", "onnx", "lr_clientes_v1", "--alias", "production")]
    [InlineData("export", "onnx", "lr_clientes_v1", "--dataset", "clientes")]
    [InlineData("export", "onnx", "lr_clientes_final")]
    public async Task Naming_no_model_or_two_or_a_bad_name_is_a_usage_error(params string[] args)
    {
        var run = await Cauce(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Err, StringComparison.Ordinal);
        Assert.Contains("hint: ", run.Err, StringComparison.Ordinal);
    }
}

/// <summary>A test that needs an xgb model, which only trains where XGBoost's library is: skipped, saying so, elsewhere.</summary>
public sealed class XgboostInstalledFactAttribute : FactAttribute
{
    public XgboostInstalledFactAttribute()
    {
        if (!XgbBooster.IsAvailable)
            Skip = "libxgboost0 is not installed (apt-get install libxgboost0): there is no xgb model to refuse";
    }
}
