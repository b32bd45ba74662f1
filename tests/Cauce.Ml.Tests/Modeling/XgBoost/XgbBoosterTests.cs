using Cauce.Ml.Modeling.XgBoost;

namespace Cauce.Ml.Tests.Modeling.XgBoost;

public sealed class XgbBoosterTests
{
    private static readonly Dictionary<string, string> Binary = new()
    {
        ["objective"] = "binary:logistic",
        ["max_depth"] = "3",
        ["eta"] = "0.3",
        ["nthread"] = "1",
        ["seed"] = "0",
    };

    [XgboostFact]
    public void Reports_the_installed_version() =>
        Assert.Matches(@"^\d+\.\d+\.\d+$", XgbBooster.Version);

    [XgboostFact]
    public void Binary_logistic_learns_a_separable_rule()
    {
        var (train, test) = XgbTestData.Binary(1_000).SplitAt(800);

        using var booster = XgbBooster.Train(train.Features, train.Rows, train.Columns, train.Labels, Binary, rounds: 30);
        var probabilities = booster.Predict(test.Features, test.Rows, test.Columns);

        Assert.Equal(test.Rows, probabilities.Length);
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
        var correct = probabilities.Where((p, row) => (p > 0.5f ? 1f : 0f) == test.Labels[row]).Count();
        Assert.True(correct >= 0.85 * test.Rows, $"accuracy {correct}/{test.Rows} on held-out rows");
    }

    [XgboostFact]
    public void Squared_error_regression_fits_a_line()
    {
        var (train, test) = XgbTestData.Line(1_000).SplitAt(800);
        var parameters = new Dictionary<string, string> { ["objective"] = "reg:squarederror", ["max_depth"] = "4", ["nthread"] = "1" };

        using var booster = XgbBooster.Train(train.Features, train.Rows, train.Columns, train.Labels, parameters, rounds: 50);
        var predicted = booster.Predict(test.Features, test.Rows, test.Columns);

        var mean = test.Labels.Average();
        var residual = test.Labels.Select((y, row) => Math.Pow(y - predicted[row], 2)).Sum();
        var total = test.Labels.Select(y => Math.Pow(y - mean, 2)).Sum();
        var r2 = 1 - (residual / total);
        Assert.True(r2 > 0.9, $"R² = {r2}");
    }

    [XgboostFact]
    public void Multiclass_softprob_gives_one_probability_per_class_summing_to_one()
    {
        var (train, test) = XgbTestData.ThreeBlobs(600).SplitAt(450);
        var parameters = new Dictionary<string, string>
        {
            ["objective"] = "multi:softprob",
            ["num_class"] = "3",
            ["max_depth"] = "3",
            ["nthread"] = "1",
        };

        using var booster = XgbBooster.Train(train.Features, train.Rows, train.Columns, train.Labels, parameters, rounds: 20);
        var probabilities = booster.Predict(test.Features, test.Rows, test.Columns);

        Assert.Equal(test.Rows * 3, probabilities.Length);
        var correct = 0;
        for (var row = 0; row < test.Rows; row++)
        {
            var p = probabilities.AsSpan(row * 3, 3);
            Assert.Equal(1.0, p[0] + p[1] + p[2], 1e-5);
            if (p.IndexOf(Max(p)) == (int)test.Labels[row])
                correct++;
        }

        Assert.True(correct >= 0.8 * test.Rows, $"accuracy {correct}/{test.Rows}");
    }

    [XgboostFact]
    public void The_same_seed_gives_the_same_model_and_predictions()
    {
        var data = XgbTestData.Binary(2_000);
        var parameters = new Dictionary<string, string>(Binary)
        {
            ["subsample"] = "0.7",
            ["colsample_bytree"] = "0.6",
            ["tree_method"] = "hist",
            ["nthread"] = "2",
            ["seed"] = "7",
        };

        using var first = XgbBooster.Train(data.Features, data.Rows, data.Columns, data.Labels, parameters, rounds: 20);
        using var second = XgbBooster.Train(data.Features, data.Rows, data.Columns, data.Labels, parameters, rounds: 20);
        using var reseeded = XgbBooster.Train(
            data.Features, data.Rows, data.Columns, data.Labels, new Dictionary<string, string>(parameters) { ["seed"] = "8" }, rounds: 20);

        Assert.Equal(first.Predict(data.Features, data.Rows, data.Columns), second.Predict(data.Features, data.Rows, data.Columns));
        Assert.Equal(first.Save(), second.Save());
        Assert.NotEqual(first.Save(), reseeded.Save()); // the seed reaches the sampling: otherwise the check above proves little
    }

    [XgboostFact]
    public void Save_then_load_predicts_the_same()
    {
        var data = XgbTestData.Binary(500);
        using var trained = XgbBooster.Train(data.Features, data.Rows, data.Columns, data.Labels, Binary, rounds: 15);
        var model = trained.Save();

        using var loaded = XgbBooster.Load(model);

        Assert.Equal(data.Columns, loaded.Columns);
        Assert.Equal(trained.Predict(data.Features, data.Rows, data.Columns), loaded.Predict(data.Features, data.Rows, data.Columns));
        Assert.Equal(model, loaded.Save());
        Assert.Equal((byte)'{', model[0]); // JSON text, not the legacy binary format
    }

