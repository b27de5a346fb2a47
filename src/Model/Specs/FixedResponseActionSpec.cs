using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>Answers requests itself with a fixed status, content type and body.</summary>
public sealed record FixedResponseActionSpec
{
    /// <summary>The HTTP status, 2XX, 4XX or 5XX, e.g. "404".</summary>
    public required string StatusCode { get; init; }

    /// <summary>The answer's content type.</summary>
    [AllowedValues("text/plain", "text/css", "text/html", "application/javascript", "application/json")]
    public string ContentType { get; init; } = "text/plain";

    /// <summary>The answer's body, at most 1024 characters.</summary>
    public string? MessageBody { get; init; }
}
