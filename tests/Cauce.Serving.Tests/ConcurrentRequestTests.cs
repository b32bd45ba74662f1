using System.Text.Json.Nodes;
using Cauce.Serving.Tests.Harness;

namespace Cauce.Serving.Tests;

/// <summary>Many requests at once: each scored with its own engine, each answer its own payload's.</summary>
[Collection(ServedCollection.Name)]
public sealed class ConcurrentRequestTests(ServedProject project)
{
    private const int Requests = 64;

    [Fact]
    public async Task Sixty_four_concurrent_requests_all_get_200_and_each_the_answer_to_its_own_payload()
    {
        // Each request a different slice of rows, of a different length, in one of three payload shapes: answers
        // crossed between requests, or rows crossed between batches, would not match.
        var slices = Enumerable.Range(0, Requests).Select(i => (Start: (i * 37) % (project.Rows.Count - 20), Length: 1 + (i % 13))).ToList();
        using var start = new ManualResetEventSlim();

        var answers = Enumerable.Range(0, Requests).Select(i => Task.Run(async () =>
        {
            var rows = project.Rows.Skip(slices[i].Start).Take(slices[i].Length).ToList();
            start.Wait();
            return (i % 3) switch
            {
                0 => await project.Client.PostAsync("/predict", Http.Records(rows)),
                1 => await project.Client.PostAsync("/predict", new JsonObject { ["records"] = Http.Records(rows) }),
                _ => await project.Client.PostAsync("/invocations", Http.DataframeSplit(rows)),
            };
        })).ToList();
        start.Set();
        await Task.WhenAll(answers);

        for (var i = 0; i < Requests; i++)
        {
            var answer = Http.AssertOk(await answers[i]);
            var expected = project.RfScores.Skip(slices[i].Start).Take(slices[i].Length).ToList();
            if (i % 3 == 2)
                Assert.Equal(expected.Select(e => e.Prediction), answer["predictions"]!.AsArray().Select(p => p!.GetValue<string>()));
            else
                Assert.Equal(expected, PredictEndpointTests.Predictions(answer));
        }
    }

    [Fact]
    public async Task Concurrent_good_and_bad_payloads_do_not_disturb_one_another()
    {
        var answers = Enumerable.Range(0, Requests).Select(i => Task.Run(async () =>
        {
            var records = Http.Records(project.Rows.Skip(i).Take(4));
            if (i % 2 == 1)
                records[i % 4]!["edad"] = "treinta";
            return await project.Client.PostAsync("/predict", records);
        })).ToList();
        await Task.WhenAll(answers);

        for (var i = 0; i < Requests; i++)
        {
            if (i % 2 == 1)
                Http.AssertProblem(await answers[i], System.Net.HttpStatusCode.BadRequest, $"$[{i % 4}].edad");
            else
                Assert.Equal(project.RfScores.Skip(i).Take(4), PredictEndpointTests.Predictions(Http.AssertOk(await answers[i])));
        }
    }
}