    [XgboostFact]
    public void Missing_values_are_accepted_in_training_and_prediction()
    {
        var (train, test) = XgbTestData.Binary(1_000, missingShare: 0.1).SplitAt(800);
        Assert.Contains(train.Features, float.IsNaN);

        using var booster = XgbBooster.Train(train.Features, train.Rows, train.Columns, train.Labels, Binary, rounds: 20);
        var probabilities = booster.Predict(test.Features, test.Rows, test.Columns);
        var allMissing = booster.Predict(Enumerable.Repeat(float.NaN, train.Columns).ToArray(), 1, train.Columns);

        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
        Assert.InRange(allMissing[0], 0f, 1f);
        var correct = probabilities.Where((p, row) => (p > 0.5f ? 1f : 0f) == test.Labels[row]).Count();
        Assert.True(correct >= 0.75 * test.Rows, $"accuracy {correct}/{test.Rows} with 10% missing");
    }

    [XgboostFact]
    public void A_bad_parameter_fails_with_xgboosts_own_message()
    {
        var data = XgbTestData.Binary(50);

        var error = Assert.Throws<XgbException>(() =>
            XgbBooster.Train(data.Features, data.Rows, data.Columns, data.Labels, new Dictionary<string, string> { ["objective"] = "nonsense" }, 5));

        Assert.Contains("Unknown objective function: `nonsense`", error.NativeMessage, StringComparison.Ordinal);
        Assert.StartsWith("XGBoost could not train round 1: Unknown objective function: `nonsense`", error.Message, StringComparison.Ordinal);
        Assert.Contains("binary:logistic", error.Message, StringComparison.Ordinal); // the candidates XGBoost lists
        Assert.DoesNotContain('\n', error.Message);
        Assert.NotNull(error.Hint);
    }

    [XgboostFact]
    public void A_parameter_xgboost_does_not_use_is_reported_as_a_warning()
    {
        var data = XgbTestData.Binary(50);

        using var booster = XgbBooster.Train(
            data.Features, data.Rows, data.Columns, data.Labels, new Dictionary<string, string>(Binary) { ["max_dept"] = "4" }, 2);

        Assert.Contains(booster.Warnings, w => w.Contains("\"max_dept\"", StringComparison.Ordinal) && w.Contains("not used", StringComparison.Ordinal));
    }

    [XgboostFact]
    public void Progress_counts_the_rounds_and_cancellation_stops_between_rounds()
    {
        var data = XgbTestData.Binary(200);
        using var cancellation = new CancellationTokenSource();
        var reported = new List<int>();
        var progress = new Inline(round =>
        {
            reported.Add(round);
            if (round == 3)
                cancellation.Cancel();
        });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            XgbBooster.Train(data.Features, data.Rows, data.Columns, data.Labels, Binary, 10, progress, cancellation.Token));
        Assert.Equal([1, 2, 3], reported);

        reported.Clear();
        using var booster = XgbBooster.Train(data.Features, data.Rows, data.Columns, data.Labels, Binary, 4, new Inline(reported.Add));
        Assert.Equal([1, 2, 3, 4], reported);
    }

    [XgboostFact]
    public void Bytes_that_are_not_a_model_fail_to_load()
    {
        var error = Assert.Throws<XgbException>(() => XgbBooster.Load("not a model"u8));
        Assert.Contains("wrong model format", error.Message, StringComparison.Ordinal);
    }

    [XgboostFact]
    public void A_disposed_booster_refuses_calls()
    {
        var data = XgbTestData.Binary(50);
        var booster = XgbBooster.Train(data.Features, data.Rows, data.Columns, data.Labels, Binary, 2);
        booster.Dispose();
        booster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => booster.Predict(data.Features, data.Rows, data.Columns));
        Assert.Throws<ObjectDisposedException>(() => booster.Save());
    }

    [Fact]
    public void Mismatched_lengths_are_argument_errors()
    {
        float[] features = [1, 2, 3, 4, 5, 6];
        float[] labels = [0, 1, 0];
        var parameters = new Dictionary<string, string>();

        Assert.Equal("features", Assert.Throws<ArgumentException>(() => XgbBooster.Train(features, 2, 2, labels[..2], parameters, 1)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => XgbBooster.Train(features, 3, 2, labels[..2], parameters, 1)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => XgbBooster.Train([], 0, 2, [], parameters, 1)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => XgbBooster.Train([], 3, 0, labels, parameters, 1)).ParamName);
        Assert.Equal("rounds", Assert.Throws<ArgumentOutOfRangeException>(() => XgbBooster.Train(features, 3, 2, labels, parameters, 0)).ParamName);
        Assert.Throws<ArgumentException>(() => XgbBooster.Load([]));
    }

    [XgboostFact]
    public void Predicting_needs_the_models_number_of_columns()
    {
        var data = XgbTestData.Binary(50);
        using var booster = XgbBooster.Train(data.Features, data.Rows, data.Columns, data.Labels, Binary, 2);

        Assert.Equal(5, booster.Columns);
        Assert.Equal("columns", Assert.Throws<ArgumentException>(() => booster.Predict(new float[8], 2, 4)).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => booster.Predict(new float[9], 2, 5)).ParamName);
    }

    [Fact]
    public void The_missing_library_error_says_what_to_install()
    {
        var error = new XgbUnavailableException();

        Assert.Contains("libxgboost.so.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("not installed", error.Message, StringComparison.Ordinal);
        Assert.Equal("apt-get install libxgboost0 (Debian/Ubuntu)", error.Hint);
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        var max = values[0];
        foreach (var value in values)
            max = Math.Max(max, value);
        return max;
    }

    /// <summary>Reports on the training thread, at once (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class Inline(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
