using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Http;

/// <summary>
/// ResNet-18 (batch fixed at 1 in the graph, served item by item into one output buffer) answering a batch of two
/// images with binary tensor data both ways.
/// </summary>
public sealed class ResNet18BinaryOutputTests : IAsyncLifetime
{
    private const int ImageElements = 3 * 224 * 224;
    private ServiceFactory _service = null!;

    public async Task InitializeAsync()
    {
        _service = new ServiceFactory(TestSettings.With(
            ("Inference:MaxRequestBytes", "4194304"),
            ("Inference:Models:2:Name", "resnet18"),
            ("Inference:Models:2:Version", "1"),
            ("Inference:Models:2:Path", "models/resnet18/1/model.onnx"),
            ("Inference:Models:2:WarmupPath", "models/resnet18/1/warmup.json")));
        await _service.SettledAsync();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Infer_BatchOfTwo_WithBinaryDataOutput_GivesTheJsonFeaturesAsRawFloats()
    {
        var client = _service.CreateKeyedClient();
        using var json = await client.SendAsync(ImagesRequest(binaryDataOutput: false, 0.1f, 0.9f));
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var expected = Requests.Output(await Requests.ReadJsonAsync(json), "Pooling395_Output_0");

        using var response = await client.SendAsync(ImagesRequest(binaryDataOutput: true, 0.1f, 0.9f));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await BinaryAnswer.ReadAsync(response);
        var output = Requests.Output(answer.Json, "Pooling395_Output_0");
        Assert.Equal([2L, 512, 1, 1], output.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal(2 * 512 * sizeof(float), output.GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        Assert.Equal(0, answer.TrailingBytes);
        var features = answer.Floats("Pooling395_Output_0");
        Assert.Equal(expected.GetProperty("data").EnumerateArray().Select(e => e.GetSingle()), features);
        Assert.NotEqual(features[..512], features[512..]);
    }

    private static HttpRequestMessage ImagesRequest(bool binaryDataOutput, params float[] fills)
    {
        var bytes = fills.Length * ImageElements * sizeof(float);
        var flag = binaryDataOutput ? "true" : "false";
        var header = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$$"""{"inputs":[{"name":"Input247","shape":[{{{fills.Length}}},3,224,224],"datatype":"FP32","parameters":{"binary_data_size":{{{bytes}}}}}],"parameters":{"binary_data_output":{{{flag}}}}}"""));
        var pixels = fills.SelectMany(f => Enumerable.Repeat(f, ImageElements)).ToArray();
        var content = new ByteArrayContent([.. header, .. MemoryMarshal.AsBytes(pixels.AsSpan())]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.Add("Inference-Header-Content-Length", header.Length.ToString(CultureInfo.InvariantCulture));
        return new HttpRequestMessage(HttpMethod.Post, "/v2/models/resnet18/infer") { Content = content };
    }
}
