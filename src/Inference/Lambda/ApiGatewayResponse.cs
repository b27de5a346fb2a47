using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Reconciler.Inference.Lambda;

/// <summary>Writes the proxy integration's response object: statusCode, headers, body (UTF-8 text; base64 otherwise).</summary>
internal static class ApiGatewayResponse
{
    public static byte[] Serialize(int statusCode, IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        var buffer = new ArrayBufferWriter<byte>(body.Length + 512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("statusCode", statusCode);
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
            var isText = IsUtf8Text(headers.ContentType.ToString());
            writer.WriteString("body", isText ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body));
            writer.WriteBoolean("isBase64Encoded", !isText);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool IsUtf8Text(string contentType) =>
        contentType.Length == 0
        || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);
}
