using System.Net;
using System.Text.Json;
using Cauce.Core.Errors;
using Cauce.Ml;
using Cauce.Ml.Inference;
using Cauce.Ml.Modeling;
using Cauce.Ml.Reporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cauce.Serving;

/// <summary>Limits and strictness of the service.</summary>
/// <param name="MaxRows">Rows a request may carry.</param>
/// <param name="MaxBodyBytes">Bytes a request body may have.</param>
/// <param name="AllowExtra">Ignore columns the model does not read instead of refusing the payload.</param>
/// <param name="AllowUnseen">Score category labels never seen in training instead of refusing them.</param>
public sealed record PayloadSettings(int MaxRows = 10_000, long MaxBodyBytes = 4 * 1024 * 1024, bool AllowExtra = false, bool AllowUnseen = false)
{
    internal PayloadRules Rules => new(MaxRows, AllowExtra, AllowUnseen);
}

/// <summary>
/// The HTTP prediction service: an ASP.NET Core minimal API on Kestrel. <c>POST /predict</c> takes records and
/// answers predictions; <c>POST /invocations</c> takes MLflow's <c>dataframe_split</c> and <c>dataframe_records</c>
/// payloads and answers as an MLflow model server does, so MLflow clients work unchanged; <c>GET /health</c> (and
/// MLflow's <c>/ping</c>), <c>GET /model</c> (the card), <c>GET /openapi.json</c>. A payload that cannot be scored
/// gets 400 with RFC 9457 problem details naming the field; too many rows or bytes 413; not JSON 415 — never a 500.
/// </summary>
public sealed class PredictionServer : IAsyncDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly ModelHost _host;
    private readonly PayloadSettings _settings;
    private readonly string _version;

    private PredictionServer(WebApplication app, ModelHost host, PayloadSettings settings, string version)
    {
        _app = app;
        _host = host;
        _settings = settings;
        _version = version;
    }

    /// <summary>The addresses the server listens on (with the real port when it was asked for port 0).</summary>
    public IReadOnlyList<string> Addresses => [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses];

    /// <summary>The model now served.</summary>
    public string ModelName
    {
        get
        {
            var served = _host.Acquire();
            try
            {
                return served.Name.Stem;
            }
            finally
            {
                served.Release();
            }
        }
    }

    /// <summary>Checks the alias now, rather than at the next poll; true when another model was swapped in.</summary>
    public bool Refresh() => _host.Refresh();

    /// <summary>
    /// Loads the model and starts listening on <paramref name="urls"/>. With <paramref name="alias"/>, follows it:
    /// promoting another model to that alias swaps it in within <paramref name="pollInterval"/>.
    /// </summary>
    public static async Task<PredictionServer> StartAsync(string projectRoot, Core.Conventions.ModelFileName model, string? alias, string urls,
        PayloadSettings settings, string version, Action<string> log, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var store = new ModelStore(projectRoot);
        var registry = new ModelRegistry(projectRoot);
        var host = new ModelHost(
            () => alias is null ? model : store.Resolve(registry.Find(alias, model.Dataset).Stem, projectRoot),
            store.Load,
            follow: alias is not null,
            pollInterval ?? TimeSpan.FromSeconds(1),
            log);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = projectRoot, ApplicationName = "Cauce.Serving" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxBodyBytes;
        });
        builder.Services.AddSingleton<IHostLifetime, NoSignals>();
        var app = builder.Build();
        var server = new PredictionServer(app, host, settings, version);
        server.Map(log);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            host.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw new CauceException($"cannot listen on {urls}: {e.Message}", "choose a free port with --urls http://127.0.0.1:PORT");
        }

        return server;
    }

    private void Map(Action<string> log)
    {
        _app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException && !context.Response.HasStarted)
            {
                log($"error: {context.Request.Method} {context.Request.Path}: {e.GetType().Name}: {e.Message}");
                await Problem(context, HttpStatusCode.InternalServerError, "The server failed to score the payload", "the error is in the server's log").ConfigureAwait(false);
            }
        });
        _app.MapPost("/predict", context => Score(context, mlflow: false));
        _app.MapPost("/invocations", context => Score(context, mlflow: true));
        _app.MapGet("/health", context => WithModel(context, (served, writer) =>
        {
            writer.WriteString("status", "ok");
            writer.WriteString("model", served.Name.Stem);
            writer.WriteString("task", served.Card.Task);
        }));
        _app.MapGet("/ping", context => WithModel(context, (_, writer) => writer.WriteString("status", "ok")));
        _app.MapGet("/model", context => Json(context, served => ReportJson.Serialize(served.Card)));
        _app.MapGet("/openapi.json", context => Json(context, served => OpenApiDocument.For(served.Card, _settings, _version).ToJsonString(ReportJson.Options)));
    }

    private async Task Score(HttpContext context, bool mlflow)
    {
        if (context.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await Problem(context, HttpStatusCode.UnsupportedMediaType, "The payload must be JSON",
                $"send Content-Type: application/json (got {(context.Request.ContentType is null ? "none" : $"'{context.Request.ContentType}'")})").ConfigureAwait(false);
            return;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await Problem(context, HttpStatusCode.BadRequest, "The payload is not valid JSON",
                e.LineNumber is null ? e.Message : $"at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}").ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Problem(context, HttpStatusCode.RequestEntityTooLarge, "The payload is too large", $"this server takes at most {_settings.MaxBodyBytes:N0} bytes a request").ConfigureAwait(false);
            return;
        }

        using (document)
        {
            var served = _host.Acquire();
            try
            {
                FeatureBatch batch;
                string rows;
                try
                {
                    (batch, rows) = Read(document.RootElement, served, mlflow);
                }
                catch (PayloadException e)
                {
                    await Problem(context, HttpStatusCode.BadRequest, "The payload cannot be scored", $"{e.Field}: {e.Message}", e.Field).ConfigureAwait(false);
                    return;
                }
                catch (TooManyRowsException e)
                {
                    await Problem(context, HttpStatusCode.RequestEntityTooLarge, "The payload has too many rows", e.Message).ConfigureAwait(false);
                    return;
                }

                var engine = served.Pool.Rent(batch);
                Scores scores;
                try
                {
                    scores = engine.Score(batch);
                }
                finally
                {
                    served.Pool.Return(engine);
                }

                // A score that is not a number cannot be written as JSON: refuse the row before the 200 starts.
                if (FirstNonFinite(scores) is int bad)
                {
                    var field = $"{rows}[{bad}]";
                    await Problem(context, HttpStatusCode.BadRequest, "The payload cannot be scored",
                        $"{field}: the model gives no finite score for this row: its values are far outside what it was trained on", field).ConfigureAwait(false);
                    return;
                }

                context.Response.ContentType = "application/json";
                await using var writer = new Utf8JsonWriter(context.Response.BodyWriter.AsStream(), WriterOptions);
                WritePredictions(writer, served, scores, mlflow);
                await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                served.Release();
            }
        }
    }

    /// <summary>The rows of the payload, and the JSON path of its rows (for errors about one row).</summary>
    private (FeatureBatch Batch, string Rows) Read(JsonElement root, ServedModel served, bool mlflow)
    {
        var schema = served.Card.Schema;
        if (!mlflow)
        {
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("records", out var records))
                return (JsonRecords.FromRecords(records, "records", schema, _settings.Rules), "records");
            if (root.ValueKind == JsonValueKind.Array)
                return (JsonRecords.FromRecords(root, "$", schema, _settings.Rules), "$");
            throw new PayloadException("$", "expected an array of records, or an object with 'records'");
        }

        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("dataframe_split", out var split))
                return (JsonRecords.FromSplit(split, "dataframe_split", schema, _settings.Rules), "dataframe_split.data");
            if (root.TryGetProperty("dataframe_records", out var records))
                return (JsonRecords.FromRecords(records, "dataframe_records", schema, _settings.Rules), "dataframe_records");
            foreach (var other in (string[])["instances", "inputs"])
            {
                if (root.TryGetProperty(other, out _))
                    throw new PayloadException(other, "tensor payloads are not supported: this is a tabular model; send dataframe_split or dataframe_records");
            }
        }

        throw new PayloadException("$", "expected an object with 'dataframe_split' or 'dataframe_records', as MLflow's scoring protocol has");
    }

    private static int? FirstNonFinite(Scores scores)
    {
        for (var i = 0; i < scores.Values.Length; i++)
        {
            if (!double.IsFinite(scores.Values[i]))
                return scores.Task == PredictionTask.Multiclass ? i / scores.Classes : i;
        }

        return null;
    }

    private static void WritePredictions(Utf8JsonWriter writer, ServedModel served, Scores scores, bool mlflow)
    {
        var schema = served.Card.Schema;
        writer.WriteStartObject();
        if (!mlflow)
            writer.WriteString("model", served.Name.Stem);
        writer.WriteStartArray("predictions");
        for (var row = 0; row < scores.Rows; row++)
        {
            if (mlflow)
            {
                if (schema.Task.IsClassification())
                    writer.WriteStringValue(schema.Labels[Prediction.ClassOf(scores, row)]);
                else
                    writer.WriteNumberValue((float)scores.Values[row]);
                continue;
            }

            writer.WriteStartObject();
            if (schema.Task.IsClassification())
            {
                writer.WriteString(Prediction.PredictionColumn, schema.Labels[Prediction.ClassOf(scores, row)]);
                writer.WriteNumber(Prediction.ProbabilityColumn, (float)Prediction.ProbabilityOf(scores, row));
                if (schema.Task == PredictionTask.Multiclass)
                {
                    writer.WriteStartObject("probabilities");
                    foreach (var (label, p) in Prediction.ClassProbabilities(schema, scores, row))
                        writer.WriteNumber(label, (float)p);
                    writer.WriteEndObject();
                }
            }
            else
            {
                writer.WriteNumber(Prediction.PredictionColumn, (float)scores.Values[row]);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private async Task Json(HttpContext context, Func<ServedModel, string> text)
    {
        var served = _host.Acquire();
        try
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(text(served), context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            served.Release();
        }
    }

    private async Task WithModel(HttpContext context, Action<ServedModel, Utf8JsonWriter> write)
    {
        var served = _host.Acquire();
        try
        {
            context.Response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(context.Response.BodyWriter.AsStream(), WriterOptions);
            writer.WriteStartObject();
            write(served, writer);
            writer.WriteEndObject();
            await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            served.Release();
        }
    }

    private static async Task Problem(HttpContext context, HttpStatusCode status, string title, string detail, string? field = null)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/problem+json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter.AsStream(), WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("title", title);
        writer.WriteNumber("status", (int)status);
        writer.WriteString("detail", detail);
        if (field is not null)
        {
            writer.WriteStartObject("errors");
            writer.WriteStartArray(field);
            writer.WriteStringValue(detail[(field.Length + 2)..]);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.', ' ');
    }

    /// <summary>Blocks until <paramref name="cancellationToken"/> is cancelled, then stops: in-flight requests finish first.</summary>
    public async Task RunUntilAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _host.Dispose();
    }

    /// <summary>The command line owns Ctrl+C and SIGTERM; the host must not install its own handlers (nor in tests).</summary>
    private sealed class NoSignals : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
