namespace Reconciler.Aws.Tests.Support;

/// <summary>One request as the network saw it, and the operation its sender attached.</summary>
internal sealed record RecordedRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body, AwsOperation? Operation)
{
    /// <summary>The path and query as sent (still percent-encoded).</summary>
    public string PathAndQuery => Uri.PathAndQuery;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
