using System.Text.Json.Nodes;
using Cauce.Ml;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Modeling;

namespace Cauce.Serving;

/// <summary>
/// The OpenAPI 3.1 document of the service, written from the served model's card: a record's properties are the
/// model's features with their types (and, for a category, the labels seen in training), so a client generated
/// from it sends exactly what the model reads.
/// </summary>
internal static class OpenApiDocument
{
    public static JsonObject For(ModelCard card, PayloadSettings settings, string version)
    {
        var problem = Ref("Problem");
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = $"Cauce prediction service: {card.Name}",
                ["version"] = version,
                ["description"] = $"Scores rows with {card.Name} ({card.Algo}, {card.Task}, target '{card.Target}'). At most {settings.MaxRows} rows and {settings.MaxBodyBytes} bytes a request.",
            },
            ["paths"] = new JsonObject
            {
                ["/predict"] = Post("Score records", Ref("Records"), Ref("Predictions"), problem),
                ["/invocations"] = Post("Score an MLflow payload (dataframe_split or dataframe_records)", Ref("MlflowPayload"), Ref("MlflowPredictions"), problem),
                ["/health"] = Get("Whether the service is up, and which model it serves", Ref("Health")),
                ["/ping"] = Get("MLflow's health check", new JsonObject { ["type"] = "object" }),
                ["/model"] = Get("The served model's card", new JsonObject { ["type"] = "object" }),
            },
            ["components"] = new JsonObject { ["schemas"] = Schemas(card, settings) },
        };
    }

    private static JsonObject Schemas(ModelCard card, PayloadSettings settings)
    {
        var properties = new JsonObject();
        foreach (var feature in card.Features)
            properties[feature.Name] = FeatureSchema(feature.ColumnType, feature.Levels);
        var record = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. card.Features.Select(f => (JsonNode)f.Name)]),
            ["additionalProperties"] = settings.AllowExtra,
        };
        var prediction = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = card.Task == "regression"
                ? new JsonObject { ["prediction"] = new JsonObject { ["type"] = "number" } }
                : new JsonObject
                {
                    ["prediction"] = new JsonObject { ["enum"] = new JsonArray([.. card.Labels.Select(l => (JsonNode)l)]) },
                    ["probability"] = new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1, ["description"] = card.Task == "binary" ? $"P({card.Target} = {card.Labels[^1]})" : "P(predicted class)" },
                },
        };
        var rows = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["maxItems"] = settings.MaxRows };
        return new JsonObject
        {
            ["Record"] = record,
            ["Records"] = new JsonObject
            {
                ["oneOf"] = new JsonArray(
                    Items(rows, Ref("Record")),
                    new JsonObject { ["type"] = "object", ["required"] = new JsonArray("records"), ["properties"] = new JsonObject { ["records"] = Items(rows, Ref("Record")) } }),
            },
            ["Prediction"] = prediction,
            ["Predictions"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["model"] = new JsonObject { ["type"] = "string" }, ["predictions"] = new JsonObject { ["type"] = "array", ["items"] = Ref("Prediction") } },
            },
            ["MlflowPayload"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["dataframe_split"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("columns", "data"),
                        ["properties"] = new JsonObject
                        {
                            ["columns"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                            ["data"] = Items(rows, new JsonObject { ["type"] = "array" }),
                        },
                    },
                    ["dataframe_records"] = Items(rows, Ref("Record")),
                },
            },
            ["MlflowPredictions"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["predictions"] = new JsonObject { ["type"] = "array" } },
            },
            ["Health"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["status"] = new JsonObject { ["const"] = "ok" }, ["model"] = new JsonObject { ["type"] = "string" } },
            },
            ["Problem"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "RFC 9457 problem details; 'errors' maps the offending field to what is wrong with it",
                ["properties"] = new JsonObject
                {
                    ["title"] = new JsonObject { ["type"] = "string" },
                    ["status"] = new JsonObject { ["type"] = "integer" },
                    ["detail"] = new JsonObject { ["type"] = "string" },
                    ["errors"] = new JsonObject { ["type"] = "object" },
                },
            },
        };
    }

    private static JsonObject FeatureSchema(ColumnType type, IReadOnlyList<string>? levels) => type switch
    {
        ColumnType.Category when levels is not null => new JsonObject { ["enum"] = new JsonArray([.. levels.Select(l => (JsonNode)l), null]) },
        ColumnType.Category => new JsonObject { ["type"] = new JsonArray("string", "null") },
        ColumnType.Boolean => new JsonObject { ["type"] = "boolean" },
        ColumnType.Integer => new JsonObject { ["type"] = new JsonArray("integer", "null") },
        _ => new JsonObject { ["type"] = new JsonArray("number", "null") },
    };

    private static JsonObject Items(JsonObject array, JsonObject items)
    {
        var copy = (JsonObject)array.DeepClone();
        copy["items"] = items;
        return copy;
    }

    private static JsonObject Ref(string name) => new() { ["$ref"] = $"#/components/schemas/{name}" };

    private static JsonObject Post(string summary, JsonObject request, JsonObject response, JsonObject problem) => new()
    {
        ["post"] = new JsonObject
        {
            ["summary"] = summary,
            ["requestBody"] = new JsonObject { ["required"] = true, ["content"] = Json(request) },
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject { ["description"] = "the predictions, in the order of the rows", ["content"] = Json(response) },
                ["400"] = new JsonObject { ["description"] = "a payload that cannot be scored: the problem names the field", ["content"] = Problem(problem) },
                ["413"] = new JsonObject { ["description"] = "too many rows or bytes", ["content"] = Problem(problem) },
                ["415"] = new JsonObject { ["description"] = "not JSON", ["content"] = Problem(problem) },
            },
        },
    };

    private static JsonObject Get(string summary, JsonObject response) => new()
    {
        ["get"] = new JsonObject
        {
            ["summary"] = summary,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "ok", ["content"] = Json(response) } },
        },
    };

    private static JsonObject Json(JsonObject schema) => new() { ["application/json"] = new JsonObject { ["schema"] = schema.DeepClone() } };

    private static JsonObject Problem(JsonObject schema) => new() { ["application/problem+json"] = new JsonObject { ["schema"] = schema.DeepClone() } };
}
