using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Cauce.Serving.Tests.Harness;

/// <summary>What the server answered: the status, the media type and the body, parsed as JSON when it is.</summary>
public sealed record Answer(HttpStatusCode Status, string? MediaType, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("the body is JSON null");

    public override string ToString() => $"{(int)Status} {MediaType}\n{Body}";
}

/// <summary>Requests as a client sends them, and the checks every answer of the service must pass.</summary>
public static class Http
{
    public static async Task<Answer> PostAsync(this HttpClient client, string path, string body, string? contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.PostAsync(path, content);
        return await ReadAsync(response);
    }

    public static Task<Answer> PostAsync(this HttpClient client, string path, JsonNode body) => client.PostAsync(path, body.ToJsonString());

    public static async Task<Answer> GetAnswerAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await ReadAsync(response);
    }

    public static async Task<Answer> ReadAsync(HttpResponseMessage response) =>
        new(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());

    /// <summary>The rows as a JSON array of records (copies: a test may change them).</summary>
    public static JsonArray Records(IEnumerable<JsonObject> rows) => new([.. rows.Select(r => r.DeepClone())]);

    /// <summary>MLflow's <c>dataframe_split</c> of the rows, as pandas writes it (with an index).</summary>
    public static JsonObject DataframeSplit(IReadOnlyList<JsonObject> rows)
    {
        var columns = rows[0].Select(p => p.Key).ToList();
        return new JsonObject
        {
            ["dataframe_split"] = new JsonObject
            {
                ["index"] = new JsonArray([.. rows.Select((_, i) => (JsonNode)i)]),
                ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode)c)]),
                ["data"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonArray([.. columns.Select(c => r[c]?.DeepClone())]))]),
            },
        };
    }

    /// <summary>A 200 with a JSON body; the body.</summary>
    public static JsonNode AssertOk(Answer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        Assert.Equal("application/json", answer.MediaType);
        return answer.Json;
    }

    /// <summary>
    /// An RFC 9457 problem with <paramref name="status"/>; with <paramref name="field"/>, its <c>errors</c> names exactly
    /// that field. Returns the problem for further checks.
    /// </summary>
    public static JsonObject AssertProblem(Answer answer, HttpStatusCode status, string? field = null)
    {
        Assert.True(answer.Status == status, $"expected {(int)status}, got {answer}");
        Assert.Equal("application/problem+json", answer.MediaType);
        var problem = answer.Json.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), answer.ToString());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), answer.ToString());
        if (field is not null)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors is not null, $"no 'errors' in {answer}");
            Assert.Equal([field], errors.Select(e => e.Key));
            Assert.False(string.IsNullOrWhiteSpace(errors[field]![0]!.GetValue<string>()), answer.ToString());
        }

        return problem;
    }
}
