using Cauce.Ml.Modeling;
using Cauce.Ml.Tests.Modeling.Training;

namespace Cauce.Ml.Tests.Modeling.Store;

/// <summary>The run log, .cauce/runs.db: one row per model trained, with what it was trained on and how well it did.</summary>
[Collection(TrainedSamplesCollection.Name)]
public sealed class RunLogTests(TrainedSamples samples)
{
    private static void AssertRecords(ModelCard card, RunRecord run)
    {
        Assert.Equal(card.Name, run.Model);
        Assert.Equal(card.Dataset, run.Dataset);
        Assert.Equal(card.Algo, run.Algo);
        Assert.Equal(card.Task, run.Task);
        Assert.Equal(card.Created, run.Started);
        Assert.Equal(card.Metrics, run.Metrics);
        Assert.Equal(card.Hyperparameters, run.Hyperparameters);
        Assert.Equal(card.Seed, run.Seed);
        Assert.Equal(card.Train.Path, run.TrainPath);
        Assert.Equal(card.Train.Md5, run.TrainMd5);
        Assert.Equal(card.Test?.Path, run.TestPath);
        Assert.Equal(card.Test?.Md5, run.TestMd5);
        Assert.Equal(card.TrainingSeconds, run.Seconds);
        Assert.Equal(card.CauceVersion, run.CauceVersion);
    }

    [Fact]
    public void Each_run_appends_one_row_per_algorithm_with_its_metrics_md5s_seconds_and_model()
    {
        using var project = samples.NewProject();

        var first = project.Run(project.Job(TrainedSamples.Clientes, ["lr", "gbt"]));
        Assert.Equal(2, project.Log.Read().Count);
        var second = project.Run(project.Job(TrainedSamples.Clientes, ["lr", "gbt"]));

        var runs = project.Log.Read();
        Assert.Equal(4, runs.Count);
        Assert.Equal(["lr_clientes_v1", "gbt_clientes_v1", "lr_clientes_v2", "gbt_clientes_v2"], runs.Select(r => r.Model));
        Assert.True(runs.Select(r => r.Id).SequenceEqual(runs.Select(r => r.Id).Order()) && runs.Select(r => r.Id).Distinct().Count() == 4);
        foreach (var (card, run) in first.Concat(second).Zip(runs))
            AssertRecords(card, run);
        Assert.All(runs, r => Assert.Matches("^[0-9a-f]{32}$", r.TrainMd5));
        Assert.All(runs, r => Assert.True(r.Seconds >= 0));
    }

    [Fact]
    public void Read_filters_by_dataset_and_by_algorithm()
    {
        using var project = samples.NewProject();
        project.Run(project.Job(TrainedSamples.Clientes, ["lr", "gbt"]));
        project.Run(project.Job(TrainedSamples.Ventas, ["gbt"]));
        project.Run(project.AdHoc("otro", project.TrainPath(TrainedSamples.Clientes), project.TestPath(TrainedSamples.Clientes), "abandono", null, ["lr"]));

        Assert.Equal(4, project.Log.Read().Count);
        Assert.Equal(["lr_clientes_v1", "gbt_clientes_v1"], project.Log.Read(dataset: "clientes").Select(r => r.Model));
        Assert.Equal(["lr_clientes_v1", "lr_otro_v1"], project.Log.Read(algo: "lr").Select(r => r.Model));
        Assert.Equal(["gbt_clientes_v1", "gbt_ventas_v1"], project.Log.Read(algo: "gbt").Select(r => r.Model));
        Assert.Equal(["gbt_ventas_v1"], project.Log.Read(dataset: "ventas", algo: "gbt").Select(r => r.Model));
        Assert.Empty(project.Log.Read(dataset: "ventas", algo: "lr"));
        Assert.Empty(project.Log.Read(dataset: "pedidos"));
    }

    [Fact]
    public void The_log_is_the_sqlite_file_dot_cauce_runs_db()
    {
        using var project = samples.NewProject();
        Assert.Empty(project.Log.Read());
        Assert.False(project.Folder.Exists(".cauce/runs.db"), "reading an absent log must not create it");

        project.Run(project.Job(TrainedSamples.Clientes, ["lr"]));

        Assert.Equal(Path.Combine(project.Root, ".cauce", "runs.db"), project.Log.Path);
        Assert.True(project.Folder.Exists(".cauce/runs.db"));
        Assert.Equal("SQLite format 3\0"u8.ToArray(), File.ReadAllBytes(project.Folder.Path(".cauce/runs.db")).Take(16));
        Assert.Equal(["runs.db"], Directory.EnumerateFiles(project.Folder.Path(".cauce")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_refused_job_appends_nothing()
    {
        using var project = samples.NewProject();

        Assert.ThrowsAny<Core.Errors.CauceException>(() => project.Run(project.Job(TrainedSamples.Clientes, ["lr", "knn"])));

        Assert.Empty(project.Log.Read());
    }
}
