using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Cauce.Core.Conventions;
using Cauce.Ml.Data.Csv;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Modeling;

namespace Cauce.Serving.Tests.Harness;

/// <summary>What <c>cauce predict</c> wrote for one row: the label and the probability of the positive class.</summary>
public sealed record Scored(string Prediction, float Probability);

/// <summary>
/// One project for the whole suite, made once through the real <c>cauce</c>: a 3,000-row sample of clientes, validated,
/// prepared, split, and rf and lr trained on it. The test split is read back as JSON records (numbers as numbers,
/// booleans as booleans, categories as strings) beside what <c>cauce predict</c> wrote for each row with each model,
/// so an HTTP answer can be checked against the batch path. Two servers run on loopback, on ports the OS chose:
/// <see cref="Server"/> serves rf_clientes_v1 with the default limits, <see cref="Small"/> the same model with 5 rows
/// and 4 KiB a request.
/// </summary>
public sealed class ServedProject : IAsyncLifetime
{
    public const string Test = "data/processed/clientes-test_processed_20250930.csv";
    public const string Target = "abandono";
    public const int SmallMaxRows = 5;
    public const int SmallMaxBytes = 4096;

    public static readonly ModelFileName Rf = new("rf", "clientes", 1);
    public static readonly ModelFileName Lr = new("lr", "clientes", 1);

    private readonly List<PredictionServer> _servers = [];

    public TempFolder Folder { get; } = new TempFolder().AsProject();

    /// <summary>rf's card (lr reads the same features).</summary>
    public ModelCard Card { get; private set; } = null!;

    /// <summary>The test split's rows as records of the model's features, in file order.</summary>
    public IReadOnlyList<JsonObject> Rows { get; private set; } = [];

    /// <summary>Each test row's target as the file has it.</summary>
    public IReadOnlyList<string> Targets { get; private set; } = [];

    /// <summary>What <c>cauce predict</c> wrote for each test row with rf_clientes_v1, and with lr_clientes_v1.</summary>
    public IReadOnlyList<Scored> RfScores { get; private set; } = [];

    public IReadOnlyList<Scored> LrScores { get; private set; } = [];

    public PredictionServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public PredictionServer Small { get; private set; } = null!;

    public HttpClient SmallClient { get; private set; } = null!;

    /// <summary>What the servers this fixture started have logged.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public async Task InitializeAsync()
    {
        File.Copy(Path.Combine(Requirements.RepositoryRoot, "params.yaml"), Folder.Path("params.yaml"));
        foreach (var args in new[]
        {
            new[] { "sample", "clientes", "--rows", "3000", "--seed", "42", "--date", "20250930" },
            ["validate", "clientes"],
            ["prepare", "clientes"],
            ["split", "clientes"],
            ["train", "clientes", "--algo", "rf,lr"],
        })
        {
            await CauceProcess.RunOkAsync(Folder.Root, args);
        }

        // The two scorings are independent processes: run them side by side.
        await Task.WhenAll(
            CauceProcess.RunOkAsync(Folder.Root, "predict", "--model", Rf.Stem, "--input", Test, "--output", "scored/rf.csv"),
            CauceProcess.RunOkAsync(Folder.Root, "predict", "--model", Lr.Stem, "--input", Test, "--output", "scored/lr.csv"));

        Card = new ModelStore(Folder.Root).ReadCard(Rf);
        (Rows, Targets) = ReadRecords(Folder.Path(Test), Card);
        RfScores = ReadScores(Folder.Path("scored/rf.csv"));
        LrScores = ReadScores(Folder.Path("scored/lr.csv"));

        (Server, Client) = await StartAsync(Folder.Root, Rf, alias: null, new PayloadSettings(), Log);
        (Small, SmallClient) = await StartAsync(Folder.Root, Rf, alias: null, new PayloadSettings(MaxRows: SmallMaxRows, MaxBodyBytes: SmallMaxBytes), Log);
    }

    /// <summary>Starts a server on loopback at a port the OS picks, and a client for it; the fixture stops both at the end.</summary>
    public async Task<(PredictionServer Server, HttpClient Client)> StartAsync(string root, ModelFileName model, string? alias, PayloadSettings settings,
        ConcurrentQueue<string> log, TimeSpan? pollInterval = null)
    {
        var server = await PredictionServer.StartAsync(root, model, alias, "http://127.0.0.1:0", settings, "0.1.0", log.Enqueue, pollInterval);
        lock (_servers)
            _servers.Add(server);
        var address = Assert.Single(server.Addresses);
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        Assert.NotEqual("http://127.0.0.1:0", address);
        return (server, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
    }

    /// <summary>A copy of the project (data, models, params), for a test that promotes or breaks models.</summary>
    public TempFolder Copy() => Folder.Copy();

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        SmallClient?.Dispose();
        foreach (var server in _servers)
            await server.DisposeAsync();
        Folder.Dispose();
    }

    /// <summary>Each row's features as a JSON record, typed as the card says; an empty cell is null.</summary>
    private static (IReadOnlyList<JsonObject> Rows, IReadOnlyList<string> Targets) ReadRecords(string path, ModelCard card)
    {
        var input = CsvInput.Open(path, path);
        var columns = card.Features.Select(f => input.IndexOf(f.Name)).ToArray();
        var target = input.IndexOf(card.Target);
        var rows = new List<JsonObject>();
        var targets = new List<string>();
        input.ForEach(row =>
        {
            var record = new JsonObject();
            for (var f = 0; f < columns.Length; f++)
                record[card.Features[f].Name] = Value(card.Features[f].ColumnType, row[columns[f]].ToString());
            rows.Add(record);
            targets.Add(row[target].ToString());
        });
        return (rows, targets);
    }

    private static JsonNode? Value(ColumnType type, string text)
    {
        if (text.Length == 0)
            return null;
        return type switch
        {
            ColumnType.Integer => JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture)),
            ColumnType.Number => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
            ColumnType.Boolean => JsonValue.Create(Values.TryBoolean(text, out var flag) ? flag : throw new FormatException($"'{text}' is not a boolean")),
            _ => JsonValue.Create(text),
        };
    }

    private static IReadOnlyList<Scored> ReadScores(string path)
    {
        var input = CsvInput.Open(path, path);
        var (prediction, probability) = (input.IndexOf("prediction"), input.IndexOf("probability"));
        var scores = new List<Scored>();
        input.ForEach(row => scores.Add(new Scored(row[prediction].ToString(), float.Parse(row[probability], CultureInfo.InvariantCulture))));
        return scores;
    }
}

/// <summary>The tests that share <see cref="ServedProject"/>: one project and two servers for all of them.</summary>
[CollectionDefinition(Name)]
public sealed class ServedCollection : ICollectionFixture<ServedProject>
{
    public const string Name = "served project";
}
