using Cauce.Core.Errors;
using Cauce.Ml.Modeling.Catalog;

namespace Cauce.Ml.Tests.Modeling.Catalog;

public sealed class AlgorithmCatalogTests
{
    private static readonly string[] Seven = ["rf", "xgb", "lgbm", "gbt", "lr", "linreg", "svm"];

    private static IReadOnlyDictionary<string, double> Given(string name, double value) => new Dictionary<string, double> { [name] = value };

    [Fact]
    public void The_catalog_is_the_naming_conventions_list_in_its_order()
    {
        Assert.Equal(Core.Conventions.Algorithms.Catalog.Select(a => a.Key), AlgorithmCatalog.Algorithms.Select(a => a.Abbreviation));
        Assert.Equal(Seven, AlgorithmCatalog.Algorithms.Select(a => a.Abbreviation));
        Assert.True(AlgorithmCatalog.MatchesConvention);
    }

    [Fact]
    public void Every_default_lies_in_its_range_and_whole_settings_default_to_whole_numbers()
    {
        Assert.All(AlgorithmCatalog.Algorithms.SelectMany(a => a.Hyperparameters.Select(h => (a.Abbreviation, h))), pair =>
        {
            var (algo, h) = pair;
            Assert.True(h.Min <= h.Default && h.Default <= h.Max, $"{algo} {h.Name}: default {h.Default} outside [{h.Min}, {h.Max}]");
            Assert.True(!h.Whole || h.Default == Math.Floor(h.Default), $"{algo} {h.Name}: default {h.Default} is not whole");
            Assert.False(string.IsNullOrWhiteSpace(h.Description), $"{algo} {h.Name} has no description");
        });
    }

    [Fact]
    public void Resolving_nothing_gives_every_default()
    {
        Assert.All(AlgorithmCatalog.Algorithms, algorithm =>
        {
            var resolved = algorithm.Resolve(new Dictionary<string, double>(), "test");
            Assert.Equal(algorithm.Hyperparameters.ToDictionary(h => h.Name, h => h.Default), resolved);
        });
    }

    [Fact]
    public void Every_task_has_an_algorithm_and_each_algorithm_serves_the_tasks_the_design_says()
    {
        Assert.Equal([PredictionTask.Binary, PredictionTask.Multiclass, PredictionTask.Regression], AlgorithmCatalog.Get("rf").Tasks);
        Assert.Equal([PredictionTask.Binary, PredictionTask.Multiclass, PredictionTask.Regression], AlgorithmCatalog.Get("xgb").Tasks);
        Assert.Equal([PredictionTask.Binary, PredictionTask.Multiclass], AlgorithmCatalog.Get("lr").Tasks);
        Assert.Equal([PredictionTask.Regression], AlgorithmCatalog.Get("linreg").Tasks);
        Assert.Equal([PredictionTask.Binary, PredictionTask.Multiclass], AlgorithmCatalog.Get("svm").Tasks);
    }

