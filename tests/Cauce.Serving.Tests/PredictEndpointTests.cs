using System.Text.Json.Nodes;
using Cauce.Serving.Tests.Harness;

namespace Cauce.Serving.Tests;

/// <summary><c>POST /predict</c> over real HTTP: the answers are the batch path's, row for row.</summary>
[Collection(ServedCollection.Name)]
public sealed class PredictEndpointTests(ServedProject project)
{
    [Fact]
    public async Task The_test_split_as_records_gets_one_prediction_per_row_in_order_equal_to_cauce_predict()
    {
        var answer = Http.AssertOk(await project.Client.PostAsync("/predict", new JsonObject { ["records"] = Http.Records(project.Rows) }));

        Assert.Equal("rf_clientes_v1", answer["model"]!.GetValue<string>());
        var predictions = answer["predictions"]!.AsArray();
        Assert.Equal(project.Rows.Count, predictions.Count);
        Assert.True(project.Rows.Count > 500, "the test split should have some hundreds of rows");
        for (var i = 0; i < predictions.Count; i++)
        {
            var prediction = predictions[i]!["prediction"]!.GetValue<string>();
            var probability = predictions[i]!["probability"]!.GetValue<float>();
            Assert.InRange(probability, 0f, 1f);
            Assert.Equal(probability > 0.5f ? "true" : "false", prediction);
            Assert.Equal(project.RfScores[i], new Scored(prediction, probability));
        }
    }

    [Fact]
    public async Task A_bare_array_of_records_is_scored_as_the_records_object_is()
    {
        var rows = project.Rows.Take(25).ToList();

        var bare = Http.AssertOk(await project.Client.PostAsync("/predict", Http.Records(rows)));
        var wrapped = Http.AssertOk(await project.Client.PostAsync("/predict", new JsonObject { ["records"] = Http.Records(rows) }));

        Assert.True(JsonNode.DeepEquals(bare, wrapped), $"{bare}\n{wrapped}");
        Assert.Equal(project.RfScores.Take(25), Predictions(bare));
    }

    [Fact]
    public async Task One_record_gets_one_prediction()
    {
        var answer = Http.AssertOk(await project.Client.PostAsync("/predict", Http.Records([project.Rows[7]])));

        Assert.Equal([project.RfScores[7]], Predictions(answer));
    }

    [Fact]
    public async Task A_record_may_carry_the_target_column_which_is_not_read()
    {
        var records = Http.Records(project.Rows.Take(10));
        for (var i = 0; i < records.Count; i++)
            records[i]![ServedProject.Target] = project.Targets[i] == "true" ? "false" : "true";

        var answer = Http.AssertOk(await project.Client.PostAsync("/predict", records));

        Assert.Equal(project.RfScores.Take(10), Predictions(answer));
    }

    [Fact]
    public async Task Numbers_and_booleans_written_as_text_are_read_as_a_csv_file_reads_them()
    {
        var records = Http.Records(project.Rows.Take(10));
        foreach (var record in records.Select(r => r!.AsObject()))
        {
            foreach (var name in record.Select(p => p.Key).ToList())
            {
                if (record[name] is JsonValue value && value.GetValueKind() is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
                    record[name] = value.ToJsonString();
            }
        }

        var answer = Http.AssertOk(await project.Client.PostAsync("/predict", records));

        Assert.Equal(project.RfScores.Take(10), Predictions(answer));
    }

    [Fact]
    public async Task Missing_values_sent_as_null_are_scored_as_missing()
    {
        var records = Http.Records(project.Rows.Take(3));
        records[0]!["edad"] = null;
        records[1]!["servicio_internet"] = null;
        records[2]!["cargo_total"] = null;

        var answer = Http.AssertOk(await project.Client.PostAsync("/predict", records));

        Assert.Equal(3, Predictions(answer).Count);
        Assert.All(Predictions(answer), p => Assert.InRange(p.Probability, 0f, 1f));
    }

    [Fact]
    public async Task The_records_may_come_in_any_key_order()
    {
        var records = new JsonArray([.. project.Rows.Take(10).Select(r => (JsonNode)new JsonObject(r.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))))]);

        var answer = Http.AssertOk(await project.Client.PostAsync("/predict", records));

        Assert.Equal(project.RfScores.Take(10), Predictions(answer));
    }

    [Fact]
    public async Task A_charset_in_the_content_type_is_accepted()
    {
        var answer = await project.Client.PostAsync("/predict", Http.Records(project.Rows.Take(2)).ToJsonString(), "application/json; charset=utf-8");

        Assert.Equal(project.RfScores.Take(2), Predictions(Http.AssertOk(answer)));
    }

    public static IReadOnlyList<Scored> Predictions(JsonNode answer) =>
        [.. answer["predictions"]!.AsArray().Select(p => new Scored(p!["prediction"]!.GetValue<string>(), p["probability"]!.GetValue<float>()))];
}
