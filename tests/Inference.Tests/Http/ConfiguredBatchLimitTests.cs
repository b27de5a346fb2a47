using System.Net;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Http;

/// <summary>The limit is configuration, not a constant.</summary>
public sealed class ConfiguredBatchLimitTests
{
    [Fact]
    public async Task Infer_BatchOverConfiguredLimit_Returns400NamingThatLimit()
    {
        await using var service = new ServiceFactory(TestSettings.With(("Inference:MaxBatchItems", "10")));
        await service.SettledAsync();
        var client = service.CreateKeyedClient();
        using var ok = await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.Rows(10, seed: 3))));
        using var refused = await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.Rows(11, seed: 3))));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("batch of 11 items exceeds the limit of 10 items per request", await Requests.ErrorAsync(refused), StringComparison.Ordinal);
    }
}
