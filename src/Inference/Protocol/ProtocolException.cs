namespace Reconciler.Inference.Protocol;

/// <summary>
/// A request the server refuses, with the HTTP status and the message for the error body. These are the client's
/// mistakes (or a model not ready yet), so they are answered and logged quietly, never as errors.
/// </summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException(int statusCode, string message)
        : base(message) => StatusCode = statusCode;

    public ProtocolException()
        : this(400, "bad request")
    {
    }

    public ProtocolException(string message)
        : this(400, message)
    {
    }

    public ProtocolException(string message, Exception innerException)
        : base(message, innerException) => StatusCode = 400;

    /// <summary>The HTTP status to answer with.</summary>
    public int StatusCode { get; }

    /// <summary>Extra response headers, e.g. Retry-After.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public static ProtocolException BadRequest(string message) => new(400, message);
}
