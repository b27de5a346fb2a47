using System.Net;

namespace Reconciler.Aws;

/// <summary>
/// AWS refused the call because the caller sends too fast (Throttling, TooManyRequestsException,
/// HTTP 429); thrown only once the sender's retries are spent.
/// </summary>
public sealed class AwsThrottlingException : AwsServiceException
{
    /// <summary>Creates the exception.</summary>
    public AwsThrottlingException(string service, string operation, string errorCode, HttpStatusCode statusCode, string? requestId, string? errorMessage)
        : base(service, operation, errorCode, statusCode, requestId, errorMessage, AwsErrorKind.Throttling)
    {
    }
}
