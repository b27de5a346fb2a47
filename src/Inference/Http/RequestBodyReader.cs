using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Reconciler.Inference.Protocol;

namespace Reconciler.Inference.Http;

/// <summary>Reads a request body into a pooled buffer, refusing with 413 anything over the limit before or while reading.</summary>
internal static class RequestBodyReader
{
    public static async Task<PooledBody> ReadAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength is long declared && declared > limit)
        {
            throw TooLarge(declared, limit);
        }

        // The server's own cap must not cut in before ours, or the client would get a bare 413 without our message.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1;
        }

        var array = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 16 * 1024, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == array.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)array.Length * 2, limit + 1));
                    array.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(array);
                    array = larger;
                }

                var read = await request.Body.ReadAsync(array.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    throw TooLarge(length, limit);
                }
            }

            return new PooledBody(array, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(array);
            throw;
        }
    }

    private static ProtocolException TooLarge(long size, long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"request body of {(size > limit ? $"at least {size}" : size.ToString(System.Globalization.CultureInfo.InvariantCulture))} bytes exceeds the limit of {limit} bytes");
}
