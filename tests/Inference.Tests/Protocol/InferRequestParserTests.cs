using System.Text;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Tests.Protocol;

/// <summary>The parser reads every protocol datatype straight into typed buffers and refuses wrong values by name.</summary>
public sealed class InferRequestParserTests
{
    private static readonly ModelSignature Mixed = new(
    [
        new TensorSpec("ids", TensorElementType.Int64, [-1, 2]),
        new TensorSpec("flags", TensorElementType.Bool, [-1]),
        new TensorSpec("words", TensorElementType.String, [-1]),
        new TensorSpec("bytes", TensorElementType.UInt8, [-1]),
    ],
    [new TensorSpec("y", TensorElementType.Float, [-1])]);

    [Fact]
    public void Parse_EveryDatatype_FillsItsBufferInTheModelsInputOrder()
    {
        const string json = """
            {"inputs":[
              {"name":"words","shape":[2],"datatype":"BYTES","data":["a","é"]},
              {"name":"bytes","shape":[2],"datatype":"UINT8","data":[0,255]},
              {"name":"ids","shape":[2,2],"datatype":"INT64","data":[[1,-2],[9007199254740993,4]]},
              {"name":"flags","shape":[2],"datatype":"BOOL","data":[true,false]}]}
            """;
        using var request = Parse(json);

        Assert.Equal(["ids", "flags", "words", "bytes"], request.Inputs.Select(i => i.Spec.Name).ToArray());
        Assert.Equal([1L, -2, 9007199254740993, 4], ((NumericTensorBuffer<long>)request.Inputs[0].Buffer).Span.ToArray());
        Assert.Equal([true, false], ((NumericTensorBuffer<bool>)request.Inputs[1].Buffer).Span.ToArray());
        Assert.Equal([0, 255], ((NumericTensorBuffer<byte>)request.Inputs[3].Buffer).Span.ToArray());
        Assert.Equal(2, request.Items);
    }

    [Theory]
    [InlineData("ids", "INT64", "[2]", "[1.5,2]", "input 'ids' has shape [2] but the model expects [-1,2]")]
    [InlineData("ids", "INT64", "[1,2]", "[1.5,2]", "input 'ids' value 0 (1.5) is not a valid INT64")]
    [InlineData("flags", "BOOL", "[1]", "[1]", "input 'flags' value 0 (1) is not a valid BOOL")]
    [InlineData("words", "BYTES", "[1]", "[7]", "input 'words' value 0 (7) is not a valid BYTES")]
    [InlineData("bytes", "UINT8", "[1]", "[256]", "input 'bytes' value 0 (256) is not a valid UINT8")]
    [InlineData("bytes", "UINT8", "[1]", "[{\"a\":1}]", "input 'bytes' value 0 (an object) is not a valid UINT8")]
    public void Parse_WrongValue_NamesInputIndexAndDatatype(string name, string datatype, string shape, string data, string expected)
    {
        var json = $$"""{"inputs":[{"name":"{{name}}","shape":{{shape}},"datatype":"{{datatype}}","data":{{data}}}]}""";
        var ex = Assert.Throws<ProtocolException>(() => Parse(json));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(expected, ex.Message);
    }

    [Theory]
    [InlineData("FP32", "[1,1e39]", "value 1e39 at index 1 of input 'x' is outside FP32's range (±3.4028235E+38)")]
    [InlineData("FP64", "[-1e309,1]", "value -1e309 at index 0 of input 'x' is outside FP64's range (±1.7976931348623157E+308)")]
    public void Parse_NumberTooLargeForItsFloatType_IsRefusedNotMadeInfinite(string datatype, string data, string expected)
    {
        var type = datatype == "FP32" ? TensorElementType.Float : TensorElementType.Double;
        var signature = new ModelSignature([new TensorSpec("x", type, [-1])], [new TensorSpec("y", type, [-1])]);
        var json = $$"""{"inputs":[{"name":"x","shape":[2],"datatype":"{{datatype}}","data":{{data}}}]}""";
        var ex = Assert.Throws<ProtocolException>(() => InferRequestParser.Parse(Encoding.UTF8.GetBytes(json), "m", signature, 100));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void Parse_ShapeClaimingMoreElementsThanTheBodyCouldHold_IsRefusedBeforeAllocating()
    {
        var json = """{"inputs":[{"name":"ids","shape":[1000000000,2],"datatype":"INT64","data":[1]}]}""";
        var ex = Assert.Throws<ProtocolException>(() => InferRequestParser.Parse(Encoding.UTF8.GetBytes(json), "m", Mixed, int.MaxValue));
        Assert.Contains("more than the request body carries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Fp16AndBf16Numbers_AreStoredAsTheNearest16BitValues()
    {
        var model = new ModelSignature(
            [new TensorSpec("h", TensorElementType.Float16, [-1]), new TensorSpec("b", TensorElementType.BFloat16, [-1])],
            [new TensorSpec("y", TensorElementType.Float, [-1])]);
        const string json = """
            {"inputs":[
              {"name":"h","shape":[4],"datatype":"FP16","data":[1,0.1,-65504,6e-8]},
              {"name":"b","shape":[4],"datatype":"BF16","data":[1,1.01171875,-3.3895314e38,0.1]}]}
            """;

        using var request = InferRequestParser.Parse(Encoding.UTF8.GetBytes(json), "m", model, 100);

        // 0.1 → 0x2E66 (FP16), 6e-8 → the smallest subnormal; 1.01171875 is a tie, rounded to the even 0x3F82.
        Assert.Equal([0x3C00, 0x2E66, 0xFBFF, 0x0001], ((NumericTensorBuffer<Float16>)request.Inputs[0].Buffer).Span.ToArray().Select(v => (int)v.value));
        Assert.Equal([0x3F80, 0x3F82, 0xFF7F, 0x3DCD], ((NumericTensorBuffer<BFloat16>)request.Inputs[1].Buffer).Span.ToArray().Select(v => (int)v.value));
        Assert.Equal(8, request.Inputs[0].Buffer.ByteLength);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData(""","parameters":{"binary_data_output":false}""", null)]
    [InlineData(""","parameters":{"binary_data_output":true}""", "y")]
    [InlineData(""","outputs":[{"name":"y","parameters":{"binary_data":true}}]""", "y")]
    [InlineData(""","parameters":{"binary_data_output":true},"outputs":[{"name":"y","parameters":{"binary_data":false}}]""", null)]
    public void Parse_BinaryDataParameters_ChooseTheBinaryOutputs(string extra, string? binary)
    {
        var json = $$"""{"inputs":[{"name":"ids","shape":[1,2],"datatype":"INT64","data":[1,2]},{"name":"flags","shape":[1],"datatype":"BOOL","data":[true]},{"name":"words","shape":[1],"datatype":"BYTES","data":["a"]},{"name":"bytes","shape":[1],"datatype":"UINT8","data":[1]}]{{extra}}}""";

        using var request = Parse(json);

        Assert.Equal(binary, request.BinaryOutputs?.Single());
    }

    private static InferRequest Parse(string json) => InferRequestParser.Parse(Encoding.UTF8.GetBytes(json), "m", Mixed, 100);
}
