namespace Reconciler.Controller.Tests.Aws;

/// <summary>What the fake server answers.</summary>
internal sealed record FakeAnswer(int Status, string Body, string ContentType = "application/x-amz-json-1.1")
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static FakeAnswer Json(string body) => new(200, body);

    public static FakeAnswer JsonError(int status, string type, string message, string requestId = "req-1") =>
        new(status, $$"""{"__type":"{{type}}","message":"{{message}}"}""")
        {
            Headers = new Dictionary<string, string> { ["x-amzn-RequestId"] = requestId },
        };
}
