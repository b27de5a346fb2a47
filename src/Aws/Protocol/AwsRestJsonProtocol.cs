using System.Text;
using System.Text.Json;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// The rest-json protocol (Lambda, API Gateway): each operation has its own method and URI
/// template; members bound to {Label} (percent-encoded, a greedy {Label+} keeping its slashes),
/// the query string and headers leave the JSON body, which holds the rest (or the payload
/// member alone). Answers fill header and status-code members from the HTTP answer; errors
/// come from x-amzn-ErrorType or the body's "__type"/"code" and "message".
/// </summary>
public sealed class AwsRestJsonProtocol
{
    private const string JsonContentType = "application/json";

    private readonly AwsRequestSender _sender;
    private readonly AwsService _service;
    private readonly IReadOnlyDictionary<string, AwsErrorKind>? _errors;

    /// <param name="sender">Signs, sends and retries.</param>
    /// <param name="service">The service, for endpoint and signing.</param>
    /// <param name="errors">The service's error codes and their kinds (generated); null to judge codes by name.</param>
    public AwsRestJsonProtocol(AwsRequestSender sender, AwsService service, IReadOnlyDictionary<string, AwsErrorKind>? errors = null)
    {
        _sender = sender;
        _service = service;
        _errors = errors;
    }

    /// <summary>Calls <paramref name="operation"/> and reads the answer as <typeparamref name="TOutput"/>.</summary>
    public async Task<TOutput> InvokeAsync<TOutput>(AwsOperation operation, AwsRestBinding binding, object? input, CancellationToken cancellationToken)
    {
        var response = await SendAsync(operation, binding, input, cancellationToken).ConfigureAwait(false);
        return ReadResponse<TOutput>(response);
    }

    /// <summary>Calls <paramref name="operation"/>, whose answer carries nothing the caller needs.</summary>
    public async Task InvokeAsync(AwsOperation operation, AwsRestBinding binding, object? input, CancellationToken cancellationToken) =>
        await SendAsync(operation, binding, input, cancellationToken).ConfigureAwait(false);

