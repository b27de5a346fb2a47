namespace Reconciler.Aws.Protocol;

/// <summary>A protocol-level request, before endpoint, signing and retries are applied.</summary>
/// <param name="Operation">The API operation: named in errors and logs, attached to every HTTP request sent for it (the write gate reads it there).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path relative to the endpoint, already percent-encoded, e.g. "/".</param>
/// <param name="Body">The exact request body.</param>
/// <param name="ContentType">The body's media type, with parameters.</param>
public sealed record AwsHttpRequest(AwsOperation Operation, HttpMethod Method, string Path, byte[] Body, string? ContentType)
{
    /// <summary>Extra headers (e.g. X-Amz-Target); X-Amz-* ones are signed.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The query string without '?', already encoded; empty for none.</summary>
    public string Query { get; init; } = string.Empty;
}
