using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Reconciler.Inference.Tests.Support;

namespace Reconciler.Inference.Tests.Http;

/// <summary>FP16 and BF16 tensors: JSON numbers in and out, raw 2-byte elements in the binary extension.</summary>
public sealed class HalfPrecisionTests(HalfPrecisionFixture fixture) : IClassFixture<HalfPrecisionFixture>
{
    private readonly ServiceFactory _service = fixture.Factory;

    [Theory]
    [InlineData("fp16-cast", TensorElementType.Float16, TensorElementType.Float)]
    [InlineData("fp16-identity", TensorElementType.Float16, TensorElementType.Float16)]
    [InlineData("bf16-identity", TensorElementType.BFloat16, TensorElementType.BFloat16)]
    public void GeneratedModel_LoadsInOnnxRuntime_WithItsDeclaredTypes(string name, TensorElementType input, TensorElementType output)
    {
        using var session = new InferenceSession(fixture.Models[name]);
        Assert.Equal(input, session.InputMetadata["x"].ElementDataType);
        Assert.Equal(output, session.OutputMetadata["y"].ElementDataType);
        Assert.Equal([-1, session.InputMetadata["x"].Dimensions[1]], session.InputMetadata["x"].Dimensions);
    }

    [Theory]
    [InlineData("fp16-cast", "FP16", "FP32")]
    [InlineData("fp16-identity", "FP16", "FP16")]
    [InlineData("bf16-identity", "BF16", "BF16")]
    public async Task ModelMetadata_ReportsHalfPrecisionDatatypes(string name, string input, string output)
    {
        using var response = await _service.CreateKeyedClient().GetAsync($"/v2/models/{name}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Requests.ReadJsonAsync(response);
        Assert.Equal(input, body.GetProperty("inputs")[0].GetProperty("datatype").GetString());
        Assert.Equal(output, body.GetProperty("outputs")[0].GetProperty("datatype").GetString());
    }

    [Fact]
    public async Task Infer_Fp16Input_IsRoundedToHalfThenCastToFp32()
    {
        double[] values = [0.1, 1.5, -2.75, 65504, 0.0001, 1e-8, 3.14159, 1000.3, -0.333];

        var y = await InferAsync("fp16-cast", "FP16", [3, 3], values);

        Assert.Equal("FP32", y.GetProperty("datatype").GetString());
        Assert.Equal([3L, 3L], y.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal(values.Select(v => (float)(Half)v), Floats(y));
        Assert.Equal(0.099975586f, Floats(y)[0]);
    }

    [Fact]
    public async Task Infer_Fp16Identity_RoundTripsValuesExactInHalf()
    {
        // The largest half, the smallest normal and subnormal, steps of the mantissa and a negative zero.
        float[] values = [0.5f, -1.25f, 2048f, 65504f, 6.1035156e-05f, 5.9604645e-08f, 1023.5f, -0f];

        var y = await InferAsync("fp16-identity", "FP16", [2, 4], values.Select(v => (double)v).ToArray());

        Assert.Equal("FP16", y.GetProperty("datatype").GetString());
        Assert.Equal(values, Floats(y));
    }

    [Fact]
    public async Task Infer_Bf16Identity_RoundTripsExactValuesAndRoundsOthersToNearestEven()
    {
        float[] values = [1f, -2.5f, 1.0078125f, 3.3895314e38f, 1.01171875f, 1.00390625f, 0.1f, -1e-30f];

        var y = await InferAsync("bf16-identity", "BF16", [2, 4], values.Select(v => (double)v).ToArray());

        Assert.Equal("BF16", y.GetProperty("datatype").GetString());
        var got = Floats(y);
        Assert.Equal(values.Select(Bf16), got);
        Assert.Equal([1f, -2.5f, 1.0078125f, 3.3895314e38f], got[..4]);
        // Ties: 1 + 3·2⁻⁸ goes up to the even 1 + 2⁻⁶, 1 + 2⁻⁸ down to the even 1.
        Assert.Equal(1.015625f, got[4]);
        Assert.Equal(1f, got[5]);
    }

    [Theory]
    [InlineData("fp16-identity", "FP16", "[1,2,3,70000,5,6,7,8]", "value 70000 at index 3 of input 'x' is outside FP16's range (±65504)")]
    [InlineData("fp16-identity", "FP16", "[1,-65520,3,4,5,6,7,8]", "value -65520 at index 1 of input 'x' is outside FP16's range (±65504)")]
    [InlineData("bf16-identity", "BF16", "[[1e39,2,3,4],[5,6,7,8]]", "value 1e39 at index 0 of input 'x' is outside BF16's range (±3.3895314E+38)")]
    [InlineData("fp16-identity", "FP16", "[1,2,3,\"4\",5,6,7,8]", "input 'x' value 3 (\"4\") is not a valid FP16")]
    public async Task Infer_ValueAHalfCannotHold_Returns400NamingInputAndIndex(string model, string datatype, string data, string expected)
    {
        var request = $$"""{"inputs":[{"name":"x","shape":[2,4],"datatype":"{{datatype}}","data":{{data}}}]}""";
        using var response = await _service.CreateKeyedClient().PostAsync($"/v2/models/{model}/infer", Requests.Json(request));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, await Requests.ErrorAsync(response));
    }

    [Fact]
    public async Task Infer_BinaryFp16Input_GivesTheSameAnswerAsJson()
    {
        double[] values = [0.1, 1.5, -2.75, 65504, 0.0001, 3.14159];
        var json = await InferAsync("fp16-cast", "FP16", [2, 3], values);

        var header = Encoding.UTF8.GetBytes("""{"inputs":[{"name":"x","shape":[2,3],"datatype":"FP16","parameters":{"binary_data_size":12}}]}""");
        var halves = values.SelectMany(v => BitConverter.GetBytes((Half)v)).ToArray();
        using var response = await _service.CreateKeyedClient().SendAsync(BinaryRequest("fp16-cast", header, halves));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var binary = Requests.Output(await Requests.ReadJsonAsync(response), "y");
        Assert.Equal(Floats(json), Floats(binary));
    }

    [Fact]
    public async Task Infer_Fp16OutputAsBinaryData_IsTheRawHalfBytes()
    {
        var halves = new[] { 0.5, -1.25, 2048, 65504, 0.1, 3, -7, 1e-3 }.Select(v => (Half)v).ToArray();
        var header = Encoding.UTF8.GetBytes("""{"inputs":[{"name":"x","shape":[2,4],"datatype":"FP16","parameters":{"binary_data_size":16}}],"parameters":{"binary_data_output":true}}""");
        var bytes = halves.SelectMany(BitConverter.GetBytes).ToArray();

        using var response = await _service.CreateKeyedClient().SendAsync(BinaryRequest("fp16-identity", header, bytes));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await BinaryAnswer.ReadAsync(response);
        Assert.Equal(16, Requests.Output(answer.Json, "y").GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        Assert.Equal(bytes, answer.Outputs["y"]);
    }

    /// <summary>Round to nearest even on the upper 16 bits of the float32, computed here independently of ONNX Runtime.</summary>
    private static float Bf16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        var rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16;
        return BitConverter.UInt32BitsToSingle(rounded << 16);
    }

    private static float[] Floats(JsonElement output) =>
        output.GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();

    private static HttpRequestMessage BinaryRequest(string model, byte[] header, byte[] tensor)
    {
        var content = new ByteArrayContent([.. header, .. tensor]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.Add("Inference-Header-Content-Length", header.Length.ToString(CultureInfo.InvariantCulture));
        return new HttpRequestMessage(HttpMethod.Post, $"/v2/models/{model}/infer") { Content = content };
    }

    private async Task<JsonElement> InferAsync(string model, string datatype, long[] shape, double[] values)
    {
        var data = string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        var request = $$"""{"inputs":[{"name":"x","shape":[{{string.Join(",", shape)}}],"datatype":"{{datatype}}","data":[{{data}}]}]}""";
        using var response = await _service.CreateKeyedClient().PostAsync($"/v2/models/{model}/infer", Requests.Json(request));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Requests.Output(await Requests.ReadJsonAsync(response), "y");
    }
}
