using System.Net;
using Microsoft.Extensions.Time.Testing;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Http;

/// <summary>The per-key budget is counted in items, and refills on the injected clock.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly ServiceFactory _service;

    public RateLimitTests()
    {
        // 100 items per second, bucket of 150: a batch of 100 passes, a second one right after does not.
        _service = new ServiceFactory(TestSettings.With(("Auth:ItemsPerSecond", "100"), ("Auth:BurstItems", "150")), _clock);
    }

    public Task InitializeAsync() => _service.SettledAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Infer_SecondBatchOf100WithinBudgetWindow_Returns429WithRetryAfter()
    {
        var client = _service.CreateKeyedClient();
        using var first = await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.Rows(100, seed: 1))));
        using var second = await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.Rows(100, seed: 2))));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        // 50 items left, 100 asked: 50 more at 100 per second is half a second, rounded up to whole seconds.
        Assert.Equal(TimeSpan.FromSeconds(1), second.Headers.RetryAfter?.Delta);
        Assert.Contains("key 'tester' is over its budget", await Requests.ErrorAsync(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_AfterClockAdvances_BudgetRefillsAndRequestPasses()
    {
        var client = _service.CreateKeyedClient();
        (await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.Rows(100, seed: 1))))).Dispose();
        using var refused = await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.Rows(100, seed: 2))));
        _clock.Advance(TimeSpan.FromSeconds(1));
        using var allowed = await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.Rows(100, seed: 2))));
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Infer_SmallRequests_CostTheirItemCount()
    {
        var client = _service.CreateKeyedClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            // 6 requests of 30 items: 150 fit, the sixth (items 151-180) does not.
            using var response = await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.Rows(30, seed: i))));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), (HttpStatusCode)429], statuses);
    }
}