    /// <summary>Builds the HTTP request of one call: URI, query string, headers and body.</summary>
    internal static AwsHttpRequest BuildRequest(AwsOperation operation, AwsRestBinding binding, object? input)
    {
        var template = binding.UriTemplate;
        var question = template.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? template : template[..question];
        var query = new List<string>();
        if (question >= 0 && question < template.Length - 1)
        {
            query.Add(template[(question + 1)..]);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        byte[] body = [];
        string? contentType = null;
        if (input is not null)
        {
            var members = AwsShapes.Members(input.GetType());
            foreach (var member in members)
            {
                if (member.Property.GetValue(input) is { } value)
                {
                    path = Bind(member, value, path, query, headers);
                }
            }

            (body, contentType) = Body(input, members);
        }

        return new AwsHttpRequest(operation, new HttpMethod(binding.Method), path, body, contentType)
        {
            Headers = headers,
            Query = string.Join('&', query),
        };
    }

    /// <summary>Reads a success answer: the JSON body (or payload), then header and status-code members.</summary>
    internal static TOutput ReadResponse<TOutput>(AwsHttpResponse response)
    {
        var members = AwsShapes.Members(typeof(TOutput));
        var payload = members.FirstOrDefault(m => m.Location == AwsLocation.Payload);
        var output = payload is null
            ? JsonSerializer.Deserialize<TOutput>(response.Body.Length == 0 ? "{}"u8 : response.Body, AwsJson.Options)!
            : Activator.CreateInstance<TOutput>();
        if (payload is not null && response.Body.Length > 0)
        {
            payload.Property.SetValue(output, ReadPayload(payload.Type, response.Body));
        }

        foreach (var member in members)
        {
            if (ReadLocated(member, response) is { } value)
            {
                member.Property.SetValue(output, value);
            }
        }

        return output;
    }

    private static string Bind(AwsShapeMember member, object value, string path, List<string> query, Dictionary<string, string> headers)
    {
        switch (member.Location)
        {
            case AwsLocation.Uri:
                var text = AwsScalars.Format(value, member.Timestamp, AwsTimestampFormat.Iso8601);
                // A greedy label keeps its slashes: each segment is encoded on its own.
                return path
                    .Replace("{" + member.WireName + "+}", string.Join('/', text.Split('/').Select(SigV4Signer.UriEncode)), StringComparison.Ordinal)
                    .Replace("{" + member.WireName + "}", SigV4Signer.UriEncode(text), StringComparison.Ordinal);
            case AwsLocation.QueryString:
                AddQuery(member, value, query);
                break;
            case AwsLocation.Header:
                headers[member.WireName] = AwsScalars.Format(value, member.Timestamp, AwsTimestampFormat.Rfc822);
                break;
            case AwsLocation.Headers:
                foreach (System.Collections.DictionaryEntry entry in (System.Collections.IDictionary)value)
                {
                    headers[member.WireName + entry.Key] = entry.Value?.ToString() ?? string.Empty;
                }

                break;
        }

        return path;
    }

    private static void AddQuery(AwsShapeMember member, object value, List<string> query)
    {
        string Encode(object scalar) => SigV4Signer.UriEncode(AwsScalars.Format(scalar, member.Timestamp, AwsTimestampFormat.Iso8601));

        if (value is System.Collections.IDictionary map)
        {
            // A query-string map spreads its entries as parameters of their own.
            foreach (System.Collections.DictionaryEntry entry in map)
            {
                query.Add(SigV4Signer.UriEncode((string)entry.Key) + "=" + Encode(entry.Value ?? string.Empty));
            }
        }
        else if (value is System.Collections.IEnumerable list and not string and not byte[])
        {
            foreach (var item in list)
            {
                query.Add(SigV4Signer.UriEncode(member.WireName) + "=" + Encode(item!));
            }
        }
        else
        {
            query.Add(SigV4Signer.UriEncode(member.WireName) + "=" + Encode(value));
        }
    }

    private static (byte[] Body, string? ContentType) Body(object input, AwsShapeMember[] members)
    {
        if (members.FirstOrDefault(m => m.Location == AwsLocation.Payload) is { } payload)
        {
            return payload.Property.GetValue(input) switch
            {
                null => ([], null),
                byte[] bytes => (bytes, "application/octet-stream"),
                string text => (Encoding.UTF8.GetBytes(text), "text/plain"),
                var structure => (JsonSerializer.SerializeToUtf8Bytes(structure, structure.GetType(), AwsJson.Options), JsonContentType),
            };
        }

        // Members bound elsewhere carry [JsonIgnore]; a shape with no body members sends no body.
        return members.Any(m => m.Location == AwsLocation.Body)
            ? (JsonSerializer.SerializeToUtf8Bytes(input, input.GetType(), AwsJson.Options), JsonContentType)
            : ([], null);
    }

    private static object? ReadPayload(Type type, byte[] body) =>
        type == typeof(byte[]) ? body
        : type == typeof(string) ? Encoding.UTF8.GetString(body)
        : JsonSerializer.Deserialize(body, type, AwsJson.Options);

    private static object? ReadLocated(AwsShapeMember member, AwsHttpResponse response)
    {
        switch (member.Location)
        {
            case AwsLocation.StatusCode:
                return (int)response.StatusCode;
            case AwsLocation.Header when response.Headers.TryGetValue(member.WireName, out var text):
                return AwsScalars.Parse(text, member.Type);
            case AwsLocation.Headers:
                var map = AwsShapes.NewMap(typeof(string));
                foreach (var (name, value) in response.Headers.Where(h => h.Key.StartsWith(member.WireName, StringComparison.OrdinalIgnoreCase)))
                {
                    map[name[member.WireName.Length..]] = value;
                }

                return map;
            default:
                return null;
        }
    }

    private Task<AwsHttpResponse> SendAsync(AwsOperation operation, AwsRestBinding binding, object? input, CancellationToken cancellationToken)
    {
        var request = BuildRequest(operation, binding, input);
        return _sender.SendAsync(_service, request, r => AwsJsonProtocol.ParseError(_service, operation.Name, r, _errors), cancellationToken);
    }
}
