using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>One method of a REST API: a path and an HTTP method, proxied to the API's Lambda alias.</summary>
public sealed record RestApiMethodSpec
{
    /// <summary>The resource path, from the root: <c>/predict</c>, <c>/models/{model}</c>, <c>/{proxy+}</c>; <c>/</c> for the root.</summary>
    public required string Path { get; init; }

    /// <summary>The HTTP method; <c>ANY</c> takes all of them.</summary>
    [AllowedValues("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY")]
    public required string HttpMethod { get; init; }

    /// <summary>Whether callers must send an API key of a usage plan covering the stage (<c>x-api-key</c>).</summary>
    public bool ApiKeyRequired { get; init; } = true;
}
