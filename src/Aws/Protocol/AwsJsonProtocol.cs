using System.Net;
using System.Text.Json;

namespace Reconciler.Aws.Protocol;

/// <summary>
/// The awsJson 1.0/1.1 protocol, once for every JSON service: POST / with
/// X-Amz-Target: Prefix.Operation and Content-Type application/x-amz-json-1.x, a JSON body
/// (timestamps as epoch seconds, blobs as base64; see <see cref="AwsJson"/>), and errors as
/// {"__type": "...", "message": "..."} (or the x-amzn-ErrorType header), classified by the
/// service's error table. A typed client is a thin layer of request and response records on top.
/// </summary>
public sealed class AwsJsonProtocol
{
    private readonly AwsRequestSender _sender;
    private readonly AwsService _service;
    private readonly string _targetPrefix;
    private readonly string _contentType;
    private readonly IReadOnlyDictionary<string, AwsErrorKind>? _errors;

    /// <param name="sender">Signs, sends and retries.</param>
    /// <param name="service">The service, for endpoint and signing.</param>
    /// <param name="targetPrefix">The model's targetPrefix, e.g. "Logs_20140328".</param>
    /// <param name="jsonVersion">The model's jsonVersion, "1.0" or "1.1".</param>
    /// <param name="errors">The service's error codes and their kinds (generated); null to judge codes by name.</param>
    public AwsJsonProtocol(
        AwsRequestSender sender, AwsService service, string targetPrefix, string jsonVersion = "1.1", IReadOnlyDictionary<string, AwsErrorKind>? errors = null)
    {
        if (jsonVersion is not ("1.0" or "1.1"))
        {
            throw new ArgumentException($"JSON protocol version '{jsonVersion}' is unknown; use \"1.0\" or \"1.1\" as the service model says.", nameof(jsonVersion));
        }

        _sender = sender;
        _service = service;
        _targetPrefix = targetPrefix;
        _contentType = "application/x-amz-json-" + jsonVersion;
        _errors = errors;
    }

    /// <summary>Calls <paramref name="operation"/> with <paramref name="input"/> and reads the answer as <typeparamref name="TOutput"/>.</summary>
    public async Task<TOutput> InvokeAsync<TOutput>(AwsOperation operation, object? input, CancellationToken cancellationToken)
    {
        var response = await SendAsync(operation, input, cancellationToken).ConfigureAwait(false);
        var body = response.Body.Length == 0 ? "{}"u8.ToArray() : response.Body;
        return JsonSerializer.Deserialize<TOutput>(body, AwsJson.Options)
            ?? throw new InvalidDataException($"AWS {_service.SigningName} {operation.Name} answered with an empty JSON document.");
    }

    /// <summary>Calls <paramref name="operation"/>, whose answer carries nothing the caller needs.</summary>
    public async Task InvokeAsync(AwsOperation operation, object? input, CancellationToken cancellationToken) =>
        await SendAsync(operation, input, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// As <see cref="InvokeAsync{TOutput}(AwsOperation, object?, CancellationToken)"/> for an operation named
    /// by its model name; it must be one of the generated operations (see <see cref="AwsOperationCatalog"/>),
    /// so every request still says whether it writes.
    /// </summary>
    public Task<TOutput> InvokeAsync<TOutput>(string operation, object? input, CancellationToken cancellationToken) =>
        InvokeAsync<TOutput>(AwsOperationCatalog.Get(_service, operation), input, cancellationToken);

    /// <summary>As <see cref="InvokeAsync(AwsOperation, object?, CancellationToken)"/> for a generated operation named by its model name.</summary>
    public Task InvokeAsync(string operation, object? input, CancellationToken cancellationToken) =>
        InvokeAsync(AwsOperationCatalog.Get(_service, operation), input, cancellationToken);

    /// <summary>Turns a JSON-protocol (or rest-json) error answer into a typed exception.</summary>
    internal static AwsServiceException ParseError(
        AwsService service, string operation, AwsHttpResponse response, IReadOnlyDictionary<string, AwsErrorKind>? errors = null)
    {
        string? code = null;
        string? message = null;
        if (response.Headers.TryGetValue("x-amzn-ErrorType", out var headerType) && !string.IsNullOrWhiteSpace(headerType))
        {
            code = Shorten(headerType);
        }

        try
        {
            using var document = JsonDocument.Parse(response.Body.Length == 0 ? "{}"u8.ToArray() : response.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    switch (property.Name)
                    {
                        case "__type" or "code" or "Code" when code is null:
                            code = Shorten(property.Value.GetString()!);
                            break;
                        case "message" or "Message" or "errorMessage":
                            message ??= property.Value.GetString();
                            break;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the status code still tells what happened.
        }

        code ??= StatusCodeName(response.StatusCode);
        return AwsServiceException.Create(service.SigningName, operation, code, response.StatusCode, response.RequestId, message, errors);
    }

    /// <summary>A status's name when the body names no error, e.g. "TooManyRequests", "InternalServerError".</summary>
    internal static string StatusCodeName(HttpStatusCode status) =>
        Enum.IsDefined(status) ? status.ToString() : "Http" + (int)status;

    /// <summary>"com.amazonaws.logs#ResourceNotFoundException" or "ResourceNotFoundException:http://..." → "ResourceNotFoundException".</summary>
    public static string Shorten(string type)
    {
        var hash = type.LastIndexOf('#');
        if (hash >= 0)
        {
            type = type[(hash + 1)..];
        }

        var colon = type.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? type[..colon] : type;
    }

    private Task<AwsHttpResponse> SendAsync(AwsOperation operation, object? input, CancellationToken cancellationToken)
    {
        var body = input is null ? "{}"u8.ToArray() : JsonSerializer.SerializeToUtf8Bytes(input, input.GetType(), AwsJson.Options);
        var request = new AwsHttpRequest(operation, HttpMethod.Post, "/", body, _contentType)
        {
            Headers = new Dictionary<string, string> { ["X-Amz-Target"] = _targetPrefix + "." + operation.Name },
        };
        return _sender.SendAsync(_service, request, r => ParseError(_service, operation.Name, r, _errors), cancellationToken);
    }
}
