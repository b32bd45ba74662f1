using System.IO.Compression;
using System.Security.Cryptography;
using Cauce.Ml.Modeling;
using Cauce.Ml.Tests.Modeling.XgBoost;
using Xunit.Abstractions;

namespace Cauce.Ml.Tests.Modeling.Training;

/// <summary>The same data, settings and seed give the same model: the same metrics, the same scores, bit for bit.</summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class DeterminismTests(TrainedSamples samples, ITestOutputHelper output)
{
    private void TrainingTwiceGivesTheSameModel(string dataset, string algo, string? target = null)
    {
        var first = samples.Trained(dataset, algo, target);
        var second = samples.TrainAgain(dataset, algo, target);
        using var model = second.Model;

        Assert.Equal(first.Metrics, second.Metrics);
        Assert.Equal(first.Engine, second.Engine);
        var expected = samples.ScoreTest(first.Model, dataset);
        var actual = samples.ScoreTest(model, dataset);
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Classes, actual.Classes);
        Assert.True(expected.Values.SequenceEqual(actual.Values), $"{algo} on {dataset}: {Differences(expected.Values, actual.Values)}");
    }

    private static string Differences(double[] expected, double[] actual)
    {
        var differing = expected.Zip(actual).Select((pair, i) => (pair.First, pair.Second, i)).Where(d => d.First != d.Second).ToList();
        return differing.Count == 0
            ? "same values"
            : $"{differing.Count} of {expected.Length} scores differ, the first at {differing[0].i}: {differing[0].First:R} vs {differing[0].Second:R}";
    }

    [Theory]
    [MemberData(nameof(TrainedSamples.ExportableModels), MemberType = typeof(TrainedSamples))]
    public void Training_twice_gives_identical_metrics_and_scores(string dataset, string algo) => TrainingTwiceGivesTheSameModel(dataset, algo);

    [Theory]
    [InlineData("lr")]
    [InlineData("rf")]
    public void Training_a_multiclass_model_twice_gives_identical_metrics_and_scores(string algo) =>
        TrainingTwiceGivesTheSameModel(TrainedSamples.Clientes, algo, TrainedSamples.MulticlassTarget);

    [XgboostFact]
    public void Training_xgb_twice_gives_identical_metrics_and_scores()
    {
        TrainingTwiceGivesTheSameModel(TrainedSamples.Clientes, "xgb");
        TrainingTwiceGivesTheSameModel(TrainedSamples.Ventas, "xgb");
    }

    [Fact]
    public void A_second_job_run_writes_v2_with_the_same_metrics_and_bytes_and_leaves_v1_untouched() =>
        RunTwice(["lr", "gbt", "rf", "lgbm", "svm"]);

    [XgboostFact]
    public void A_second_xgb_job_run_writes_v2_with_the_same_metrics_and_bytes_and_leaves_v1_untouched() =>
        RunTwice(["xgb"]);

    private void RunTwice(string[] algos)
    {
        using var project = samples.NewProject();
        var settings = new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["rf"] = new Dictionary<string, double> { ["trees"] = 20 },
            ["lgbm"] = new Dictionary<string, double> { ["rounds"] = 30 },
            ["xgb"] = new Dictionary<string, double> { ["rounds"] = 30 },
        };

        var first = project.Run(project.Job(TrainedSamples.Clientes, algos, settings));
        var afterFirst = project.Models();
        var second = project.Run(project.Job(TrainedSamples.Clientes, algos, settings));
        var afterSecond = project.Models();

        Assert.Equal(algos.Select(a => $"{a}_clientes_v1"), first.Select(c => c.Name));
        Assert.Equal(algos.Select(a => $"{a}_clientes_v2"), second.Select(c => c.Name));
        Assert.Equal(algos.SelectMany(a => new[] { $"{a}_clientes_v1.json", $"{a}_clientes_v1.zip" }).Order(StringComparer.Ordinal), afterFirst.Keys);
        foreach (var (file, bytes) in afterFirst)
            Assert.True(bytes.AsSpan().SequenceEqual(afterSecond[file]), $"{file} changed when v2 was written");
        foreach (var (v1, v2) in first.Zip(second))
        {
            Assert.Equal(v1.Metrics, v2.Metrics);
            Assert.Equal(v1.Train, v2.Train);
            Assert.Equal(v1.Test, v2.Test);
            Assert.Equal(v1.Hyperparameters, v2.Hyperparameters);
            Assert.Equal(2, v2.Version);
        }

        // The writer fixes every entry's timestamp, so the same model is the same file: v1 and v2 match byte for byte.
        foreach (var algo in algos)
        {
            var one = afterSecond[$"{algo}_clientes_v1.zip"];
            var two = afterSecond[$"{algo}_clientes_v2.zip"];
            output.WriteLine($"{algo}: v1.zip {one.Length:N0} bytes, v2.zip {two.Length:N0} bytes, identical: {one.AsSpan().SequenceEqual(two)}");
            Assert.True(one.AsSpan().SequenceEqual(two), $"{algo}_clientes_v1.zip and _v2.zip differ; entries that differ: {string.Join(", ", DifferingEntries(one, two))}");
        }
    }

    /// <summary>The zip entries whose content, time or presence differ between two archives.</summary>
    internal static IReadOnlyList<string> DifferingEntries(byte[] one, byte[] two)
    {
        static Dictionary<string, (string Hash, DateTimeOffset Time)> Read(byte[] bytes)
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            return zip.Entries.ToDictionary(e => e.FullName, e =>
            {
                using var stream = e.Open();
                return (Convert.ToHexStringLower(SHA256.HashData(stream)), e.LastWriteTime);
            });
        }

        var a = Read(one);
        var b = Read(two);
        var names = a.Keys.Union(b.Keys).Order(StringComparer.Ordinal);
        var differing = names.Where(n => !a.TryGetValue(n, out var x) || !b.TryGetValue(n, out var y) || x != y).ToList();
        return differing.Count > 0 ? differing : ["(no entry differs in content or time: the archive bytes themselves do)"];
    }
}
