using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Reconciler.Inference.Metrics;
using Reconciler.Inference.Models;
using Reconciler.Inference.Protocol;
using Reconciler.Inference.Runtime;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Runtime;

/// <summary>Runs of one model queue for its slots instead of oversubscribing the cores.</summary>
public sealed class RunSlotsTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly LoadedModel _model = TestModels.Penguins();
    private readonly InferenceMetrics _metrics = new();

    [Theory]
    [InlineData(1, 2, 2)]
    [InlineData(2, 2, 1)]
    [InlineData(0, 2, 1)]
    [InlineData(3, 2, 1)]
    [InlineData(1, 8, 8)]
    [InlineData(2, 8, 4)]
    [InlineData(3, 8, 2)]
    public void Automatic_AllowsOneRunPerIntraOpThreadsCores(int intraOpThreads, int cores, int expected) =>
        Assert.Equal(expected, RunSlots.Automatic(intraOpThreads, cores));

    [Fact]
    public async Task SecondEntry_WaitsUntilTheFirstSlotIsGivenBack()
    {
        using var slots = new RunSlots(1);
        var first = await slots.EnterAsync(CancellationToken.None);

        var second = slots.EnterAsync(CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, slots.Waiting);

        first.Dispose();
        (await second.WaitAsync(Bound)).Dispose();
        Assert.Equal(0, slots.Waiting);
    }

    [Fact]
    public async Task CancelledWait_LeavesTheQueue_AndTheSlotStaysUsable()
    {
        using var slots = new RunSlots(1);
        var held = await slots.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = slots.EnterAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Bound));
        Assert.Equal(0, slots.Waiting);
        held.Dispose();
        (await slots.EnterAsync(CancellationToken.None).AsTask().WaitAsync(Bound)).Dispose();
    }

    [Fact]
    public async Task Runner_StartsARunOnlyWhenASlotIsFree()
    {
        var runner = new InferenceRunner(_metrics);
        using var request = Parse(Requests.Penguins(Requests.KnownRows));
        var held = await _model.RunSlots.EnterAsync(CancellationToken.None);

        var run = runner.RunAsync(_model, request, CancellationToken.None);
        await Task.Delay(200);
        Assert.False(run.IsCompleted);
        Assert.Equal(0, _metrics.Runs("penguins", "1"));

        held.Dispose();
        using var result = await run.WaitAsync(Bound);
        Assert.Equal(1, _metrics.Runs("penguins", "1"));
        Assert.Equal(Requests.KnownRows.Length, result.Outputs.Single(o => o.Name == "Score.output").Shape[0]);
    }

    [Fact]
    public async Task Runner_RunsNothing_WhenTheCallerGoesAwayWhileQueued()
    {
        var runner = new InferenceRunner(_metrics);
        using var request = Parse(Requests.Penguins(Requests.KnownRows));
        using var held = await _model.RunSlots.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var run = runner.RunAsync(_model, request, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Bound));
        Assert.Equal(0, _metrics.Runs("penguins", "1"));
        Assert.Equal(0, _model.RunSlots.Waiting);
    }

    [Fact]
    public async Task ConfiguredMaxConcurrentRuns_SetsTheSlots_AndTheDefaultFollowsIntraOpThreads()
    {
        await using var service = new ServiceFactory(TestSettings.With(
            ("Inference:Models:0:MaxConcurrentRuns", "3"),
            ("Inference:Models:1:IntraOpThreads", "1")));
        await service.SettledAsync();
        var models = service.Services.GetRequiredService<ModelRepository>();

        Assert.Equal(3, models.Find("penguins", "1")!.Model!.RunSlots.Count);
        Assert.Equal(RunSlots.Automatic(1, Environment.ProcessorCount), models.Find("penguins", "2")!.Model!.RunSlots.Count);
    }

    public void Dispose() => _model.Dispose();

    private InferRequest Parse(string json) => InferRequestParser.Parse(Encoding.UTF8.GetBytes(json), "penguins", _model.Signature, 100);
}
