using System.Buffers;
using System.Globalization;
using Reconciler.Inference.Protocol;
using Reconciler.Inference.Runtime;

namespace Reconciler.Inference.Http;

/// <summary>
/// Writes an answer in the binary tensor data extension: the JSON response, in which each binary output carries
/// "parameters": {"binary_data_size": n} and no "data", then the raw bytes of each binary output in output order.
/// Inference-Header-Content-Length must give the JSON's length before the body starts, so only the JSON is staged
/// in a buffer of its own (small beside the tensors); the tensor bytes go from ONNX Runtime's output memory straight
/// into the response.
/// </summary>
internal static class BinaryResponseWriter
{
    public const string ContentType = "application/octet-stream";

    public static void Write(HttpResponse response, string modelName, string modelVersion, string? id, IReadOnlyList<OutputTensor> outputs, IReadOnlySet<string> binary)
    {
        var sizes = new long[outputs.Count];
        long binaryBytes = 0;
        for (var i = 0; i < outputs.Count; i++)
        {
            sizes[i] = binary.Contains(outputs[i].Name) ? BinaryTensorWriter.ByteLength(outputs[i]) : -1;
            binaryBytes += Math.Max(sizes[i], 0);
        }

        var header = new ArrayBufferWriter<byte>(1024);
        InferResponseWriter.Write(header, modelName, modelVersion, id, outputs, sizes);
        response.ContentType = ContentType;
        response.Headers[BinaryRequestReader.HeaderLengthHeader] = header.WrittenCount.ToString(CultureInfo.InvariantCulture);
        response.ContentLength = header.WrittenCount + binaryBytes;

        var body = response.BodyWriter;
        body.Write(header.WrittenSpan);
        for (var i = 0; i < outputs.Count; i++)
        {
            if (sizes[i] >= 0)
            {
                BinaryTensorWriter.Write(body, outputs[i]);
            }
        }
    }
}
