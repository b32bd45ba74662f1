using System.Text.Json;
using System.Text.Json.Nodes;
using Cauce.Serving.Tests.Harness;
using Json.Schema;

namespace Cauce.Serving.Tests;

/// <summary><c>GET /health</c>, <c>/ping</c>, <c>/model</c> and <c>/openapi.json</c>: what a load balancer, a person and a client generator read.</summary>
[Collection(ServedCollection.Name)]
public sealed class ServiceEndpointsTests(ServedProject project)
{
    [Fact]
    public async Task Health_is_ok_and_names_the_served_model_and_its_task()
    {
        var health = Http.AssertOk(await project.Client.GetAnswerAsync("/health"));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"status": "ok", "model": "rf_clientes_v1", "task": "binary"}"""), health), health.ToJsonString());
        Assert.Equal("rf_clientes_v1", project.Server.ModelName);
    }

    [Fact]
    public async Task Ping_is_ok_as_mlflows_health_check_is()
    {
        var ping = Http.AssertOk(await project.Client.GetAnswerAsync("/ping"));

        Assert.Equal("ok", ping["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Model_answers_the_card_on_disk()
    {
        var card = Http.AssertOk(await project.Client.GetAnswerAsync("/model"));

        Assert.Equal("rf_clientes_v1", card["name"]!.GetValue<string>());
        Assert.Equal("rf", card["algo"]!.GetValue<string>());
        var onDisk = JsonNode.Parse(project.Folder.Read("models/rf_clientes_v1.json"));
        Assert.True(JsonNode.DeepEquals(onDisk, card), "the card served is the card on disk");
    }

    [Fact]
    public async Task The_openapi_document_is_3_1_and_lists_every_endpoint()
    {
        var document = Http.AssertOk(await project.Client.GetAnswerAsync("/openapi.json"));

        Assert.Equal("3.1.0", document["openapi"]!.GetValue<string>());
        Assert.Contains("rf_clientes_v1", document["info"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("0.1.0", document["info"]!["version"]!.GetValue<string>());
        Assert.Equal(["/predict", "/invocations", "/health", "/ping", "/model"], document["paths"]!.AsObject().Select(p => p.Key));
        foreach (var post in (string[])["/predict", "/invocations"])
            Assert.Equal(["200", "400", "413", "415"], document["paths"]![post]!["post"]!["responses"]!.AsObject().Select(r => r.Key));
    }

    [Fact]
    public async Task The_openapi_record_schema_lists_the_model_features_with_their_types_and_category_labels()
    {
        var document = Http.AssertOk(await project.Client.GetAnswerAsync("/openapi.json"));
        var record = document["components"]!["schemas"]!["Record"]!;

        var names = project.Card.Features.Select(f => f.Name).ToList();
        Assert.Equal(names, record["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(names, record["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.False(record["additionalProperties"]!.GetValue<bool>());
        Assert.Equal("boolean", record["properties"]!["es_mayor"]!["type"]!.GetValue<string>());
        Assert.Equal(["integer", "null"], record["properties"]!["edad"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["number", "null"], record["properties"]!["cargo_mensual"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(["DSL", "Fibra", "Ninguno", null], record["properties"]!["servicio_internet"]!["enum"]!.AsArray().Select(l => l?.GetValue<string>()));
        foreach (var category in project.Card.Features.Where(f => f.Levels is not null))
            Assert.Equal([.. category.Levels!, null], record["properties"]![category.Name]!["enum"]!.AsArray().Select(l => l?.GetValue<string>()));
    }

    [Fact]
    public async Task The_openapi_document_states_each_servers_row_limit()
    {
        var usual = Http.AssertOk(await project.Client.GetAnswerAsync("/openapi.json"));
        var small = Http.AssertOk(await project.SmallClient.GetAnswerAsync("/openapi.json"));

        Assert.Equal(10_000, usual["components"]!["schemas"]!["Records"]!["oneOf"]![0]!["maxItems"]!.GetValue<int>());
        Assert.Equal(ServedProject.SmallMaxRows, small["components"]!["schemas"]!["Records"]!["oneOf"]![0]!["maxItems"]!.GetValue<int>());
        Assert.Contains($"{ServedProject.SmallMaxBytes} bytes", small["info"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_the_service_scores_pass_the_openapi_record_schema_and_those_it_refuses_do_not()
    {
        var document = Http.AssertOk(await project.Client.GetAnswerAsync("/openapi.json"));
        var schema = JsonSchema.FromText(document["components"]!["schemas"]!["Record"]!.ToJsonString());
        var good = project.Rows[0].DeepClone();
        var word = project.Rows[0].DeepClone();
        word["edad"] = "treinta";
        var unseen = project.Rows[0].DeepClone();
        unseen["servicio_internet"] = "Satélite";
        var extra = project.Rows[0].DeepClone();
        extra["color_favorito"] = "rojo";
        var lacking = project.Rows[0].DeepClone().AsObject();
        lacking.Remove("region");

        Assert.True(schema.Evaluate(good).IsValid);
        Assert.All(project.Rows.Take(100), row => Assert.True(schema.Evaluate(row).IsValid, row.ToJsonString()));
        Assert.All([word, unseen, extra, lacking], row => Assert.False(schema.Evaluate(row).IsValid, row.ToJsonString()));
    }

    [Fact]
    public async Task The_metadata_endpoints_answer_json_that_parses()
    {
        foreach (var path in (string[])["/health", "/ping", "/model", "/openapi.json"])
        {
            var answer = await project.Client.GetAnswerAsync(path);

            Assert.True(answer.Status == System.Net.HttpStatusCode.OK, $"{path}: {answer}");
            using var parsed = JsonDocument.Parse(answer.Body);
            Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
        }
    }
}
