using System.Net;
using System.Net.Http.Headers;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Http;

/// <summary>Model routes need a key held only as a hash; health routes stay open; the key is never logged.</summary>
public sealed class AuthTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string InferPath = "/v2/models/penguins/infer";
    private readonly ServiceFactory _service = fixture.Factory;

    [Fact]
    public async Task Infer_NoKey_Returns401()
    {
        using var response = await _service.CreateClient().PostAsync(InferPath, Requests.Json(Requests.Penguins(Requests.KnownRows)));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("a valid API key is required", await Requests.ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_WrongKey_Returns401WithTheSameBodyAsNoKey()
    {
        var client = _service.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", "not-the-key");
        using var wrong = await client.PostAsync(InferPath, Requests.Json(Requests.Penguins(Requests.KnownRows)));
        using var missing = await _service.CreateClient().PostAsync(InferPath, Requests.Json(Requests.Penguins(Requests.KnownRows)));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(await missing.Content.ReadAsStringAsync(), await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Infer_RightKeyInHeader_Returns200()
    {
        using var response = await _service.CreateKeyedClient().PostAsync(InferPath, Requests.Json(Requests.Penguins(Requests.KnownRows)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Infer_RightKeyAsBearer_Returns200()
    {
        var client = _service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestSettings.Key);
        using var response = await client.PostAsync(InferPath, Requests.Json(Requests.Penguins(Requests.KnownRows)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ModelMetadata_NoKey_Returns401()
    {
        using var response = await _service.CreateClient().GetAsync("/v2/models/penguins");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/v2/health/live")]
    [InlineData("/v2/health/ready")]
    [InlineData("/v2/models/penguins/ready")]
    [InlineData("/v2")]
    [InlineData("/metrics")]
    public async Task HealthAndMetricsRoutes_NoKey_Return200(string path)
    {
        using var response = await _service.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Logs_AfterRightAndWrongKeys_NeverContainAKey()
    {
        var wrong = _service.CreateClient();
        wrong.DefaultRequestHeaders.Add("x-api-key", "wrong-key-5b1c");
        (await wrong.PostAsync(InferPath, Requests.Json(Requests.Penguins(Requests.KnownRows)))).Dispose();
        (await _service.CreateKeyedClient().PostAsync(InferPath, Requests.Json(Requests.Penguins(Requests.KnownRows)))).Dispose();
        Assert.Contains(_service.Logs.Entries, e => e.Text.Contains("missing or invalid API key", StringComparison.Ordinal));
        Assert.DoesNotContain(_service.Logs.Entries, e => e.Text.Contains(TestSettings.Key, StringComparison.Ordinal) || e.Text.Contains("wrong-key-5b1c", StringComparison.Ordinal));
    }
}
