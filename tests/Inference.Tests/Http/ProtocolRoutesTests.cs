using System.Net;
using Microsoft.Extensions.Logging;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Http;

/// <summary>Every route of the protocol answers with the shapes the Open Inference Protocol defines.</summary>
public sealed class ProtocolRoutesTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly ServiceFactory _service = fixture.Factory;

    [Fact]
    public async Task Live_WithoutKey_Returns200()
    {
        using var response = await _service.CreateClient().GetAsync("/v2/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await Requests.ReadJsonAsync(response)).GetProperty("live").GetBoolean());
    }

    [Fact]
    public async Task Ready_AfterWarmup_Returns200AndCarriesModelVersionHeader()
    {
        using var response = await _service.CreateClient().GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("x-model-version").Single());
        Assert.Equal("penguins", response.Headers.GetValues("x-model-name").Single());
    }

    [Fact]
    public async Task ServerMetadata_ReturnsNameVersionAndExtensions()
    {
        var body = await Requests.ReadJsonAsync(await _service.CreateClient().GetAsync("/v2"));
        Assert.Equal("reconciler-inference", body.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Array, body.GetProperty("extensions").ValueKind);
    }

    [Fact]
    public async Task ModelMetadata_ComesFromTheOnnxGraph()
    {
        using var response = await _service.CreateKeyedClient().GetAsync("/v2/models/penguins");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Requests.ReadJsonAsync(response);
        Assert.Equal("penguins", body.GetProperty("name").GetString());
        Assert.Equal(["1", "2"], body.GetProperty("versions").EnumerateArray().Select(v => v.GetString()!).ToArray());
        Assert.Equal("onnxruntime_onnx", body.GetProperty("platform").GetString());
        var input = body.GetProperty("inputs").EnumerateArray().Single();
        Assert.Equal("Features", input.GetProperty("name").GetString());
        Assert.Equal("FP32", input.GetProperty("datatype").GetString());
        Assert.Equal([-1L, 4L], input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray());
        var outputs = body.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!, o => o.GetProperty("datatype").GetString());
        Assert.Equal("BYTES", outputs["PredictedLabel.output"]);
        Assert.Equal("FP32", outputs["Score.output"]);
    }

    [Fact]
    public async Task ModelMetadata_NamesTheClassOfEachScoreAndHidesTheConvertersUnusedOutput()
    {
        var body = await Requests.ReadJsonAsync(await _service.CreateKeyedClient().GetAsync("/v2/models/penguins"));

        var outputs = body.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        Assert.Equal(["PredictedLabel.output", "Score.output"], outputs.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(
            ["Adelie", "Chinstrap", "Gentoo"],
            outputs["Score.output"].GetProperty("parameters").GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToArray());
        Assert.False(outputs["PredictedLabel.output"].TryGetProperty("parameters", out _));
    }

    [Fact]
    public async Task Infer_WithoutOutputsNamed_AnswersWithoutTheUnusedOutput()
    {
        var request = """{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP32","data":[39.1,18.7,181,3750]}]}""";
        using var response = await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", new StringContent(request));
        var body = await Requests.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            ["PredictedLabel.output", "Score.output"],
            body.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).ToArray());
    }

    [Fact]
    public async Task ModelMetadata_VersionRoute_AnswersForThatVersion()
    {
        using var response = await _service.CreateKeyedClient().GetAsync("/v2/models/penguins/versions/2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", (await Requests.ReadJsonAsync(response)).GetProperty("version").GetString());
        Assert.Equal("2", response.Headers.GetValues("x-model-version").Single());
    }

    [Theory]
    [InlineData("/v2/models/owls")]
    [InlineData("/v2/models/penguins/versions/9")]
    [InlineData("/v2/models/owls/ready")]
    [InlineData("/v2/models/penguins/versions/9/ready")]
    public async Task UnknownModelOrVersion_Returns404WithErrorBodyListingServedModels(string path)
    {
        using var response = await _service.CreateKeyedClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("served: penguins (versions 1, 2)", await Requests.ErrorAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/models/penguins/ready", "1")]
    [InlineData("/v2/models/penguins/versions/2/ready", "2")]
    public async Task ModelReady_WithoutKey_Returns200ForTheVersion(string path, string version)
    {
        using var response = await _service.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Requests.ReadJsonAsync(response);
        Assert.True(body.GetProperty("ready").GetBoolean());
        Assert.Equal(version, body.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Infer_KnownRows_ReturnsSpeciesScoresIdAndVersion()
    {
        using var response = await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.KnownRows, id: "req-1")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("x-model-version").Single());
        var body = await Requests.ReadJsonAsync(response);
        Assert.Equal("penguins", body.GetProperty("model_name").GetString());
        Assert.Equal("1", body.GetProperty("model_version").GetString());
        Assert.Equal("req-1", body.GetProperty("id").GetString());
        Assert.Equal(["Adelie", "Chinstrap", "Gentoo"], Requests.Labels(body));
        var scores = Requests.Output(body, "Score.output");
        Assert.Equal("FP32", scores.GetProperty("datatype").GetString());
        Assert.Equal([3L, 3L], scores.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray());
        var values = Requests.Scores(body);
        for (var row = 0; row < 3; row++)
        {
            Assert.Equal(1.0, values.Skip(row * 3).Take(3).Sum(), 3);
        }
    }

    [Fact]
    public async Task Infer_VersionRoute_AnswersAsThatVersion()
    {
        using var response = await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/versions/2/infer", Requests.Json(Requests.Penguins(Requests.KnownRows)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("x-model-version").Single());
        Assert.Equal("2", (await Requests.ReadJsonAsync(response)).GetProperty("model_version").GetString());
    }

    [Fact]
    public async Task Infer_NestedDataAndDataBeforeHeader_GiveTheSameAnswerAsFlat()
    {
        var client = _service.CreateKeyedClient();
        var flat = await Requests.ReadJsonAsync(await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.KnownRows))));
        const string reordered = """
            {"inputs":[{"data":[[39.1,18.7,181,3750],[49.8,17.3,198,3675],[52.5,15.6,221,5450]],"datatype":"FP32","shape":[3,4],"name":"Features","parameters":{"x":1}}],"parameters":{"y":[1,2]}}
            """;
        var nested = await Requests.ReadJsonAsync(await client.PostAsync("/v2/models/penguins/infer", Requests.Json(reordered)));
        Assert.Equal(Requests.Labels(flat), Requests.Labels(nested));
        Assert.Equal(Requests.Scores(flat), Requests.Scores(nested));
    }

    [Fact]
    public async Task Infer_RequestedOutputs_ReturnsOnlyThose()
    {
        var request = """{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP32","data":[39.1,18.7,181,3750]}],"outputs":[{"name":"Score.output"}]}""";
        var body = await Requests.ReadJsonAsync(await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(request)));
        Assert.Equal(["Score.output"], body.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()!).ToArray());
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"Features","shape":[1,5],"datatype":"FP32","data":[1,2,3,4,5]}]}""", "input 'Features' has shape [1,5] but the model expects [-1,4]")]
    [InlineData("""{"inputs":[{"name":"Features","shape":[4],"datatype":"FP32","data":[1,2,3,4]}]}""", "input 'Features' has shape [4] but the model expects [-1,4]")]
    [InlineData("""{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP64","data":[1,2,3,4]}]}""", "input 'Features' has datatype FP64 but the model expects FP32")]
    [InlineData("""{"inputs":[{"name":"Feature","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""", "unknown input 'Feature'; model 'penguins' takes: Features (FP32 [-1,4])")]
    [InlineData("""{"inputs":[]}""", "missing input 'Features' (FP32 [-1,4])")]
    [InlineData("""{"id":"x"}""", "the request has no \"inputs\"")]
    [InlineData("""{"inputs":[{"name":"Features","shape":[2,4],"datatype":"FP32","data":[1,2,3,4]}]}""", "input 'Features' has 4 values but shape [2,4] needs 8")]
    [InlineData("""{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP32","data":[1,2,"three",4]}]}""", "input 'Features' value 2 (\"three\") is not a valid FP32")]
    [InlineData("""{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP32","data":[1,2,null,4]}]}""", "input 'Features' value 2 (null) is not a valid FP32")]
    [InlineData("""{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP32"}]}""", "input 'Features' has no \"data\"")]
    [InlineData("""{"inputs":[{"name":"Features","shape":[1,-4],"datatype":"FP32","data":[1]}]}""", "\"shape\" must be an array of at most 16 non-negative integers")]
    [InlineData("""{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}],"outputs":[{"name":"Probability"}]}""", "unknown output 'Probability'")]
    [InlineData("""{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]},{"name":"Features","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""", "input 'Features' appears twice")]
    [InlineData("""{"inputs":[{"name":"Features","shape":[1,4],"datatype":"FP32","data":[1,2,3""", "malformed JSON")]
    [InlineData("""[1,2]""", "the request body must be a JSON object")]
    [InlineData("""{"inputs":[]}{}""", "malformed JSON")]
    [InlineData("", "malformed JSON")]
    [InlineData("""{"inputs":[{"name":"Features","shape":[0,4],"datatype":"FP32","data":[]}]}""", "input 'Features' has an empty batch (shape [0,4])")]
    public async Task Infer_ClientMistake_Returns400SayingWhich(string request, string expected)
    {
        var runsBefore = _service.Metrics.Runs("penguins", "1");
        using var response = await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(request));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await Requests.ErrorAsync(response), StringComparison.Ordinal);
        Assert.Equal(runsBefore, _service.Metrics.Runs("penguins", "1"));
        Assert.DoesNotContain(_service.Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Infer_BodyOverSizeLimit_Returns413NamingTheLimit()
    {
        var request = Requests.Penguins(Requests.Rows(100, seed: 1)) + new string(' ', 70_000);
        using var response = await _service.CreateKeyedClient().PostAsync("/v2/models/penguins/infer", Requests.Json(request));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("exceeds the limit of 65536 bytes", await Requests.ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_ChunkedBodyOverSizeLimit_Returns413WhileReading()
    {
        // No Content-Length: the limit is enforced on the bytes as they arrive.
        var bytes = System.Text.Encoding.UTF8.GetBytes(Requests.Penguins(Requests.Rows(100, seed: 1)) + new string(' ', 70_000));
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/models/penguins/infer") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _service.CreateKeyedClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("exceeds the limit of 65536 bytes", await Requests.ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Returns404WithErrorBody()
    {
        using var response = await _service.CreateClient().GetAsync("/v3/anything");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no route for GET /v3/anything", await Requests.ErrorAsync(response));
    }

    [Fact]
    public async Task WrongMethod_Returns405WithErrorBody()
    {
        using var response = await _service.CreateKeyedClient().GetAsync("/v2/models/penguins/infer");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("no route for GET", await Requests.ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_AfterInference_ExposesCountersHistogramsAndModelInfo()
    {
        var client = _service.CreateKeyedClient();
        (await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(Requests.KnownRows)))).EnsureSuccessStatusCode();
        var text = await _service.CreateClient().GetStringAsync("/metrics");
        Assert.Matches("""inference_requests_total\{model="penguins",version="1",outcome="ok"\} [1-9]""", text);
        Assert.Matches("""inference_items_total\{model="penguins",version="1"\} [1-9]""", text);
        Assert.Contains("""inference_request_duration_seconds_bucket{model="penguins",version="1",le="5E-05"}""", text, StringComparison.Ordinal);
        Assert.Contains("""inference_compute_duration_seconds_bucket{model="penguins",version="1",le="0.0001"}""", text, StringComparison.Ordinal);
        Assert.Contains("""inference_batch_size_bucket{model="penguins",version="1",le="100"}""", text, StringComparison.Ordinal);
        Assert.Contains("inference_model_info{model=\"penguins\",version=\"2\",sha256=\"" + TestSettings.PenguinsV2Sha256 + "\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ExposeTheProcessMemoryAndCollections()
    {
        var text = await _service.CreateClient().GetStringAsync("/metrics");
        Assert.Matches("""(?m)^process_resident_memory_bytes [1-9]\d{6,}$""", text);
        Assert.Matches("""(?m)^dotnet_gc_heap_size_bytes \d+$""", text);
        Assert.Matches("""(?m)^dotnet_gc_live_bytes_after_gen2 \d+$""", text);
        Assert.Matches("""(?m)^dotnet_gc_collections_total\{generation="2"\} \d+$""", text);
    }
}
