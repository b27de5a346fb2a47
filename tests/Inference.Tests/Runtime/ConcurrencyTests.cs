using System.Net;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Runtime;

/// <summary>Many parallel requests over real HTTP give the same answers as the same requests sent one by one.</summary>
public sealed class ConcurrencyTests
{
    private const int Distinct = 40;
    private const int Repeats = 3;
    private const int Workers = 8;

    [Fact]
    public async Task Infer_ManyParallelRequests_GiveTheSameAnswersAsSerialOnes()
    {
        await using var service = await KestrelService.StartAsync(TestSettings.Default());
        await AssertParallelMatchesSerialAsync(service, exact: true);
    }

    [Fact]
    public async Task Infer_ManyParallelRequestsWithDynamicBatching_GiveTheSameAnswersAsSerialOnes()
    {
        var settings = TestSettings.With(
            ("Inference:DynamicBatching:Enabled", "true"),
            ("Inference:DynamicBatching:MaxBatchItems", "32"),
            ("Inference:DynamicBatching:MaxDelayMicroseconds", "2000"));
        await using var service = await KestrelService.StartAsync(settings);
        await AssertParallelMatchesSerialAsync(service, exact: false);
    }

    private static async Task AssertParallelMatchesSerialAsync(KestrelService service, bool exact)
    {
        using var client = service.CreateKeyedClient();
        var bodies = Enumerable.Range(0, Distinct).Select(i => Requests.Penguins(Requests.Rows((i % 7) + 1, seed: 100 + i))).ToArray();
        var serial = new (string[] Labels, float[] Scores)[Distinct];
        for (var i = 0; i < Distinct; i++)
        {
            serial[i] = await InferAsync(client, bodies[i]);
        }

        // Every request several times, interleaved across workers, each loop bounded by the work list.
        var work = Enumerable.Range(0, Distinct * Repeats).Select(n => n % Distinct).OrderBy(n => (n * 7919) % 101).ToArray();
        var next = -1;
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        var tasks = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            int slot;
            while ((slot = Interlocked.Increment(ref next)) < work.Length)
            {
                var i = work[slot];
                var (labels, scores) = await InferAsync(client, bodies[i]);
                if (!labels.SequenceEqual(serial[i].Labels) || !ScoresMatch(scores, serial[i].Scores, exact))
                {
                    mismatches.Add($"request {i}");
                }
            }
        }));
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Empty(mismatches);
    }

    private static bool ScoresMatch(float[] actual, float[] expected, bool exact) =>
        actual.Length == expected.Length
        && actual.Zip(expected).All(p => exact ? p.First == p.Second : Math.Abs(p.First - p.Second) <= 1e-6f);

    private static async Task<(string[] Labels, float[] Scores)> InferAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/v2/models/penguins/infer", Requests.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await Requests.ReadJsonAsync(response);
        return (Requests.Labels(json), Requests.Scores(json));
    }
}
