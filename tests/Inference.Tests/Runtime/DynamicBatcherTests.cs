using System.Text;
using Microsoft.Extensions.Options;
using Reconciler.Inference.Configuration;
using Reconciler.Inference.Metrics;
using Reconciler.Inference.Models;
using Reconciler.Inference.Protocol;
using Reconciler.Inference.Runtime;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Runtime;

/// <summary>Concurrent small requests merge into one run, and each caller gets exactly its own rows back.</summary>
public sealed class DynamicBatcherTests : IDisposable
{
    private readonly LoadedModel _model = TestModels.Penguins();
    private readonly InferenceMetrics _metrics = new();

    [Fact]
    public async Task FourQueuedRequests_RunOnce_AndEachGetsItsOwnRows()
    {
        var runner = new InferenceRunner(_metrics);
        int[] sizes = [1, 3, 2, 4];
        // The batch is full at exactly the four requests' 10 items, so the run starts without waiting out the delay.
        using var batcher = new DynamicBatcher(runner, Options.Create(new InferenceOptions
        {
            DynamicBatching = new DynamicBatchingOptions { Enabled = true, MaxBatchItems = 10, MaxDelayMicroseconds = 10_000_000 },
        }));
        var requests = sizes.Select((n, i) => Parse(Requests.Penguins(Requests.Rows(n, seed: i)))).ToArray();
        var expected = requests.Select(r => Scores(runner.Run(_model, r))).ToArray();
        var runsBefore = _metrics.Runs("penguins", "1");

        var results = await Task.WhenAll(requests.Select(r => batcher.RunAsync(_model, r, CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(runsBefore + 1, _metrics.Runs("penguins", "1"));
        for (var i = 0; i < sizes.Length; i++)
        {
            var scores = results[i].Outputs.Single(o => o.Name == "Score.output");
            Assert.Equal([sizes[i], 3L], scores.Shape);
            var actual = OutputValues.AsDoubles(scores);
            Assert.Equal(expected[i].Length, actual.Length);
            Assert.All(actual.Zip(expected[i]), p => Assert.Equal(p.Second, p.First, 6));
            var labels = results[i].Outputs.Single(o => o.Name == "PredictedLabel.output");
            Assert.Equal([sizes[i], 1L], labels.Shape);
        }

        foreach (var result in results)
        {
            result.Dispose();
        }

        foreach (var request in requests)
        {
            request.Dispose();
        }
    }

    [Fact]
    public void Merge_IsOnlyOfferedForModelsWithAFreeBatchDimension()
    {
        using var resnet = TestModels.ResNet18();
        using var request = Parse(Requests.Penguins(Requests.KnownRows));
        Assert.True(DynamicBatcher.CanMerge(_model, request));
        Assert.False(DynamicBatcher.CanMerge(resnet, request));
    }

    public void Dispose() => _model.Dispose();

    private InferRequest Parse(string json) => InferRequestParser.Parse(Encoding.UTF8.GetBytes(json), "penguins", _model.Signature, 100);

    private static double[] Scores(InferResult result)
    {
        using (result)
        {
            return OutputValues.AsDoubles(result.Outputs.Single(o => o.Name == "Score.output"));
        }
    }
}
