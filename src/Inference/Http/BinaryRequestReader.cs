using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Reconciler.Inference.Models;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Http;

/// <summary>
/// Reads a request in the binary tensor data extension: a JSON header of Inference-Header-Content-Length bytes, then
/// raw tensor bytes. The tensor bytes go from the server's receive buffers straight into the pooled input buffers:
/// one copy, no intermediate body array, no text parsing.
/// </summary>
internal static class BinaryRequestReader
{
    /// <summary>The extension's header: the length of the JSON part of the body.</summary>
    public const string HeaderLengthHeader = "Inference-Header-Content-Length";

    public static async Task<InferRequest> ReadAsync(HttpContext context, LoadedModel model, int maxItems, long limit, CancellationToken cancellationToken)
    {
        var http = context.Request;
        var declared = http.Headers[HeaderLengthHeader].ToString();
        if (http.ContentLength is not long total)
        {
            throw ProtocolException.BadRequest("binary tensor data needs a Content-Length");
        }

        if (total > limit)
        {
            throw new ProtocolException(StatusCodes.Status413PayloadTooLarge, $"request body of {total} bytes exceeds the limit of {limit} bytes");
        }

        if (!int.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out var headerLength) || headerLength > total)
        {
            throw ProtocolException.BadRequest($"{HeaderLengthHeader} is '{declared}'; it must be the byte length of the JSON header, at most the body's {total} bytes");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1;
        }

        var reader = http.BodyReader;
        var header = ArrayPool<byte>.Shared.Rent(Math.Max(headerLength, 1));
        try
        {
            await ReadExactlyAsync(reader, header, headerLength, cancellationToken);
            var request = InferRequestParser.Parse(header.AsSpan(0, headerLength), total - headerLength, model.Name, model.Signature, maxItems);
            try
            {
                foreach (var input in request.PendingBinary)
                {
                    await ReadExactlyAsync(reader, input.Buffer, cancellationToken);
                }

                return request;
            }
            catch
            {
                request.Dispose();
                throw;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(header);
        }
    }

    private static async Task ReadExactlyAsync(PipeReader reader, byte[] destination, int count, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < count)
        {
            var take = await NextAsync(reader, count - filled, cancellationToken);
            take.Sequence.CopyTo(destination.AsSpan(filled));
            filled += (int)take.Sequence.Length;
            reader.AdvanceTo(take.Sequence.End);
        }
    }

    private static async Task ReadExactlyAsync(PipeReader reader, TensorBuffer destination, CancellationToken cancellationToken)
    {
        long filled = 0;
        var count = destination.ByteLength;
        while (filled < count)
        {
            var take = await NextAsync(reader, count - filled, cancellationToken);
            CopyInto(take.Sequence, destination, filled);
            filled += take.Sequence.Length;
            reader.AdvanceTo(take.Sequence.End);
        }
    }

    private static void CopyInto(ReadOnlySequence<byte> source, TensorBuffer destination, long offset) =>
        source.CopyTo(destination.RawBytes[(int)offset..]);

    /// <summary>Up to <paramref name="wanted"/> bytes that have arrived; a body that ends early is the client's mistake.</summary>
    private static async Task<(ReadOnlySequence<byte> Sequence, bool Completed)> NextAsync(PipeReader reader, long wanted, CancellationToken cancellationToken)
    {
        var result = await reader.ReadAsync(cancellationToken);
        var buffer = result.Buffer;
        if (buffer.IsEmpty && result.IsCompleted)
        {
            throw ProtocolException.BadRequest("the request body ended before the binary tensor data its header announced");
        }

        return (buffer.Slice(0, Math.Min(buffer.Length, wanted)), result.IsCompleted);
    }
}
