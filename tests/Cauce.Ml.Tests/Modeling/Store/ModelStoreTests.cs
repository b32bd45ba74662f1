using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Ml.Modeling;
using Cauce.Ml.Tests.Modeling.Training;

namespace Cauce.Ml.Tests.Modeling.Store;

/// <summary>Version numbers in models/ without training anything: files named by the convention, and files that are not.</summary>
public sealed class ModelStoreVersionTests : IDisposable
{
    private readonly TempFolder _project = new TempFolder().AsProject();

    public void Dispose() => _project.Dispose();

    private ModelStore Store => new(_project.Root);

    [Fact]
    public void The_first_version_is_1_and_there_is_no_models_folder_yet()
    {
        Assert.Equal(1, Store.NextVersion("rf", "clientes"));
        Assert.Empty(Store.All());
        Assert.False(_project.Exists("models"));
    }

    [Fact]
    public void Next_version_after_v1_and_v2_is_v3()
    {
        _project.Write("models/rf_clientes_v1.zip").Write("models/rf_clientes_v1.json").Write("models/rf_clientes_v2.zip").Write("models/rf_clientes_v2.json");

        Assert.Equal(3, Store.NextVersion("rf", "clientes"));
    }

    [Fact]
    public void Next_version_is_the_highest_plus_one_not_the_count_plus_one()
    {
        _project.Write("models/rf_clientes_v1.zip").Write("models/rf_clientes_v7.zip");

        Assert.Equal(8, Store.NextVersion("rf", "clientes"));
    }

    [Fact]
    public void Next_version_ignores_other_algorithms_other_datasets_and_files_outside_the_convention()
    {
        _project
            .Write("models/rf_clientes_v1.zip")
            .Write("models/rf_clientes_v2.zip")
            .Write("models/lr_clientes_v9.zip")
            .Write("models/rf_ventas_v8.zip")
            .Write("models/rf_clientes-train_v6.zip")
            .Write("models/rf_clientes_v05.zip")
            .Write("models/rf_clientes_v0.zip")
            .Write("models/rf_clientes_final.zip")
            .Write("models/RF_clientes_v7.zip")
            .Write("models/knn_clientes_v7.zip")
            .Write("models/rf_clientes_v7.zip.bak")
            .Write("models/rf_clientes_v7.onnx")
            .Write("models/rf_clientes_v7.pkl")
            .Write("models/viejos/rf_clientes_v9.zip")
            .Write("models/notas.txt");

        Assert.Equal(3, Store.NextVersion("rf", "clientes"));
        Assert.Equal(10, Store.NextVersion("lr", "clientes"));
        Assert.Equal(9, Store.NextVersion("rf", "ventas"));
        Assert.Equal(1, Store.NextVersion("gbt", "clientes"));
    }

    [Fact]
    public void All_lists_the_conventional_zips_by_dataset_algo_and_version()
    {
        _project.Write("models/rf_clientes_v10.zip").Write("models/rf_clientes_v2.zip").Write("models/lr_clientes_v1.zip").Write("models/gbt_ventas_v1.zip").Write("models/otro.zip");

        Assert.Equal(["lr_clientes_v1.zip", "rf_clientes_v2.zip", "rf_clientes_v10.zip", "gbt_ventas_v1.zip"], Store.All().Select(m => m.FileName));
    }

