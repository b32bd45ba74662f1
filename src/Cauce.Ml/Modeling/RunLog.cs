using System.Globalization;
using System.Text.Json;
using Cauce.Core.Workspace;
using Cauce.Ml.Reporting;
using Microsoft.Data.Sqlite;

namespace Cauce.Ml.Modeling;

/// <summary>One training run as the run log keeps it.</summary>
public sealed record RunRecord(
    long Id,
    string Started,
    string Dataset,
    string Algo,
    string Task,
    string Model,
    IReadOnlyDictionary<string, double> Hyperparameters,
    int Seed,
    string TrainPath,
    string TrainMd5,
    string? TestPath,
    string? TestMd5,
    IReadOnlyDictionary<string, double> Metrics,
    double Seconds,
    string CauceVersion);

/// <summary>
/// The run log, <c>.cauce/runs.db</c>: a SQLite file to which every training run appends its settings, metrics,
/// data MD5s, duration and model file, so runs can be compared and traced back to the data they came from.
/// Per machine and git-ignored, like DVC's own state; the model cards in <c>models/</c> are the tracked record.
/// </summary>
public sealed class RunLog(string projectRoot)
{
    public const string FileName = "runs.db";

    public string Path { get; } = System.IO.Path.Combine(projectRoot, ProjectLayout.CauceFolder, FileName);

    public void Append(ModelCard card)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO runs (started, dataset, algo, task, model, hyperparameters, seed, train_path, train_md5, test_path, test_md5, metrics, seconds, cauce_version)
            VALUES ($started, $dataset, $algo, $task, $model, $hyperparameters, $seed, $train_path, $train_md5, $test_path, $test_md5, $metrics, $seconds, $cauce_version)
            """;
        command.Parameters.AddWithValue("$started", card.Created);
        command.Parameters.AddWithValue("$dataset", card.Dataset);
        command.Parameters.AddWithValue("$algo", card.Algo);
        command.Parameters.AddWithValue("$task", card.Task);
        command.Parameters.AddWithValue("$model", card.Name);
        command.Parameters.AddWithValue("$hyperparameters", JsonSerializer.Serialize(card.Hyperparameters, ReportJson.Options));
        command.Parameters.AddWithValue("$seed", card.Seed);
        command.Parameters.AddWithValue("$train_path", card.Train.Path);
        command.Parameters.AddWithValue("$train_md5", card.Train.Md5);
        command.Parameters.AddWithValue("$test_path", (object?)card.Test?.Path ?? DBNull.Value);
        command.Parameters.AddWithValue("$test_md5", (object?)card.Test?.Md5 ?? DBNull.Value);
        command.Parameters.AddWithValue("$metrics", JsonSerializer.Serialize(card.Metrics, ReportJson.Options));
        command.Parameters.AddWithValue("$seconds", card.TrainingSeconds);
        command.Parameters.AddWithValue("$cauce_version", card.CauceVersion);
        command.ExecuteNonQuery();
    }

    /// <summary>The runs, oldest first, optionally of one dataset and algorithm.</summary>
    public IReadOnlyList<RunRecord> Read(string? dataset = null, string? algo = null)
    {
        if (!File.Exists(Path))
            return [];
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, started, dataset, algo, task, model, hyperparameters, seed, train_path, train_md5, test_path, test_md5, metrics, seconds, cauce_version
            FROM runs WHERE ($dataset IS NULL OR dataset = $dataset) AND ($algo IS NULL OR algo = $algo) ORDER BY id
            """;
        command.Parameters.AddWithValue("$dataset", (object?)dataset ?? DBNull.Value);
        command.Parameters.AddWithValue("$algo", (object?)algo ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var runs = new List<RunRecord>();
        while (reader.Read())
        {
            runs.Add(new RunRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                Numbers(reader.GetString(6)), reader.GetInt32(7), reader.GetString(8), reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                Numbers(reader.GetString(12)), reader.GetDouble(13), reader.GetString(14)));
        }

        return runs;
    }

    private SqliteConnection Open()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        using var schema = connection.CreateCommand();
        schema.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS runs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                started TEXT NOT NULL,
                dataset TEXT NOT NULL,
                algo TEXT NOT NULL,
                task TEXT NOT NULL,
                model TEXT NOT NULL,
                hyperparameters TEXT NOT NULL,
                seed INTEGER NOT NULL,
                train_path TEXT NOT NULL,
                train_md5 TEXT NOT NULL,
                test_path TEXT,
                test_md5 TEXT,
                metrics TEXT NOT NULL,
                seconds REAL NOT NULL,
                cauce_version TEXT NOT NULL);
            """;
        schema.ExecuteNonQuery();
        return connection;
    }

    private static IReadOnlyDictionary<string, double> Numbers(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, double>>(json, ReportJson.Options) ?? [];

    internal static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
