using System.Globalization;
using System.Text.Json;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Lambda;

/// <summary>The Lambda runtime loop against a fake runtime API: API Gateway events in, proxy responses out.</summary>
public sealed class LambdaRuntimeTests : IAsyncLifetime
{
    private FakeLambdaRuntime _runtime = null!;
    private KestrelService _function = null!;

    public async Task InitializeAsync()
    {
        _runtime = await FakeLambdaRuntime.StartAsync();
        _function = await KestrelService.StartAsync(LambdaSettings(_runtime.Address));
    }

    public async Task DisposeAsync()
    {
        await _function.DisposeAsync();
        await _runtime.DisposeAsync();
    }

    [Fact]
    public async Task RestApiInferEvent_IsAnsweredWithProxyResponseCarryingModelVersion()
    {
        var (kind, _, body) = await _runtime.InvokeAsync(RestEvent("POST", "/v2/models/penguins/infer", Requests.Penguins(Requests.KnownRows), TestSettings.Key));

        Assert.Equal("response", kind);
        var proxy = JsonDocument.Parse(body).RootElement;
        Assert.Equal(200, proxy.GetProperty("statusCode").GetInt32());
        Assert.Equal("1", proxy.GetProperty("multiValueHeaders").GetProperty("x-model-version")[0].GetString());
        Assert.False(proxy.GetProperty("isBase64Encoded").GetBoolean());
        var inference = JsonDocument.Parse(proxy.GetProperty("body").GetString()!).RootElement;
        Assert.Equal("1", inference.GetProperty("model_version").GetString());
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], Requests.Labels(inference));
    }

    [Fact]
    public async Task InferEvent_AnswersExactlyAsTheHttpServiceDoes()
    {
        await using var http = new ServiceFactory();
        await http.SettledAsync();
        var request = Requests.Penguins(Requests.Rows(25, seed: 11), id: "same");
        var overHttp = await (await http.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(request))).Content.ReadAsStringAsync();

        var (_, _, body) = await _runtime.InvokeAsync(RestEvent("POST", "/v2/models/penguins/infer", request, TestSettings.Key));

        Assert.Equal(overHttp, JsonDocument.Parse(body).RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public async Task HttpApiV2Event_WithNamedStage_IsRoutedWithoutTheStage()
    {
        var v2 = """
            {"version":"2.0","routeKey":"$default","rawPath":"/prod/v2/health/ready","rawQueryString":"",
             "headers":{"accept":"application/json"},
             "requestContext":{"stage":"prod","http":{"method":"GET","path":"/prod/v2/health/ready"}},"isBase64Encoded":false}
            """;
        var (kind, _, body) = await _runtime.InvokeAsync(v2);

        Assert.Equal("response", kind);
        var proxy = JsonDocument.Parse(body).RootElement;
        Assert.Equal(200, proxy.GetProperty("statusCode").GetInt32());
        Assert.Contains("\"ready\":true", proxy.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferEventAskingForBinaryOutputs_IsAnsweredBase64EncodedWithTheHeaderLength()
    {
        var request = Http.BinaryOutputTests.Request(Requests.KnownRows, parameters: """{"binary_data_output":true}""");

        var (kind, _, body) = await _runtime.InvokeAsync(RestEvent("POST", "/v2/models/penguins/infer", request, TestSettings.Key));

        Assert.Equal("response", kind);
        var proxy = JsonDocument.Parse(body).RootElement;
        Assert.Equal(200, proxy.GetProperty("statusCode").GetInt32());
        Assert.True(proxy.GetProperty("isBase64Encoded").GetBoolean());
        var headers = proxy.GetProperty("multiValueHeaders");
        Assert.Equal("application/octet-stream", headers.GetProperty("Content-Type")[0].GetString());
        var headerLength = int.Parse(headers.GetProperty("Inference-Header-Content-Length")[0].GetString()!, CultureInfo.InvariantCulture);
        var answer = BinaryAnswer.Parse(Convert.FromBase64String(proxy.GetProperty("body").GetString()!), headerLength);
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], answer.Strings("PredictedLabel.output"));
        Assert.Equal(9, answer.Floats("Score.output").Length);
        Assert.Equal(0, answer.TrailingBytes);
    }

    [Fact]
    public async Task HttpApiV2InferEvent_IsAnsweredWithHeadersInTheFormat20HeadersField()
    {
        var request = Http.BinaryOutputTests.Request(Requests.KnownRows, parameters: """{"binary_data_output":true}""");
        var v2 = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = "/v2/models/penguins/infer",
            ["rawQueryString"] = string.Empty,
            ["headers"] = new Dictionary<string, string> { ["content-type"] = "application/json", ["x-api-key"] = TestSettings.Key },
            ["requestContext"] = new Dictionary<string, object> { ["stage"] = "$default", ["http"] = new Dictionary<string, string> { ["method"] = "POST", ["path"] = "/v2/models/penguins/infer" } },
            ["body"] = request,
            ["isBase64Encoded"] = false,
        });

        var (_, _, body) = await _runtime.InvokeAsync(v2);

        var proxy = JsonDocument.Parse(body).RootElement;
        Assert.Equal(200, proxy.GetProperty("statusCode").GetInt32());
        Assert.False(proxy.TryGetProperty("multiValueHeaders", out _));
        var headers = proxy.GetProperty("headers");
        Assert.Equal("application/octet-stream", headers.GetProperty("Content-Type").GetString());
        Assert.Equal("1", headers.GetProperty("x-model-version").GetString());
        var headerLength = int.Parse(headers.GetProperty("Inference-Header-Content-Length").GetString()!, CultureInfo.InvariantCulture);
        var answer = BinaryAnswer.Parse(Convert.FromBase64String(proxy.GetProperty("body").GetString()!), headerLength);
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], answer.Strings("PredictedLabel.output"));
    }

    [Fact]
    public async Task InferEventWithoutKey_IsAnswered401()
    {
        var (_, _, body) = await _runtime.InvokeAsync(RestEvent("POST", "/v2/models/penguins/infer", Requests.Penguins(Requests.KnownRows), key: null));
        Assert.Equal(401, JsonDocument.Parse(body).RootElement.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task InferEventWithBatchOf101_IsAnswered400NamingTheLimit()
    {
        var (_, _, body) = await _runtime.InvokeAsync(RestEvent("POST", "/v2/models/penguins/infer", Requests.Penguins(Requests.Rows(101, seed: 1)), TestSettings.Key));
        var proxy = JsonDocument.Parse(body).RootElement;
        Assert.Equal(400, proxy.GetProperty("statusCode").GetInt32());
        Assert.Contains("exceeds the limit of 100 items per request", proxy.GetProperty("body").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Base64EncodedBody_IsDecoded()
    {
        var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Requests.Penguins(Requests.KnownRows)));
        var payload = $$"""
            {"httpMethod":"POST","path":"/v2/models/penguins/infer","headers":{"x-api-key":"{{TestSettings.Key}}","content-type":"application/json"},
             "body":"{{encoded}}","isBase64Encoded":true}
            """;
        var (_, _, body) = await _runtime.InvokeAsync(payload);
        Assert.Equal(200, JsonDocument.Parse(body).RootElement.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task EventThatIsNotFromApiGateway_IsReportedAsInvocationError()
    {
        var (kind, errorType, body) = await _runtime.InvokeAsync("""{"Records":[{"eventSource":"aws:sqs"}]}""");

        Assert.Equal("error", kind);
        Assert.Equal("Runtime.InvalidEvent", errorType);
        var error = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Runtime.InvalidEvent", error.GetProperty("errorType").GetString());
        Assert.Contains("not an API Gateway proxy event", error.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoopKeepsServing_AfterAnInvalidEvent()
    {
        await _runtime.InvokeAsync("not json at all");
        var (kind, _, body) = await _runtime.InvokeAsync(RestEvent("GET", "/v2/health/live", null, null));
        Assert.Equal("response", kind);
        Assert.Equal(200, JsonDocument.Parse(body).RootElement.GetProperty("statusCode").GetInt32());
    }

    internal static Dictionary<string, string?> LambdaSettings(string runtimeApi) => TestSettings.With(
        ("Hosting:Mode", "Lambda"),
        ("Hosting:LambdaRuntimeApi", runtimeApi));

    private static string RestEvent(string method, string path, string? body, string? key)
    {
        var headers = new Dictionary<string, string> { ["content-type"] = "application/json" };
        if (key is not null)
        {
            headers["x-api-key"] = key;
        }

        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["resource"] = "/{proxy+}",
            ["path"] = path,
            ["httpMethod"] = method,
            ["headers"] = headers,
            ["multiValueHeaders"] = headers.ToDictionary(h => h.Key, h => new[] { h.Value }),
            ["queryStringParameters"] = null,
            ["requestContext"] = new Dictionary<string, object> { ["stage"] = "prod", ["requestId"] = "r-1" },
            ["body"] = body,
            ["isBase64Encoded"] = false,
        });
    }
}
