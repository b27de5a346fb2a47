using System.Net;

namespace Reconciler.Aws.Protocol;

/// <summary>A buffered HTTP answer from AWS.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Headers">Response and content headers, case-insensitive, repeated values comma-joined.</param>
/// <param name="Body">The response body.</param>
public sealed record AwsHttpResponse(HttpStatusCode StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;

    /// <summary>AWS's request id from the headers, when present.</summary>
    public string? RequestId =>
        Headers.TryGetValue("x-amzn-RequestId", out var id) ? id
        : Headers.TryGetValue("x-amz-request-id", out id) ? id
        : null;
}
