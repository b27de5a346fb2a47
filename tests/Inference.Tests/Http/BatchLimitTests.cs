using System.Net;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Http;

/// <summary>At most 100 items per request, refused before any inference runs.</summary>
public sealed class BatchLimitTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly ServiceFactory _service = fixture.Factory;

    [Fact]
    public async Task Infer_BatchOf100_Returns100Answers()
    {
        using var response = await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.Rows(100, seed: 7))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(100, Requests.Labels(await Requests.ReadJsonAsync(response)).Length);
    }

    [Fact]
    public async Task Infer_BatchOf101_Returns400NamingLimitBeforeAnyRun()
    {
        var runsBefore = _service.Metrics.Runs("penguins", "1");
        using var response = await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.Rows(101, seed: 7))));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "batch of 101 items exceeds the limit of 100 items per request; split it into requests of at most 100",
            await Requests.ErrorAsync(response));
        Assert.Equal(runsBefore, _service.Metrics.Runs("penguins", "1"));
    }

    [Fact]
    public async Task Infer_BatchOf101_IsRefusedEvenBeforeItsDataIsRead()
    {
        // The shape alone decides: the data here is far too short, yet the answer is about the batch limit.
        const string request = """{"inputs":[{"name":"Features","shape":[101,4],"datatype":"FP32","data":[1,2,3,4]}]}""";
        using var response = await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(request));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("batch of 101 items exceeds the limit of 100", await Requests.ErrorAsync(response), StringComparison.Ordinal);
    }
}
