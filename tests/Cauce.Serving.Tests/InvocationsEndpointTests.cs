using System.Text.Json.Nodes;
using Cauce.Serving.Tests.Harness;

namespace Cauce.Serving.Tests;

/// <summary><c>POST /invocations</c>: MLflow's scoring protocol, so an MLflow client works unchanged.</summary>
[Collection(ServedCollection.Name)]
public sealed class InvocationsEndpointTests(ServedProject project)
{
    private const int Rows = 60;

    [Fact]
    public async Task Dataframe_split_gets_mlflow_predictions_equal_to_the_labels_of_predict()
    {
        var answer = Http.AssertOk(await project.Client.PostAsync("/invocations", Http.DataframeSplit([.. project.Rows.Take(Rows)])));

        Assert.Equal(["predictions"], answer.AsObject().Select(p => p.Key));
        Assert.Equal(await PredictLabels(), Labels(answer));
        Assert.Equal(project.RfScores.Take(Rows).Select(s => s.Prediction), Labels(answer));
    }

    [Fact]
    public async Task Dataframe_records_gets_mlflow_predictions_equal_to_the_labels_of_predict()
    {
        var answer = Http.AssertOk(await project.Client.PostAsync("/invocations", new JsonObject { ["dataframe_records"] = Http.Records(project.Rows.Take(Rows)) }));

        Assert.Equal(["predictions"], answer.AsObject().Select(p => p.Key));
        Assert.Equal(await PredictLabels(), Labels(answer));
    }

    [Fact]
    public async Task Dataframe_split_columns_may_come_in_any_order_and_without_an_index()
    {
        var rows = project.Rows.Take(Rows).ToList();
        var columns = rows[0].Select(p => p.Key).Reverse().ToList();
        var payload = new JsonObject
        {
            ["dataframe_split"] = new JsonObject
            {
                ["columns"] = new JsonArray([.. columns.Select(c => (JsonNode)c)]),
                ["data"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonArray([.. columns.Select(c => r[c]?.DeepClone())]))]),
            },
        };

        var answer = Http.AssertOk(await project.Client.PostAsync("/invocations", payload));

        Assert.Equal(await PredictLabels(), Labels(answer));
    }

    [Fact]
    public async Task The_target_column_in_a_dataframe_split_is_not_read()
    {
        var rows = project.Rows.Take(Rows).Select((r, i) =>
        {
            var copy = r.DeepClone().AsObject();
            copy[ServedProject.Target] = project.Targets[i] == "true" ? "false" : "true";
            return copy;
        }).ToList();

        var answer = Http.AssertOk(await project.Client.PostAsync("/invocations", Http.DataframeSplit(rows)));

        Assert.Equal(await PredictLabels(), Labels(answer));
    }

    private async Task<IReadOnlyList<string>> PredictLabels()
    {
        var predict = Http.AssertOk(await project.Client.PostAsync("/predict", Http.Records(project.Rows.Take(Rows))));
        return [.. predict["predictions"]!.AsArray().Select(p => p!["prediction"]!.GetValue<string>())];
    }

    private static IReadOnlyList<string> Labels(JsonNode answer) => [.. answer["predictions"]!.AsArray().Select(p => p!.GetValue<string>())];
}
