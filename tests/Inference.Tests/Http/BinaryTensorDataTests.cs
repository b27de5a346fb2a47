using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Http;

/// <summary>The binary tensor data extension: a JSON header, then raw little-endian tensor bytes.</summary>
public sealed class BinaryTensorDataTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly ServiceFactory _service = fixture.Factory;

    [Fact]
    public async Task Infer_BinaryTensorData_GivesTheSameAnswerAsJson()
    {
        var rows = Requests.Rows(20, seed: 5);
        var client = _service.CreateKeyedClient();
        var json = await Requests.ReadJsonAsync(await client.PostAsync("/v2/models/penguins/infer", Requests.Json(Requests.Penguins(rows))));

        using var response = await client.SendAsync(BinaryRequest(rows, declaredBytes: rows.Length * 16));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var binary = await Requests.ReadJsonAsync(response);
        Assert.Equal(Requests.Labels(json), Requests.Labels(binary));
        Assert.Equal(Requests.Scores(json), Requests.Scores(binary));
    }

    [Fact]
    public async Task Infer_BinarySizeNotMatchingShape_Returns400SayingBoth()
    {
        using var response = await _service.CreateKeyedClient().SendAsync(BinaryRequest(Requests.KnownRows, declaredBytes: 40));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("input 'Features' has binary_data_size 40 but shape [3,4] of FP32 needs 48 bytes", await Requests.ErrorAsync(response));
    }

    [Fact]
    public async Task Infer_HeaderLengthBeyondBody_Returns400()
    {
        using var request = BinaryRequest(Requests.KnownRows, declaredBytes: 48);
        request.Content!.Headers.Remove("Inference-Header-Content-Length");
        request.Content.Headers.Add("Inference-Header-Content-Length", "999999");
        using var response = await _service.CreateKeyedClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Inference-Header-Content-Length is '999999'", await Requests.ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infer_MoreBinaryBytesThanDeclared_Returns400()
    {
        using var request = BinaryRequest(Requests.KnownRows, declaredBytes: 48, extraBytes: 8);
        using var response = await _service.CreateKeyedClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("the request carries 56 bytes of binary tensor data but its inputs' binary_data_size add up to 48", await Requests.ErrorAsync(response));
    }

    [Fact]
    public async Task Infer_BinaryWithoutContentLength_Returns400()
    {
        using var request = BinaryRequest(Requests.KnownRows, declaredBytes: 48);
        request.Headers.TransferEncodingChunked = true;
        request.Content = new StreamContent(await request.Content!.ReadAsStreamAsync()) { Headers = { { "Inference-Header-Content-Length", "100" } } };
        using var response = await _service.CreateKeyedClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("binary tensor data needs a Content-Length", await Requests.ErrorAsync(response));
    }

    private static HttpRequestMessage BinaryRequest(float[][] rows, int declaredBytes, int extraBytes = 0)
    {
        var header = Encoding.UTF8.GetBytes(
            $$$"""{"inputs":[{"name":"Features","shape":[{{{rows.Length}}},4],"datatype":"FP32","parameters":{"binary_data_size":{{{declaredBytes}}}}}]}""");
        var tensor = MemoryMarshal.AsBytes(rows.SelectMany(r => r).ToArray().AsSpan()).ToArray();
        var content = new ByteArrayContent([.. header, .. tensor, .. new byte[extraBytes]]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.Add("Inference-Header-Content-Length", header.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new HttpRequestMessage(HttpMethod.Post, "/v2/models/penguins/infer") { Content = content };
    }
}
