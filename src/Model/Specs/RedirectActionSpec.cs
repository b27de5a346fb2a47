using Reconciler.Model.Kinds;

namespace Reconciler.Model.Specs;

/// <summary>Redirects requests; by default to the same URL over HTTPS on 443, permanently (HTTP 301).</summary>
public sealed record RedirectActionSpec
{
    /// <summary>HTTP, HTTPS or #{protocol} (the request's).</summary>
    [AllowedValues("HTTP", "HTTPS", "#{protocol}")]
    public string Protocol { get; init; } = "HTTPS";

    /// <summary>The port, 1 to 65535, or #{port} (the request's).</summary>
    public string Port { get; init; } = "443";

    /// <summary>The host; #{host} keeps the request's.</summary>
    public string Host { get; init; } = "#{host}";

    /// <summary>The path, starting with /; /#{path} keeps the request's.</summary>
    public string Path { get; init; } = "/#{path}";

    /// <summary>The query without the leading ?; #{query} keeps the request's.</summary>
    public string Query { get; init; } = "#{query}";

    /// <summary>HTTP_301 (permanent) or HTTP_302 (temporary).</summary>
    [AllowedValues("HTTP_301", "HTTP_302")]
    public string StatusCode { get; init; } = "HTTP_301";
}
