using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Reconciler.Inference.Lambda;

/// <summary>
/// Writes the proxy integration's response object: statusCode, headers, body (UTF-8 text; base64 with
/// isBase64Encoded otherwise, e.g. a binary tensor data answer).
/// </summary>
internal static class ApiGatewayResponse
{
    /// <summary>
    /// Payload 1.0 (REST API) takes multiValueHeaders. Payload 2.0 (HTTP API) has no such field and would drop them,
    /// Content-Type and Inference-Header-Content-Length included, so it gets "headers" with repeated values joined
    /// by commas, and "cookies" for Set-Cookie, as its format defines.
    /// </summary>
    public static byte[] Serialize(int statusCode, IHeaderDictionary headers, ReadOnlySpan<byte> body, bool isVersion2)
    {
        var buffer = new ArrayBufferWriter<byte>(body.Length + 512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", statusCode);
            if (isVersion2)
            {
                WriteVersion2Headers(writer, headers);
            }
            else
            {
                writer.WriteStartObject("multiValueHeaders");
                foreach (var (name, values) in headers)
                {
                    writer.WriteStartArray(name);
                    foreach (var value in values)
                    {
                        writer.WriteStringValue(value);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
            }

            var isText = IsUtf8Text(headers.ContentType.ToString());
            writer.WriteString("body", isText ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body));
            writer.WriteBoolean("isBase64Encoded", !isText);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteVersion2Headers(Utf8JsonWriter writer, IHeaderDictionary headers)
    {
        writer.WriteStartObject("headers");
        foreach (var (name, values) in headers)
        {
            if (!string.Equals(name, HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
            {
                writer.WriteString(name, values.ToString());
            }
        }

        writer.WriteEndObject();
        if (headers.TryGetValue(HeaderNames.SetCookie, out var cookies))
        {
            writer.WriteStartArray("cookies");
            foreach (var cookie in cookies)
            {
                writer.WriteStringValue(cookie);
            }

            writer.WriteEndArray();
        }
    }

    private static bool IsUtf8Text(string contentType) =>
        contentType.Length == 0
        || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);
}