    [Fact]
    public void Reading_a_broken_card_names_the_file()
    {
        _project.Write("models/rf_clientes_v1.zip").Write("models/rf_clientes_v1.json", "{ \"name\": \"rf_clientes_v1\", ");

        var error = Assert.Throws<DataFileException>(() => Store.ReadCard(ModelFileName.Parse("rf_clientes_v1.zip")));

        Assert.Equal("models/rf_clientes_v1.json", error.FilePath);
        Assert.StartsWith("models/rf_clientes_v1.json: is not a model card", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCode.Failure, error.ExitCode);
        Assert.NotNull(error.Hint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    [InlineData("{\"name\": \"rf_clientes_v1\"}")]
    public void Reading_a_card_that_is_not_one_names_the_file(string content)
    {
        _project.Write("models/rf_clientes_v1.json", content);

        var error = Assert.Throws<DataFileException>(() => Store.ReadCard(ModelFileName.Parse("rf_clientes_v1.zip")));

        Assert.Equal("models/rf_clientes_v1.json", error.FilePath);
    }

    [Fact]
    public void Reading_a_missing_card_says_every_model_needs_one()
    {
        _project.Write("models/rf_clientes_v1.zip");

        var error = Assert.Throws<DataFileException>(() => Store.ReadCard(ModelFileName.Parse("rf_clientes_v1.zip")));

        Assert.Equal("models/rf_clientes_v1.json", error.FilePath);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>Pinned versions (params.yaml's <c>train.versions</c>): written exactly, and only over a model trained the same way.</summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class PinnedVersionTests(TrainedSamples samples)
{
    private static readonly Dictionary<string, int> PinV1 = new() { ["rf"] = 1 };

    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Trees(int trees) => SampleProject.Settings("rf", ("trees", trees));

    [Fact]
    public void A_pinned_version_writes_exactly_that_version_even_when_v3_exists()
    {
        using var project = samples.NewProject();
        project.Folder.Write("models/rf_clientes_v2.zip", "old v2").Write("models/rf_clientes_v3.zip", "old v3");

        var card = Assert.Single(project.Run(project.Job(TrainedSamples.Clientes, ["rf"], Trees(5), PinV1)));

        Assert.Equal("rf_clientes_v1", card.Name);
        Assert.Equal(1, card.Version);
        Assert.Equal(["rf_clientes_v1.json", "rf_clientes_v1.zip", "rf_clientes_v2.zip", "rf_clientes_v3.zip"], project.Models().Keys);
        Assert.Equal("old v3", project.Folder.Read("models/rf_clientes_v3.zip"));
    }

    [Fact]
    public void Rerunning_the_same_pinned_job_succeeds_and_keeps_one_version()
    {
        using var project = samples.NewProject();
        var first = Assert.Single(project.Run(project.Job(TrainedSamples.Clientes, ["rf"], Trees(5), PinV1)));
        var zip = project.Models()["rf_clientes_v1.zip"];

        var second = Assert.Single(project.Run(project.Job(TrainedSamples.Clientes, ["rf"], Trees(5), PinV1)));

        Assert.Equal("rf_clientes_v1", second.Name);
        Assert.Equal(first.Metrics, second.Metrics);
        Assert.Equal(["rf_clientes_v1.json", "rf_clientes_v1.zip"], project.Models().Keys);
        Assert.Equal(zip, project.Models()["rf_clientes_v1.zip"]);
    }

    [Fact]
    public void A_pinned_job_with_other_settings_is_refused_and_leaves_v1_untouched()
    {
        using var project = samples.NewProject();
        project.Run(project.Job(TrainedSamples.Clientes, ["rf"], Trees(5), PinV1));
        var before = project.Models();

        var error = Assert.Throws<CauceException>(() => project.Run(project.Job(TrainedSamples.Clientes, ["rf"], Trees(6), PinV1)));

        Assert.Equal(ExitCode.Failure, error.ExitCode);
        Assert.Contains("models/rf_clientes_v1.zip exists and was trained on other data or settings", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
        AssertUnchanged(before, project.Models());
        Assert.Single(project.Log.Read());
    }

    [Fact]
    public void A_pinned_job_on_other_data_is_refused_and_leaves_v1_untouched()
    {
        using var project = samples.NewProject();
        project.Run(project.Job(TrainedSamples.Clientes, ["rf"], Trees(5), PinV1));
        var before = project.Models();
        var train = project.Folder.Path(project.TrainPath(TrainedSamples.Clientes));
        File.WriteAllLines(train, File.ReadAllLines(train).SkipLast(10));

        var error = Assert.Throws<CauceException>(() => project.Run(project.Job(TrainedSamples.Clientes, ["rf"], Trees(5), PinV1)));

        Assert.Contains("models/rf_clientes_v1.zip exists and was trained on other data or settings", error.Message, StringComparison.Ordinal);
        AssertUnchanged(before, project.Models());
    }

    [Fact]
    public void A_pinned_job_with_another_seed_is_refused()
    {
        using var project = samples.NewProject();
        project.Run(project.Job(TrainedSamples.Clientes, ["rf"], Trees(5), PinV1));
        var before = project.Models();
        var reseeded = project.Job(TrainedSamples.Clientes, ["rf"], Trees(5), PinV1) with { Seed = 7 };

        Assert.Throws<CauceException>(() => project.Run(reseeded));

        AssertUnchanged(before, project.Models());
    }

    [Fact]
    public void A_pinned_conflict_is_refused_before_any_algorithm_of_the_job_trains()
    {
        // TrainingJob.Run promises to check everything before training anything; a refused job must not leave
        // half its models (and run-log rows) behind.
        using var project = samples.NewProject();
        project.Run(project.Job(TrainedSamples.Clientes, ["rf"], Trees(5), PinV1));
        var before = project.Models();

        Assert.Throws<CauceException>(() => project.Run(project.Job(TrainedSamples.Clientes, ["lr", "rf"], Trees(6), PinV1)));

        AssertUnchanged(before, project.Models());
        Assert.Single(project.Log.Read());
    }

    [Fact]
    public void Unpinned_algorithms_of_the_same_job_still_get_the_next_version()
    {
        using var project = samples.NewProject();
        project.Folder.Write("models/lr_clientes_v4.zip", "old");

        var cards = project.Run(project.Job(TrainedSamples.Clientes, ["rf", "lr"], Trees(5), PinV1));

        Assert.Equal(["rf_clientes_v1", "lr_clientes_v5"], cards.Select(c => c.Name));
    }

    private static void AssertUnchanged(SortedDictionary<string, byte[]> before, SortedDictionary<string, byte[]> after)
    {
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (file, bytes) in before)
            Assert.True(bytes.AsSpan().SequenceEqual(after[file]), $"{file} changed");
    }
}