    [Fact]
    public void An_unknown_algorithm_is_a_usage_error_whose_hint_lists_all_seven()
    {
        var error = Assert.Throws<CauceException>(() => AlgorithmCatalog.Get("knn"));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains("'knn'", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
        Assert.All(Seven, algo => Assert.Contains($"{algo} (", error.Hint, StringComparison.Ordinal));
    }

    [Fact]
    public void Lr_for_regression_is_refused_pointing_to_linreg()
    {
        var error = Assert.Throws<CauceException>(() => AlgorithmCatalog.For("lr", PredictionTask.Regression));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains("regression", error.Message, StringComparison.Ordinal);
        Assert.Equal("lr is logistic regression, a classifier: use linreg for a numeric target", error.Hint);
    }

    [Fact]
    public void Svm_for_regression_is_refused_naming_the_algorithms_that_do_regression()
    {
        var error = Assert.Throws<CauceException>(() => AlgorithmCatalog.For("svm", PredictionTask.Regression));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains("svm", error.Message, StringComparison.Ordinal);
        Assert.Equal("for regression use one of: rf, xgb, lgbm, gbt, linreg", error.Hint);
    }

    [Fact]
    public void Linreg_for_a_binary_task_is_refused_naming_the_classifiers()
    {
        var error = Assert.Throws<CauceException>(() => AlgorithmCatalog.For("linreg", PredictionTask.Binary));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains("linreg", error.Message, StringComparison.Ordinal);
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
        Assert.Equal("for binary use one of: rf, xgb, lgbm, gbt, lr, svm", error.Hint);
    }

    [Theory]
    [InlineData("rf", PredictionTask.Binary)]
    [InlineData("xgb", PredictionTask.Multiclass)]
    [InlineData("lgbm", PredictionTask.Regression)]
    [InlineData("lr", PredictionTask.Multiclass)]
    [InlineData("linreg", PredictionTask.Regression)]
    public void For_returns_the_algorithm_when_it_serves_the_task(string algo, PredictionTask task) =>
        Assert.Equal(algo, AlgorithmCatalog.For(algo, task).Abbreviation);

    [Fact]
    public void Resolve_rejects_an_unknown_setting_and_lists_the_settings()
    {
        var error = Assert.Throws<CauceException>(() => AlgorithmCatalog.Get("rf").Resolve(Given("depth", 3), "params.yaml: datasets.clientes.train.rf"));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains("params.yaml: datasets.clientes.train.rf", error.Message, StringComparison.Ordinal);
        Assert.Contains("'depth'", error.Message, StringComparison.Ordinal);
        Assert.Equal("its settings are: trees, leaves, min_leaf, feature_fraction, bagging_fraction", error.Hint);
    }

    [Theory]
    [InlineData("rf", "feature_fraction", 1.5)]
    [InlineData("rf", "trees", 0)]
    [InlineData("xgb", "eta", 0)]
    [InlineData("xgb", "max_depth", 65)]
    [InlineData("lgbm", "learning_rate", -0.1)]
    [InlineData("lr", "l2", -1)]
    [InlineData("svm", "lambda", double.PositiveInfinity)]
    public void Resolve_rejects_a_value_out_of_range(string algo, string setting, double value)
    {
        var error = Assert.Throws<CauceException>(() => AlgorithmCatalog.Get(algo).Resolve(Given(setting, value), "settings"));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains($"{algo} {setting} must be", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xgb", "eta")]
    [InlineData("lgbm", "learning_rate")]
    [InlineData("rf", "feature_fraction")]
    [InlineData("rf", "trees")]
    public void Resolve_rejects_nan_as_out_of_range(string algo, string setting)
    {
        // NaN compares false with both bounds, so a plain "value < min || value > max" lets it through.
        var error = Assert.Throws<CauceException>(() => AlgorithmCatalog.Get(algo).Resolve(Given(setting, double.NaN), "settings"));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
    }

    [Fact]
    public void Resolve_gives_the_range_in_the_message()
    {
        var error = Assert.Throws<CauceException>(() => AlgorithmCatalog.Get("rf").Resolve(Given("feature_fraction", 1.5), "settings of rf"));

        Assert.Equal("settings of rf: rf feature_fraction must be a number from 0.01 to 1, got 1.5", error.Message);
    }

    [Theory]
    [InlineData("rf", "trees", 10.5)]
    [InlineData("xgb", "max_depth", 3.2)]
    [InlineData("lgbm", "leaves", 31.01)]
    [InlineData("lr", "max_iterations", 99.9)]
    public void Resolve_rejects_a_fraction_for_a_whole_number_setting(string algo, string setting, double value)
    {
        var error = Assert.Throws<CauceException>(() => AlgorithmCatalog.Get(algo).Resolve(Given(setting, value), "settings"));

        Assert.Equal(ExitCode.Usage, error.ExitCode);
        Assert.Contains("must be a whole number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_overrides_only_what_is_given()
    {
        var resolved = AlgorithmCatalog.Get("xgb").Resolve(new Dictionary<string, double> { ["eta"] = 0.05, ["max_depth"] = 3 }, "settings");

        Assert.Equal(0.05, resolved["eta"]);
        Assert.Equal(3, resolved["max_depth"]);
        Assert.Equal(100, resolved["rounds"]);
        Assert.Equal(AlgorithmCatalog.Get("xgb").Hyperparameters.Count, resolved.Count);
    }
}
