using System.Text;
using System.Text.Json;

namespace Reconciler.Inference.Lambda;

/// <summary>
/// An HTTP request carried in an API Gateway proxy event: REST API (payload 1.0: httpMethod, path) or HTTP API
/// (payload 2.0: requestContext.http.method, rawPath).
/// </summary>
internal sealed record ApiGatewayRequest(
    string Method, string Path, string QueryString, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, bool IsVersion2)
{
    /// <summary>Reads the event; a payload that is not an API Gateway proxy event is a <see cref="FormatException"/>.</summary>
    public static ApiGatewayRequest Parse(byte[] payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The event is not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The event is not an API Gateway proxy event (expected a JSON object).");
            }

            var isV2 = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == "2.0";
            string method;
            string path;
            string query;
            if (isV2)
            {
                method = root.GetProperty("requestContext").GetProperty("http").GetProperty("method").GetString()!;
                path = StripStage(String(root, "rawPath") ?? "/", root);
                query = String(root, "rawQueryString") is { Length: > 0 } raw ? "?" + raw : string.Empty;
            }
            else if (String(root, "httpMethod") is { } restMethod && String(root, "path") is { } restPath)
            {
                method = restMethod;
                path = restPath;
                query = RestQuery(root);
            }
            else
            {
                throw new FormatException("The event is not an API Gateway proxy event: it has neither httpMethod and path (REST API) nor version 2.0 (HTTP API).");
            }

            var headers = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object)
            {
                foreach (var header in multi.EnumerateObject())
                {
                    headers.AddRange(header.Value.EnumerateArray().Select(value => KeyValuePair.Create(header.Name, value.GetString() ?? string.Empty)));
                }
            }
            else if (root.TryGetProperty("headers", out var single) && single.ValueKind == JsonValueKind.Object)
            {
                headers.AddRange(single.EnumerateObject().Select(h => KeyValuePair.Create(h.Name, h.Value.GetString() ?? string.Empty)));
            }

            var body = String(root, "body") is { } text
                ? (root.TryGetProperty("isBase64Encoded", out var b64) && b64.ValueKind == JsonValueKind.True ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text))
                : [];
            return new ApiGatewayRequest(method, path, query, headers, body, isV2);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>HTTP APIs put a named stage in rawPath; the routes are the same without it.</summary>
    private static string StripStage(string rawPath, JsonElement root)
    {
        if (root.TryGetProperty("requestContext", out var context) && String(context, "stage") is { Length: > 0 } stage && stage != "$default")
        {
            var prefix = "/" + stage;
            if (rawPath.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                return rawPath[prefix.Length..];
            }
        }

        return rawPath;
    }

    private static string RestQuery(JsonElement root)
    {
        if (!root.TryGetProperty("multiValueQueryStringParameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        var parts = parameters.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateArray().Select(v => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(v.GetString() ?? string.Empty)));
        var query = string.Join("&", parts);
        return query.Length > 0 ? "?" + query : string.Empty;
    }
}
