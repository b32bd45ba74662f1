using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Cauce.Serving.Tests.Harness;

namespace Cauce.Serving.Tests.Cli;

/// <summary><c>cauce serve</c> as a user runs it: its usage errors, a port taken, and a real service stopped by SIGTERM.</summary>
[Collection(ServedCollection.Name)]
public sealed partial class ServeCommandTests(ServedProject project)
{
    private Task<CauceRun> Cauce(params string[] args) => CauceProcess.RunAsync(project.Folder.Root, args);

    [Theory]
    [InlineData("ftp://127.0.0.1:8080")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:8080;nonsense")]
    public async Task Serve_with_a_bad_urls_is_a_usage_error(string urls)
    {
        var run = await Cauce("serve", "--model", "rf_clientes_v1", "--urls", urls);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error: --urls '", run.Err, StringComparison.Ordinal);
        Assert.Contains("hint: ", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--model", "rf_clientes_v1", "--alias", "production")]
    public async Task Serve_needs_exactly_one_of_model_and_alias(params string[] args)
    {
        var run = await Cauce(["serve", .. args]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error: name the model with --model or --alias", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_an_alias_no_model_holds_fails_saying_how_to_promote_one()
    {
        var run = await Cauce("serve", "--alias", "staging");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error: no model is staging", run.Err, StringComparison.Ordinal);
        Assert.Contains("cauce models promote", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_on_a_port_in_use_fails_saying_so()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await Cauce("serve", "--model", "rf_clientes_v1", "--urls", $"http://127.0.0.1:{port}");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"error: cannot listen on http://127.0.0.1:{port}", run.Err, StringComparison.Ordinal);
        Assert.Contains("hint: choose a free port", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_answers_over_http_until_sigterm_then_stops_with_exit_0()
    {
        using var serve = CauceProcess.Start(project.Folder.Root, "serve", "--model", "rf_clientes_v1", "--urls", "http://127.0.0.1:0");
        var serving = await serve.WaitForLineAsync(line => line.Contains("serving", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var address = Address().Match(serving);
        Assert.True(address.Success, serving);
        using var client = new HttpClient { BaseAddress = new Uri(address.Value) };

        var health = Http.AssertOk(await client.GetAnswerAsync("/health"));
        var predictions = Http.AssertOk(await client.PostAsync("/predict", Http.Records(project.Rows.Take(5))));
        var exit = await serve.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("rf_clientes_v1", health["model"]!.GetValue<string>());
        Assert.Equal(project.RfScores.Take(5), PredictEndpointTests.Predictions(predictions));
        Assert.True(exit == 0, $"exit {exit}\n{serve.Out}\n{serve.Err}");
        Assert.Contains("stopped", serve.Out, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:[1-9]\d*")]
    private static partial Regex Address();
}
