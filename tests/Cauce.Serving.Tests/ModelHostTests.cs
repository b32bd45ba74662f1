using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using Cauce.Ml.Modeling;
using Cauce.Serving.Tests.Harness;

namespace Cauce.Serving.Tests;

/// <summary>
/// Serving an alias: promoting another model swaps it in while requests keep coming, none dropped; a model that
/// cannot be loaded is reported and the one being served kept. Each test serves a copy of the project, since it
/// promotes and breaks models.
/// </summary>
[Collection(ServedCollection.Name)]
public sealed class ModelHostTests(ServedProject project) : IDisposable
{
    private const string Alias = "production";
    private const int Rows = 8;

    private readonly TempFolder _copy = project.Copy();
    private readonly ConcurrentQueue<string> _log = new();

    public void Dispose() => _copy.Dispose();

    private ModelRegistry Registry => new(_copy.Root);

    /// <summary>A server following the alias, which (unless the poll is given) only looks again when told to Refresh.</summary>
    private async Task<(PredictionServer Server, HttpClient Client)> ServeAliasAsync(TimeSpan? poll = null)
    {
        Registry.Promote(ServedProject.Rf, Alias);
        return await project.StartAsync(_copy.Root, ServedProject.Rf, Alias, new PayloadSettings(), _log, poll ?? TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Promoting_another_model_to_the_served_alias_swaps_it_in_without_dropping_requests()
    {
        var (server, client) = await ServeAliasAsync();
        Assert.Equal("rf_clientes_v1", Http.AssertOk(await client.GetAnswerAsync("/health"))["model"]!.GetValue<string>());
        var records = Http.Records(project.Rows.Take(Rows)).ToJsonString();
        var expected = new Dictionary<string, IReadOnlyList<Scored>>
        {
            ["rf_clientes_v1"] = [.. project.RfScores.Take(Rows)],
            ["lr_clientes_v1"] = [.. project.LrScores.Take(Rows)],
        };
        Assert.NotEqual(expected["rf_clientes_v1"], expected["lr_clientes_v1"]);

        var swapped = 0;
        using var stop = new CancellationTokenSource();
        var answers = new ConcurrentQueue<(bool SentAfterSwap, Answer Answer)>();
        var failures = new ConcurrentQueue<string>();
        var clients = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var afterSwap = Volatile.Read(ref swapped) == 1;
                try
                {
                    answers.Enqueue((afterSwap, await client.PostAsync("/predict", records)));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failures.Enqueue(e.ToString());
                }
            }
        })).ToList();

        await Until(() => answers.Count >= 40);
        Registry.Promote(ServedProject.Lr, Alias);
        Assert.True(server.Refresh(), string.Join('\n', _log));
        Volatile.Write(ref swapped, 1);
        await Until(() => answers.Count(a => a.SentAfterSwap) >= 40);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.All(answers, a => Assert.True(a.Answer.Status == HttpStatusCode.OK, a.Answer.ToString()));
        var served = answers.Select(a => (a.SentAfterSwap, Model: a.Answer.Json["model"]!.GetValue<string>(), Scores: PredictEndpointTests.Predictions(a.Answer.Json))).ToList();
        Assert.All(served, a => Assert.Equal(expected[a.Model], a.Scores));
        Assert.Contains(served, a => a.Model == "rf_clientes_v1");
        Assert.All(served.Where(a => a.SentAfterSwap), a => Assert.Equal("lr_clientes_v1", a.Model));
        Assert.Equal("lr_clientes_v1", Http.AssertOk(await client.GetAnswerAsync("/health"))["model"]!.GetValue<string>());
        Assert.Equal("lr_clientes_v1", Http.AssertOk(await client.GetAnswerAsync("/model"))["name"]!.GetValue<string>());
        Assert.Equal("lr_clientes_v1", server.ModelName);
        Assert.Contains("now serving lr_clientes_v1 (was rf_clientes_v1)", _log);
        Assert.False(server.Refresh(), "nothing more to swap");
    }

    [Fact]
    public async Task The_poll_swaps_in_a_promoted_model_on_its_own()
    {
        var (_, client) = await ServeAliasAsync(poll: TimeSpan.FromMilliseconds(100));

        // A failed load in the poll is reported, and the poll goes on.
        Registry.Promote(new Cauce.Core.Conventions.ModelFileName("rf", "clientes", 9), Alias);
        await Until(() => _log.Any(line => line.StartsWith("keeping rf_clientes_v1: ", StringComparison.Ordinal)));
        Registry.Promote(ServedProject.Lr, Alias);

        await Until(async () => Http.AssertOk(await client.GetAnswerAsync("/health"))["model"]!.GetValue<string>() == "lr_clientes_v1");
        var answer = Http.AssertOk(await client.PostAsync("/predict", Http.Records(project.Rows.Take(Rows))));
        Assert.Equal(project.LrScores.Take(Rows), PredictEndpointTests.Predictions(answer));
    }

    [Theory]
    [InlineData("a zip that is not a zip")]
    [InlineData("a zip without a model in it")]
    [InlineData("a model file cut short")]
    [InlineData("no card beside it")]
    [InlineData("a card that is not JSON")]
    [InlineData("no model file at all")]
    public async Task A_promoted_model_that_fails_to_load_is_reported_and_the_served_one_kept(string broken)
    {
        var (server, client) = await ServeAliasAsync();
        var v2 = new Cauce.Core.Conventions.ModelFileName("rf", "clientes", 2);
        Break(v2, broken);

        Registry.Promote(v2, Alias);

        Assert.False(server.Refresh());
        Assert.Contains(_log, line => line.StartsWith("keeping rf_clientes_v1: ", StringComparison.Ordinal) && line.Contains("rf_clientes_v2", StringComparison.Ordinal));
        Assert.Equal("rf_clientes_v1", Http.AssertOk(await client.GetAnswerAsync("/health"))["model"]!.GetValue<string>());
        var answer = Http.AssertOk(await client.PostAsync("/predict", Http.Records(project.Rows.Take(Rows))));
        Assert.Equal(project.RfScores.Take(Rows), PredictEndpointTests.Predictions(answer));

        // The same problem is reported once, not at every poll; a model that loads is then swapped in.
        Assert.False(server.Refresh());
        Assert.Single(_log, line => line.StartsWith("keeping", StringComparison.Ordinal));
        Registry.Promote(ServedProject.Lr, Alias);
        Assert.True(server.Refresh());
        Assert.Equal("lr_clientes_v1", server.ModelName);
    }

    private void Break(Cauce.Core.Conventions.ModelFileName model, string how)
    {
        var zip = _copy.Path(model.RelativePath);
        var card = _copy.Path(model.As(Cauce.Core.Conventions.ModelArtifact.Card).RelativePath);
        var goodCard = _copy.Read("models/rf_clientes_v1.json").Replace("rf_clientes_v1", "rf_clientes_v2", StringComparison.Ordinal);
        switch (how)
        {
            case "a zip that is not a zip":
                File.WriteAllText(zip, "not a zip");
                File.WriteAllText(card, goodCard);
                break;
            case "a zip without a model in it":
                using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
                {
                    using var writer = new StreamWriter(archive.CreateEntry("notes.txt").Open());
                    writer.Write("no model here");
                }

                File.WriteAllText(card, goodCard);
                break;
            case "a model file cut short":
                var bytes = File.ReadAllBytes(_copy.Path("models/rf_clientes_v1.zip"));
                File.WriteAllBytes(zip, bytes[..(bytes.Length / 2)]);
                File.WriteAllText(card, goodCard);
                break;
            case "no card beside it":
                File.Copy(_copy.Path("models/rf_clientes_v1.zip"), zip);
                break;
            case "a card that is not JSON":
                File.Copy(_copy.Path("models/rf_clientes_v1.zip"), zip);
                File.WriteAllText(card, "{ not json");
                break;
            case "no model file at all":
                break;
            default:
                throw new ArgumentException(how);
        }
    }

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    private static async Task Until(Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "timed out waiting");
            await Task.Delay(20);
        }
    }
}
