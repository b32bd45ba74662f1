using System.Net;
using System.Text.Json.Nodes;
using Cauce.Serving.Tests.Harness;

namespace Cauce.Serving.Tests;

/// <summary>
/// Payloads that cannot be scored: each gets a 4xx with RFC 9457 problem details whose <c>errors</c> names the
/// offending field by its JSON path — never a 500.
/// </summary>
[Collection(ServedCollection.Name)]
public sealed class PayloadProblemTests(ServedProject project)
{
    private JsonArray Three() => Http.Records(project.Rows.Take(3));

    private async Task<JsonObject> Refused(string path, JsonNode payload, string field)
    {
        var problem = Http.AssertProblem(await project.Client.PostAsync(path, payload), HttpStatusCode.BadRequest, field);
        Assert.StartsWith(field + ": ", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        return problem;
    }

    [Fact]
    public async Task A_word_in_a_numeric_field_gets_400_naming_records_1_edad()
    {
        var records = Three();
        records[1]!["edad"] = "treinta";

        var problem = await Refused("/predict", new JsonObject { ["records"] = records }, "records[1].edad");

        Assert.Contains("expected a number, got 'treinta'", problem["errors"]!["records[1].edad"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_word_in_a_numeric_field_of_a_bare_array_is_named_from_the_root()
    {
        var records = Three();
        records[2]!["cargo_mensual"] = "mucho";

        await Refused("/predict", records, "$[2].cargo_mensual");
    }

    [Fact]
    public async Task A_category_never_seen_in_training_gets_400_naming_the_field_and_the_known_labels()
    {
        var records = Three();
        records[0]!["servicio_internet"] = "Satélite";

        var problem = await Refused("/predict", new JsonObject { ["records"] = records }, "records[0].servicio_internet");

        var detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("'Satélite'", detail, StringComparison.Ordinal);
        Assert.Contains("DSL, Fibra, Ninguno", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_category_sent_as_a_number_is_an_unseen_label()
    {
        var records = Three();
        records[1]!["region"] = 3;

        await Refused("/predict", new JsonObject { ["records"] = records }, "records[1].region");
    }

    [Fact]
    public async Task A_record_lacking_a_column_gets_400_naming_the_record_and_the_column()
    {
        var records = Three();
        records[2]!.AsObject().Remove("region");

        var problem = await Refused("/predict", new JsonObject { ["records"] = records }, "records[2]");

        Assert.Contains("'region'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_naming_a_column_twice_and_lacking_another_gets_400()
    {
        var record = project.Rows[0].DeepClone().AsObject();
        record.Remove("region");
        var json = record.ToJsonString();
        var twice = "[" + json[..^1] + ",\"edad\":40}]";

        var answer = await project.Client.PostAsync("/predict", twice);

        var problem = Http.AssertProblem(answer, HttpStatusCode.BadRequest);
        Assert.Contains(problem["errors"]!.AsObject().Select(e => e.Key).Single(), (string[])["$[0]", "$[0].edad"]);
    }

    [Fact]
    public async Task An_unknown_extra_column_gets_400_naming_it()
    {
        var records = Three();
        records[1]!["color_favorito"] = "rojo";

        var problem = await Refused("/predict", new JsonObject { ["records"] = records }, "records[1].color_favorito");

        Assert.Contains("edad", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("edad", "{}")]
    [InlineData("edad", "[1]")]
    [InlineData("edad", "true")]
    [InlineData("es_mayor", "7")]
    [InlineData("es_mayor", "\"quizás\"")]
    [InlineData("genero", "{\"a\": 1}")]
    public async Task A_value_of_the_wrong_json_kind_gets_400_naming_the_field(string column, string value)
    {
        var records = Three();
        records[1]![column] = JsonNode.Parse(value);

        await Refused("/predict", new JsonObject { ["records"] = records }, $"records[1].{column}");
    }

    [Theory]
    [InlineData("\"hola\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"rows\": []}")]
    public async Task A_payload_that_is_neither_records_nor_an_array_gets_400_naming_the_root(string payload)
    {
        Http.AssertProblem(await project.Client.PostAsync("/predict", payload), HttpStatusCode.BadRequest, "$");
    }

    [Fact]
    public async Task Records_that_are_not_an_array_get_400_naming_records()
    {
        await Refused("/predict", new JsonObject { ["records"] = project.Rows[0].DeepClone() }, "records");
    }

    [Fact]
    public async Task A_row_that_is_not_a_record_gets_400_naming_the_row()
    {
        await Refused("/predict", new JsonObject { ["records"] = new JsonArray(project.Rows[0].DeepClone(), 1) }, "records[1]");
    }

    [Theory]
    [InlineData("{\"records\": [")]
    [InlineData("[{\"edad\": 40,}]")]
    [InlineData("{records: []}")]
    [InlineData("[{\"edad\": 40}] trailing")]
    [InlineData("")]
    public async Task Malformed_json_gets_400_saying_where(string payload)
    {
        var problem = Http.AssertProblem(await project.Client.PostAsync("/predict", payload), HttpStatusCode.BadRequest);

        Assert.Equal("The payload is not valid JSON", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Json_nested_deeper_than_the_parser_takes_gets_400()
    {
        var deep = new string('[', 200) + new string(']', 200);

        Http.AssertProblem(await project.Client.PostAsync("/predict", deep), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("a column name")]
    [InlineData("a category")]
    public async Task A_body_that_is_not_utf8_gets_400(string where)
    {
        // 0xC3 0x28: a two-byte sequence whose second byte is not a continuation byte.
        var (before, after) = where == "a column name" ? ("[{\"gen", "ero\": \"Femenino\"}]") : ("[{\"genero\": \"Fem", "enino\"}]");
        byte[] body = [.. System.Text.Encoding.UTF8.GetBytes(before), 0xC3, 0x28, .. System.Text.Encoding.UTF8.GetBytes(after)];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await project.Client.PostAsync("/predict", content);

        var answer = await Http.ReadAsync(response);
        Assert.True(answer.Status != HttpStatusCode.InternalServerError, $"{answer}\nserver log: {project.Log.LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal))}");
        Http.AssertProblem(answer, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/predict", "[{\"genero\": \"\\ud800\"}]")]
    [InlineData("/predict", "[{\"\\udc00\": 1}]")]
    [InlineData("/invocations", "{\"dataframe_split\": {\"columns\": [\"\\ud800\"], \"data\": [[1]]}}")]
    public async Task A_lone_surrogate_escaped_in_a_string_gets_400(string path, string payload)
    {
        var answer = await project.Client.PostAsync(path, payload);

        Assert.True(answer.Status != HttpStatusCode.InternalServerError, $"{answer}\nserver log: {project.Log.LastOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal))}");
        Http.AssertProblem(answer, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Malformed_json_on_invocations_gets_400()
    {
        Http.AssertProblem(await project.Client.PostAsync("/invocations", "{\"dataframe_split\": {\"columns\": [\"edad\"], "), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/predict", "[]", "$")]
    [InlineData("/predict", "{\"records\": []}", "records")]
    [InlineData("/predict", "{}", "$")]
    [InlineData("/invocations", "{}", "$")]
    [InlineData("/invocations", "{\"dataframe_records\": []}", "dataframe_records")]
    public async Task An_empty_payload_gets_400(string path, string payload, string field)
    {
        Http.AssertProblem(await project.Client.PostAsync(path, payload), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task An_empty_dataframe_split_gets_400()
    {
        var split = Http.DataframeSplit([project.Rows[0]]);
        split["dataframe_split"]!["data"] = new JsonArray();

        Http.AssertProblem(await project.Client.PostAsync("/invocations", split), HttpStatusCode.BadRequest, "dataframe_split");
    }

    [Theory]
    [InlineData("instances")]
    [InlineData("inputs")]
    public async Task An_mlflow_tensor_payload_gets_400_naming_it(string key)
    {
        var payload = new JsonObject { [key] = new JsonArray(new JsonArray(1, 2, 3)) };

        var problem = await Refused("/invocations", payload, key);

        Assert.Contains("dataframe_split", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_word_in_a_numeric_cell_of_a_dataframe_split_gets_400_naming_the_cell_and_column()
    {
        var split = Http.DataframeSplit([.. project.Rows.Take(3)]);
        var edad = split["dataframe_split"]!["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList().IndexOf("edad");
        split["dataframe_split"]!["data"]![1]![edad] = "treinta";

        await Refused("/invocations", split, $"dataframe_split.data[1][{edad}] (edad)");
    }

    [Fact]
    public async Task A_dataframe_split_lacking_a_column_gets_400_naming_the_columns()
    {
        var rows = project.Rows.Take(3).Select(r => r.DeepClone().AsObject()).ToList();
        rows.ForEach(r => r.Remove("tipo_contrato"));

        var problem = await Refused("/invocations", Http.DataframeSplit(rows), "dataframe_split.columns");

        Assert.Contains("'tipo_contrato'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dataframe_split_with_an_unknown_column_gets_400_naming_that_column()
    {
        var rows = project.Rows.Take(3).Select(r => r.DeepClone().AsObject()).ToList();
        rows.ForEach(r => r["color_favorito"] = "rojo");

        await Refused("/invocations", Http.DataframeSplit(rows), $"dataframe_split.columns[{rows[0].Count - 1}]");
    }

    [Fact]
    public async Task A_dataframe_split_row_of_the_wrong_length_gets_400_naming_the_row()
    {
        var split = Http.DataframeSplit([.. project.Rows.Take(3)]);
        split["dataframe_split"]!["data"]![2]!.AsArray().RemoveAt(0);

        await Refused("/invocations", split, "dataframe_split.data[2]");
    }

    [Fact]
    public async Task A_dataframe_split_naming_a_column_twice_gets_400()
    {
        var split = Http.DataframeSplit([.. project.Rows.Take(2)]);
        split["dataframe_split"]!["columns"]!.AsArray().Add("edad");
        foreach (var row in split["dataframe_split"]!["data"]!.AsArray())
            row!.AsArray().Add(40);

        await Refused("/invocations", split, "dataframe_split.columns");
    }

    [Fact]
    public async Task A_dataframe_split_without_data_gets_400_naming_data()
    {
        var payload = new JsonObject { ["dataframe_split"] = new JsonObject { ["columns"] = new JsonArray("edad") } };

        await Refused("/invocations", payload, "dataframe_split.data");
    }

    [Fact]
    public async Task A_wrong_value_in_dataframe_records_gets_400_naming_it()
    {
        var records = Three();
        records[1]!["edad"] = "treinta";

        await Refused("/invocations", new JsonObject { ["dataframe_records"] = records }, "dataframe_records[1].edad");
    }

    [Fact]
    public async Task Records_sent_to_invocations_without_mlflows_key_get_400_naming_the_root()
    {
        await Refused("/invocations", Three(), "$");
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_payload_that_is_not_json_gets_415(string? contentType)
    {
        foreach (var path in (string[])["/predict", "/invocations"])
        {
            var answer = await project.Client.PostAsync(path, Three().ToJsonString(), contentType);

            var problem = Http.AssertProblem(answer, HttpStatusCode.UnsupportedMediaType);
            Assert.Contains("application/json", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task More_rows_than_the_limit_get_413()
    {
        var answer = await project.SmallClient.PostAsync("/predict", Http.Records(project.Rows.Take(ServedProject.SmallMaxRows + 1)));

        var problem = Http.AssertProblem(answer, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains($"at most {ServedProject.SmallMaxRows}", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_rows_than_the_limit_in_a_dataframe_split_get_413()
    {
        var answer = await project.SmallClient.PostAsync("/invocations", Http.DataframeSplit([.. project.Rows.Take(ServedProject.SmallMaxRows + 1)]));

        Http.AssertProblem(answer, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task As_many_rows_as_the_limit_are_scored()
    {
        var answer = await project.SmallClient.PostAsync("/predict", Http.Records(project.Rows.Take(ServedProject.SmallMaxRows)));

        Assert.Equal(project.RfScores.Take(ServedProject.SmallMaxRows), PredictEndpointTests.Predictions(Http.AssertOk(answer)));
    }

    [Fact]
    public async Task A_body_over_the_byte_limit_gets_413()
    {
        var records = Http.Records(project.Rows.Take(2));
        records[0]!["genero"] = new string('x', ServedProject.SmallMaxBytes * 2);

        var answer = await project.SmallClient.PostAsync("/predict", records);

        var problem = Http.AssertProblem(answer, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains($"{ServedProject.SmallMaxBytes:N0} bytes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_over_the_byte_limit_gets_413()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat(project.Rows[0].ToJsonString(), 20)) + "]";
        Assert.True(body.Length > ServedProject.SmallMaxBytes);
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/invocations") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await project.SmallClient.SendAsync(request);

        Http.AssertProblem(await Http.ReadAsync(response), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Numbers_too_large_for_the_model_get_400_not_a_response_cut_short()
    {
        // Finite as a double, infinite as the single-precision float a model reads: lr's score becomes NaN.
        var (_, lr) = await project.StartAsync(project.Folder.Root, ServedProject.Lr, alias: null, new PayloadSettings(), project.Log);
        var records = Http.Records(project.Rows.Take(1));
        records[0]!["cargo_mensual"] = 1e300;
        records[0]!["cargo_total"] = 1e300;

        Answer answer;
        try
        {
            answer = await lr.PostAsync("/predict", records);
        }
        catch (HttpRequestException e)
        {
            Assert.Fail($"the server cut the response short instead of answering 400: {e.Message} ({e.InnerException?.Message})");
            throw;
        }

        var problem = Http.AssertProblem(answer, HttpStatusCode.BadRequest);
        Assert.Contains(problem["errors"]!.AsObject().Select(e => e.Key).Single(), (string[])["$[0].cargo_mensual", "$[0].cargo_total"]);
    }

    [Fact]
    public async Task With_allow_extra_and_allow_unseen_such_records_are_scored()
    {
        var (_, lenient) = await project.StartAsync(project.Folder.Root, ServedProject.Rf, alias: null, new PayloadSettings(AllowExtra: true, AllowUnseen: true), project.Log);
        var records = Three();
        records[0]!["color_favorito"] = "rojo";
        records[1]!["servicio_internet"] = "Satélite";

        var answer = Http.AssertOk(await lenient.PostAsync("/predict", records));

        var predictions = PredictEndpointTests.Predictions(answer);
        Assert.Equal(project.RfScores[0], predictions[0]);
        Assert.Equal(project.RfScores[2], predictions[2]);
        Assert.InRange(predictions[1].Probability, 0f, 1f);
    }

    [Fact]
    public async Task Other_methods_and_paths_get_4xx()
    {
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await project.Client.GetAnswerAsync("/predict")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await project.Client.PostAsync("/score", Three())).Status);
    }
}
