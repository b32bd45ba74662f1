using Cauce.Core.Errors;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Modeling;

namespace Cauce.Ml.Tests.Modeling.Training;

/// <summary>Bad input is refused with an error that names the thing, before any model or run-log row is written.</summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class TrainingErrorTests(TrainedSamples samples) : IDisposable
{
    private const string Target = "abandono";
    private readonly SampleProject _project = samples.NewProject();

    public void Dispose() => _project.Dispose();

    private string TrainPath => _project.TrainPath(TrainedSamples.Clientes);

    private string TestPath => _project.TestPath(TrainedSamples.Clientes);

    /// <summary>Opens the files and runs the job as <c>cauce train --train … --test … --target …</c> does.</summary>
    private IReadOnlyList<ModelCard> AdHoc(string train, string? test, string target = Target, PredictionTask? task = null, params string[] algos) =>
        _project.Run(new TrainingJob("clientes", CsvInput.Open(_project.Folder.Path(train), train), test is null ? null : CsvInput.Open(_project.Folder.Path(test), test), target, task,
            algos.Length == 0 ? ["lr"] : algos, new Dictionary<string, IReadOnlyDictionary<string, double>>(), new Dictionary<string, int>(), 42, 0));

    /// <summary>A copy of a split file with its lines rewritten.</summary>
    private string Rewritten(string from, string to, Func<string[], IEnumerable<string>> rewrite)
    {
        var lines = File.ReadAllLines(_project.Folder.Path(from));
        _project.Folder.Write(to, string.Join('\n', rewrite(lines)) + "\n");
        return to;
    }

    private static IEnumerable<string> DropColumn(string[] lines, string column)
    {
        var index = Array.IndexOf(lines[0].Split(','), column);
        return lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != index)));
    }

    private static IEnumerable<string> SetValue(string[] lines, string column, int dataRow, string value)
    {
        var index = Array.IndexOf(lines[0].Split(','), column);
        return lines.Select((l, n) =>
        {
            if (n != dataRow)
                return l;
            var fields = l.Split(',');
            fields[index] = value;
            return string.Join(',', fields);
        });
    }

    private void AssertNothingWritten()
    {
        Assert.Empty(_project.Models());
        Assert.Empty(_project.Log.Read());
    }

    [Fact]
    public void An_unknown_algorithm_is_a_usage_error_listing_the_valid_ones_and_nothing_is_trained()
    {
        var error = Assert.Throws<CauceException>(() => _project.Run(_project.Job(TrainedSamples.Clientes, ["lr", "knn"])));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains("unknown algorithm 'knn'", error.Message, StringComparison.Ordinal);
        Assert.All(new[] { "rf", "xgb", "lgbm", "gbt", "lr", "linreg", "svm" }, a => Assert.Contains($"{a} (", error.Hint, StringComparison.Ordinal));
        AssertNothingWritten();
    }

    [Fact]
    public void No_algorithm_at_all_is_a_usage_error()
    {
        var error = Assert.Throws<CauceException>(() => _project.Run(_project.Job(TrainedSamples.Clientes, [])));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        AssertNothingWritten();
    }

    [Fact]
    public void A_classifier_on_a_regression_dataset_is_refused_pointing_to_linreg()
    {
        var error = Assert.Throws<CauceException>(() => _project.Run(_project.Job(TrainedSamples.Ventas, ["gbt", "lr"])));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains("does not do regression", error.Message, StringComparison.Ordinal);
        Assert.Contains("linreg", error.Hint, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void Linreg_on_a_binary_dataset_is_refused_naming_the_classifiers()
    {
        var error = Assert.Throws<CauceException>(() => _project.Run(_project.Job(TrainedSamples.Clientes, ["linreg"])));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Equal("for binary use one of: rf, xgb, lgbm, gbt, lr, svm", error.Hint);
        AssertNothingWritten();
    }

    [Fact]
    public void A_setting_out_of_range_is_refused_before_any_algorithm_trains()
    {
        var error = Assert.Throws<CauceException>(() => _project.Run(_project.Job(TrainedSamples.Clientes, ["lr", "rf"], SampleProject.Settings("rf", ("trees", 0.5)))));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains("rf trees must be a whole number", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void Booleans_spelled_si_and_no_are_no_error_and_train_the_model_true_and_false_train()
    {
        var train = Rewritten(TrainPath, "data/processed/si-train_processed_20250930.csv", lines =>
        {
            var index = Array.IndexOf(lines[0].Split(','), "es_mayor");
            return lines.Select((l, n) => n == 0 ? l : string.Join(',', l.Split(',').Select((f, i) => i != index ? f : f == "true" ? "Sí" : "No")));
        });

        var spelled = AdHoc(train, TestPath).Single();
        var plain = AdHoc(TrainPath, TestPath).Single();

        Assert.Equal("boolean", spelled.Features.Single(f => f.Name == "es_mayor").Type);
        Assert.Equal(plain.Metrics, spelled.Metrics);
    }

    [Fact]
    public void A_target_with_one_class_is_refused_naming_the_file_the_target_and_the_class()
    {
        var train = Rewritten(TrainPath, "data/processed/solo-train_processed_20250930.csv", lines =>
        {
            var index = Array.IndexOf(lines[0].Split(','), Target);
            return lines.Where((l, i) => i == 0 || l.Split(',')[index] == "false");
        });

        var error = Assert.Throws<DataFileException>(() => AdHoc(train, TestPath));

        Assert.Equal(ExitCode.Failure, error.ExitCode);
        Assert.Equal(train, error.FilePath);
        Assert.Contains("the target 'abandono' has 1 class ('false')", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("lr")]
    [InlineData("rf")]
    public void More_folds_than_training_rows_is_a_usage_error_naming_the_file_and_nothing_is_written(string algo)
    {
        var train = Rewritten(TrainPath, "data/processed/pocas-train_processed_20250930.csv", lines => lines.Take(7));
        var job = new TrainingJob("clientes", _project.Open(train), _project.Open(TestPath), Target, null, [algo],
            new Dictionary<string, IReadOnlyDictionary<string, double>>(), new Dictionary<string, int>(), 42, 10);

        var error = Assert.Throws<CauceException>(() => _project.Run(job));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Equal($"cross-validation in 10 folds needs at least 10 training rows; {train} has 6", error.Message);
        Assert.Contains("fewer folds", error.Hint, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void An_empty_training_file_is_refused_naming_it()
    {
        _project.Folder.Write("data/processed/vacio-train_processed_20250930.csv", "");

        var error = Assert.Throws<DataFileException>(() => AdHoc("data/processed/vacio-train_processed_20250930.csv", TestPath));

        Assert.Equal(ExitCode.Failure, error.ExitCode);
        Assert.Equal("data/processed/vacio-train_processed_20250930.csv", error.FilePath);
        Assert.Contains("is empty", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_header_only_training_file_is_refused_naming_it()
    {
        var train = Rewritten(TrainPath, "data/processed/cabecera-train_processed_20250930.csv", lines => lines.Take(1));

        var error = Assert.Throws<DataFileException>(() => AdHoc(train, TestPath));

        Assert.Equal(ExitCode.Failure, error.ExitCode);
        Assert.Equal(train, error.FilePath);
        Assert.Contains("no data rows", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_header_only_test_file_is_refused_naming_it()
    {
        var test = Rewritten(TestPath, "data/processed/cabecera-test_processed_20250930.csv", lines => lines.Take(1));

        var error = Assert.Throws<DataFileException>(() => AdHoc(TrainPath, test));

        Assert.Equal(ExitCode.Failure, error.ExitCode);
        Assert.Equal(test, error.FilePath);
        Assert.Contains("no data rows", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void An_empty_test_file_is_refused_naming_it()
    {
        _project.Folder.Write("data/processed/vacio-test_processed_20250930.csv", "");

        var error = Assert.Throws<DataFileException>(() => AdHoc(TrainPath, "data/processed/vacio-test_processed_20250930.csv"));

        Assert.Equal("data/processed/vacio-test_processed_20250930.csv", error.FilePath);
        AssertNothingWritten();
    }

    [Fact]
    public void A_test_file_without_a_feature_of_the_training_file_is_refused_naming_the_feature()
    {
        var test = Rewritten(TestPath, "data/processed/otro-test_processed_20250930.csv", lines => DropColumn(lines, "edad"));

        var error = Assert.Throws<DataFileException>(() => AdHoc(TrainPath, test));

        Assert.Equal(ExitCode.Failure, error.ExitCode);
        Assert.Equal(test, error.FilePath);
        Assert.Contains("'edad'", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_test_file_without_the_target_is_refused_naming_the_target()
    {
        var test = Rewritten(TestPath, "data/processed/otro-test_processed_20250930.csv", lines => DropColumn(lines, Target));

        var error = Assert.Throws<DataFileException>(() => AdHoc(TrainPath, test));

        Assert.Equal(test, error.FilePath);
        Assert.Contains("'abandono'", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_test_file_whose_target_holds_a_class_the_model_never_saw_is_refused_naming_it()
    {
        var test = Rewritten(TestPath, "data/processed/otro-test_processed_20250930.csv", lines => SetValue(lines, Target, 5, "quizas"));

        var error = Assert.Throws<DataFileException>(() => AdHoc(TrainPath, test));

        Assert.Equal(ExitCode.Failure, error.ExitCode);
        Assert.Equal(test, error.FilePath);
        Assert.Contains("'quizas'", error.Message, StringComparison.Ordinal);
        Assert.Contains("false, true", error.Hint, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_multiclass_test_file_with_an_unseen_class_is_refused_naming_it()
    {
        var test = Rewritten(TestPath, "data/processed/otro-test_processed_20250930.csv", lines => SetValue(lines, TrainedSamples.MulticlassTarget, 3, "Trienal"));

        var error = Assert.Throws<DataFileException>(() => AdHoc(TrainPath, test, TrainedSamples.MulticlassTarget, PredictionTask.Multiclass));

        Assert.Equal(test, error.FilePath);
        Assert.Contains("'Trienal'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Anual, Bianual, Mensual", error.Hint, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_target_missing_from_the_training_file_is_refused_listing_its_columns()
    {
        var error = Assert.Throws<DataFileException>(() => AdHoc(TrainPath, TestPath, "churn"));

        Assert.Equal(ExitCode.Failure, error.ExitCode);
        Assert.Equal(TrainPath, error.FilePath);
        Assert.Contains("has no target column 'churn'", error.Message, StringComparison.Ordinal);
        Assert.Contains("abandono", error.Hint, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_target_missing_in_some_training_rows_is_refused()
    {
        var train = Rewritten(TrainPath, "data/processed/huecos-train_processed_20250930.csv", lines => SetValue(lines, Target, 7, ""));

        var error = Assert.Throws<DataFileException>(() => AdHoc(train, TestPath));

        Assert.Equal(train, error.FilePath);
        Assert.Contains("'abandono' is missing in 1 rows", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_category_target_for_regression_is_refused()
    {
        var error = Assert.Throws<DataFileException>(() => AdHoc(TrainPath, TestPath, TrainedSamples.MulticlassTarget, PredictionTask.Regression, "gbt"));

        Assert.Contains("regression needs numbers", error.Message, StringComparison.Ordinal);
        AssertNothingWritten();
    }

    [Fact]
    public void A_binary_task_on_a_three_class_target_is_refused_pointing_to_multiclass()
    {
        var error = Assert.Throws<DataFileException>(() => AdHoc(TrainPath, TestPath, TrainedSamples.MulticlassTarget, PredictionTask.Binary));

        Assert.Contains("has 3 classes, but the task is binary", error.Message, StringComparison.Ordinal);
        Assert.Contains("multiclass", error.Hint, StringComparison.Ordinal);
        AssertNothingWritten();
    }
}
