using System.Text.Json;
using System.Xml;
using Reconciler.Aws.Protocol;

namespace Reconciler.Controller.Aws;

/// <summary>
/// Tells whether an AWS answer on the wire says "too fast", for every protocol: HTTP 429; the
/// x-amzn-ErrorType header (JSON protocols); else the error document's code, JSON
/// (<c>__type</c>/<c>code</c>) or XML (the first <c>&lt;Code&gt;</c>: query, EC2 and S3 errors).
/// Reading the body buffers it first, so the caller still reads the whole answer.
/// </summary>
internal static class AwsThrottleDetector
{
    // Error documents are a few hundred bytes; anything this large is not one worth reading.
    private const long MaxErrorBytes = 1024 * 1024;

    /// <summary>Whether <paramref name="response"/> is a throttling answer.</summary>
    public static async Task<bool> IsThrottledAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status == 429)
        {
            return true;
        }

        // Throttling codes come with 400 (query and JSON protocols) or 503 (EC2, S3); no other
        // answer is looked into, so successes and large downloads are never buffered here.
        if (status is not (400 or 503))
        {
            return false;
        }

        var code = HeaderCode(response) ?? await BodyCodeAsync(response.Content, cancellationToken).ConfigureAwait(false);
        return AwsErrorCodes.IsThrottling(code, status);
    }

    /// <summary>The error code of an error document, JSON or XML; null when it names none.</summary>
    internal static string? ErrorCode(ReadOnlySpan<byte> body)
    {
        body = body.TrimStart("\uFEFF"u8).TrimStart(" \t\r\n"u8);
        if (body.IsEmpty)
        {
            return null;
        }

        return body[0] switch
        {
            (byte)'{' => JsonCode(body),
            (byte)'<' => XmlCode(body.ToArray()),
            _ => null,
        };
    }

    private static string? HeaderCode(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-ErrorType", out var values) && values.FirstOrDefault() is { Length: > 0 } type
            ? AwsJsonProtocol.Shorten(type)
            : null;

    private static async Task<string?> BodyCodeAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null || content.Headers.ContentLength is 0 or > MaxErrorBytes)
        {
            return null;
        }

        // Buffered, so the SDK client or AwsRequestSender reads the same body after this.
        await content.LoadIntoBufferAsync(MaxErrorBytes, cancellationToken).ConfigureAwait(false);
        var body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ErrorCode(body);
    }

    private static string? JsonCode(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var name in (string[])["__type", "code", "Code"])
            {
                if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return AwsJsonProtocol.Shorten(value.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: no code.
        }

        return null;
    }

    private static string? XmlCode(byte[] body)
    {
        try
        {
            using var stream = new MemoryStream(body);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Code")
                {
                    return reader.ReadElementContentAsString().Trim();
                }
            }
        }
        catch (XmlException)
        {
            // Not XML after all: no code.
        }

        return null;
    }
}
